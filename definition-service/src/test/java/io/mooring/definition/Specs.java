package io.mooring.definition;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.mooring.definition.normalization.AppNormalizer;
import io.mooring.definition.normalization.PodNormalizer;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;

/** Test specs written as Marathon JSON. */
public final class Specs {
  private Specs() {}

  public static App app(String json) {
    App.Builder app = App.newBuilder();
    merge(json, app);
    return app.build();
  }

  public static Pod pod(String json) {
    Pod.Builder pod = Pod.newBuilder();
    merge(json, pod);
    return pod.build();
  }

  public static App normalizedApp(String json) {
    return AppNormalizer.normalize(app(json), "mooring");
  }

  public static Pod normalizedPod(String json) {
    return PodNormalizer.normalize(pod(json), "mooring");
  }

  /** A resident app whose single volume is {@code volume}, plus {@code extraFields} (JSON members, may be empty). */
  public static String residentApp(String volume, String extraFields) {
    return "{\"id\":\"/db\",\"cmd\":\"sleep 3600\"" + (extraFields.isEmpty() ? "" : "," + extraFields)
        + ",\"container\":{\"type\":\"MESOS\",\"volumes\":[" + volume + "]}}";
  }

  public static String residentApp(String extraFields) {
    return residentApp("{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}", extraFields);
  }

  /** A resident pod with volume {@code volumes} mounted by one container via {@code mounts}, plus extra fields. */
  public static String residentPod(String volumes, String mounts, String extraFields) {
    return "{\"id\":\"/pod\"" + (extraFields.isEmpty() ? "" : "," + extraFields)
        + ",\"volumes\":[" + volumes + "],\"containers\":[{\"name\":\"c1\",\"exec\":{\"command\":{\"shell\":\"sleep 1\"}},"
        + "\"resources\":{\"cpus\":0.1,\"mem\":32},\"volumeMounts\":[" + mounts + "]}]}";
  }

  public static String residentPod(String extraFields) {
    return residentPod("{\"name\":\"pst\",\"persistent\":{\"size\":10}}",
        "{\"name\":\"pst\",\"mountPath\":\"pst1\"}", extraFields);
  }

  private static void merge(String json, com.google.protobuf.Message.Builder builder) {
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
