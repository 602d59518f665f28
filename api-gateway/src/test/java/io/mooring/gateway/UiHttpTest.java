package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.gateway.GatewayClient.Reply;
import org.junit.jupiter.api.Test;

/** The web UI's files as the gateway serves them (what the pages do is WebUiTest's, in a real browser). */
class UiHttpTest extends LiveGatewayTest {
  @Test
  void theRootSendsABrowserToTheUi() {
    Reply reply = gateway.get("/", "text/html");
    assertEquals(303, reply.status());
    assertEquals("/ui/", reply.header("Location"));
  }

  @Test
  void theUiIsServedWithTheTypesModulesNeed() {
    for (String path : new String[] {"/ui", "/ui/"}) {
      Reply index = gateway.get(path, "text/html,application/xhtml+xml,*/*;q=0.8");
      assertEquals(200, index.status(), path);
      assertEquals("text/html; charset=utf-8", index.contentType());
      assertTrue(index.raw().body().contains("<script type=\"importmap\">"), index.raw().body());
    }
    Reply module = gateway.get("/ui/js/main.js", "*/*");
    assertEquals(200, module.status());
    assertEquals("text/javascript; charset=utf-8", module.contentType(), "a module must come as JavaScript");
    assertEquals("no-cache", module.header("Cache-Control"));
    assertEquals("text/css; charset=utf-8", gateway.get("/ui/css/mooring.css", "*/*").contentType());
    assertEquals(200, gateway.get("/ui/vendor/preact.module.js", "*/*").status());
  }

  @Test
  void onlyTheUisOwnFilesAreServed() {
    for (String path : new String[] {"/ui/nope.js", "/ui/../application-api-gateway.yml", "/ui/%2e%2e/logback.xml",
        "/ui/js", "/ui/js/main.java"}) {
      Reply reply = gateway.get(path, "*/*");
      assertEquals(404, reply.status(), path + ": " + reply.raw().body());
    }
  }
}
