package io.mooring.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every JSON example of both seed documents, POSTed to the real stack: 201, then GET returns it normalised. */
class SeedExamplesTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static Stack stack;  // STACK's

  private static String example(String name) throws Exception {
    return Files.readString(Stack.ROOT.resolve("deploy/examples").resolve(name));
  }

  /**
   * POSTs, checks Marathon's 201 answer, GETs the stored app, and deletes it so the next example may reuse the id:
   * once its stop deployment ended, as until then the id stays locked.
   */
  private static JsonNode postApp(String file, String id) throws Exception {
    Stack.Response created = stack.post("/v2/apps", example(file));
    assertEquals(201, created.status(), created.body());
    assertNotNull(created.header("Marathon-Deployment-Id"));
    assertEquals("/v2/apps" + id, created.header("Location"));
    assertEquals(409, stack.post("/v2/apps", example(file)).status(), "a second POST of the same id conflicts");
    Stack.Response got = stack.get("/v2/apps" + id);
    assertEquals(200, got.status(), got.body());
    JsonNode app = got.json().get("app");
    assertEquals(id, app.get("id").asText());
    assertEquals("disabled", app.get("unreachableStrategy").asText());
    assertEquals(0, app.get("upgradeStrategy").get("maximumOverCapacity").asDouble());
    assertEquals("WAIT_FOREVER", app.get("residency").get("taskLostBehavior").asText());
    assertEquals(3600, app.get("residency").get("relaunchEscalationTimeoutSeconds").asInt());
    assertFalse(app.get("version").asText().isEmpty());
    assertEquals(200, stack.delete("/v2/apps" + id).status());
    Moorings.await("the stop of " + id + " done", Duration.ofSeconds(60), () -> Optional.of(stack.get("/v2/deployments"))
        .filter(deployments -> !deployments.body().contains("\"" + id + "\"")));
    return app;
  }

  @Test
  void postgresOnAnExclusiveMountDisk() throws Exception {
    JsonNode app = postApp("postgres-mount-disk.json", "/postgres");
    JsonNode persistent = app.at("/container/volumes/0/persistent");
    assertEquals("mount", persistent.get("type").asText());
    assertEquals(524288, persistent.get("size").asInt());
    assertEquals(1048576, persistent.get("maxSize").asInt());
    assertEquals("[[\"path\",\"LIKE\",\"/mnt/ssd-.+\"]]", persistent.get("constraints").toString());
    assertEquals("container/bridge", app.at("/networks/0/mode").asText());
    assertEquals(0, app.at("/upgradeStrategy/minimumHealthCapacity").asDouble());
  }

  @Test
  void mysqlWithAHostPathOntoItsVolume() throws Exception {
    JsonNode app = postApp("mysql.json", "/mysql");
    assertEquals("root", app.at("/container/volumes/0/persistent/type").asText());
    assertEquals("mysqldata", app.at("/container/volumes/1/hostPath").asText());
    assertEquals("/var/lib/mysql", app.at("/container/volumes/1/containerPath").asText());
    assertEquals(3306, app.at("/container/portMappings/0/containerPort").asInt());
    assertEquals("supersecret", app.at("/env/MYSQL_ROOT_PASSWORD").asText());
  }

  @Test
  void olderSeedMysqlWithDockerNetworkBridge() throws Exception {
    JsonNode app = postApp("mysql-docker-network.json", "/mysql");
    assertEquals("container/bridge", app.at("/networks/0/mode").asText());
    assertEquals(3306, app.at("/container/portMappings/0/containerPort").asInt());
    assertEquals(10000, app.at("/container/portMappings/0/servicePort").asInt());
    assertTrue(app.at("/container/docker/network").isMissingNode());
    assertEquals("root", app.at("/container/volumes/0/persistent/type").asText());
  }

  @Test
  void olderSeedPostgresWithResidency() throws Exception {
    JsonNode app = postApp("postgres-residency.json", "/postgres");
    assertEquals(100, app.at("/container/volumes/0/persistent/size").asInt());
    assertEquals("/mnt/mesos/sandbox/pgdata", app.at("/env/PGDATA").asText());
  }

  @Test
  void podWithASharedPersistentVolume() throws Exception {
    Stack.Response created = stack.post("/v2/pods", example("persistent-volume-pod.json"));
    assertEquals(201, created.status(), created.body());
    assertNotNull(created.header("Marathon-Deployment-Id"));
    JsonNode pod = stack.get("/v2/pods/persistent-volume-pod").json();
    assertEquals("/persistent-volume-pod", pod.get("id").asText());
    assertEquals("root", pod.at("/volumes/0/persistent/type").asText());
    assertEquals("disabled", pod.at("/scheduling/unreachableStrategy").asText());
    assertEquals("pst2", pod.at("/containers/1/volumeMounts/0/mountPath").asText());
    assertEquals(2, pod.get("containers").size());
    assertEquals(409, stack.post("/v2/pods", example("persistent-volume-pod.json")).status());
    assertEquals(202, stack.delete("/v2/pods/persistent-volume-pod?force=true").status());
  }
}
