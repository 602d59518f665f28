package io.mooring.sim.agent;

import java.nio.file.Path;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo.Source;

/** Where a persistent volume lives on the agent (src/slave/paths.cpp:699-800). */
final class VolumeLayout {
  private final Path workDir;
  private final Function<String, Path> hostPath;

  VolumeLayout(Path workDir, Function<String, Path> hostPath) {
    this.workDir = workDir;
    this.hostPath = hostPath;
  }

  /** Root disk and PATH disk: {@code <base>/volumes/roles/<role>/<persistence-id>}; MOUNT disk: the root itself. */
  Path pathOf(Resource volume) {
    String id = persistenceId(volume);
    if (isMount(volume)) return hostPath.apply(volume.getDisk().getSource().getMount().getRoot());
    Path base = workDir;
    if (volume.getDisk().hasSource()) {
      Source source = volume.getDisk().getSource();
      if (source.getType() != Source.Type.PATH) {
        throw new IllegalArgumentException("Unsupported disk source " + source.getType() + " for volume " + id);
      }
      base = hostPath.apply(source.getPath().getRoot());
    }
    return base.resolve("volumes").resolve("roles").resolve(encodedRole(volume)).resolve(id);
  }

  static boolean isMount(Resource volume) {
    return volume.getDisk().hasSource() && volume.getDisk().getSource().getType() == Source.Type.MOUNT;
  }

  /** The volume's current role: the top of the reservation stack, else the legacy role; '/' becomes ' '. */
  @SuppressWarnings("deprecation") // Resource.role: the pre-refinement format the master may still hand us
  static String encodedRole(Resource volume) {
    String role = volume.getReservationsCount() > 0
        ? volume.getReservations(volume.getReservationsCount() - 1).getRole()
        : volume.getRole();
    if (role.isEmpty() || role.equals("*")) {
      throw new IllegalArgumentException("Persistent volume " + persistenceId(volume) + " is not reserved");
    }
    return role.replace('/', ' ');
  }

  private static String persistenceId(Resource volume) {
    if (!volume.getDisk().hasPersistence()) {
      throw new IllegalArgumentException("Not a persistent volume: " + volume.getName());
    }
    String id = volume.getDisk().getPersistence().getId();
    // Mesos validates ids at CREATE; refusing here keeps a bad id from escaping the volumes directory.
    if (!Ids.isSafeComponent(id)) throw new IllegalArgumentException("Invalid persistence id '" + id + "'");
    return id;
  }
}
