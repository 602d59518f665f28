package io.mooring.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** The browser harness on real Chromium: a page with a form and an ES module, driven with the keyboard. */
class BrowserHarnessTest {
  private static final String INDEX = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Harness</title>
        <link rel="icon" href="data:,">
      </head>
      <body>
        <form>
          <label for="name">Name</label>
          <input id="name" name="name" autocomplete="off">
          <button id="greet" type="submit">Greet</button>
        </form>
        <p id="greeting" aria-live="polite">Nobody greeted yet</p>
        <script type="module">
          import { greet } from "/greet.js";
          document.querySelector("form").addEventListener("submit", (event) => {
            event.preventDefault();
            document.getElementById("greeting").textContent = greet(document.getElementById("name").value);
          });
          document.body.dataset.ready = "true";
        </script>
      </body>
      </html>
      """;
  private static final String MODULE = "export function greet(name) { return `Hello, ${name}!`; }\n";
  private static final String BROKEN = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Broken</title><link rel="icon" href="data:,"></head>
      <body><script>throw new Error("boom");</script></body></html>
      """;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static HttpServer server;
  private static String base;
  private Browser browser;

  @RegisterExtension final BrowserOnFailure onFailure = new BrowserOnFailure(() -> browser);

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Map<String, String[]> pages = Map.of(
        "/", new String[] {"text/html; charset=utf-8", INDEX},
        "/greet.js", new String[] {"text/javascript; charset=utf-8", MODULE},
        "/broken", new String[] {"text/html; charset=utf-8", BROKEN});
    server.createContext("/", exchange -> {
      String[] page = pages.get(exchange.getRequestURI().getPath());
      if (page == null) {
        respond(exchange, 404, "text/plain", "not found");
      } else {
        respond(exchange, 200, page[0], page[1]);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void start() throws IOException {
    long started = System.nanoTime();
    browser = new Browser();
    System.out.printf("Chromium and chromedriver started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aFormWorksWithTheKeyboardAndTheConsoleStaysClean() throws IOException {
    browser.open(base + "/");
    browser.waitFor(By.cssSelector("body[data-ready]")); // the module ran
    WebDriver driver = browser.driver();

    driver.findElement(By.cssSelector("label[for=name]")).click();
    assertEquals("name", driver.switchTo().activeElement().getDomAttribute("id"), "the label focuses its input");
    driver.switchTo().activeElement().sendKeys("Ada");
    driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals("greet", driver.switchTo().activeElement().getDomAttribute("id"), "Tab moves to the button");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);

    browser.waitForText(By.id("greeting"), "Hello, Ada!");
    assertEquals(base + "/", driver.getCurrentUrl(), "the script handled the submit, the form did not navigate");
    Path png = browser.screenshot("BrowserHarnessTest-greeted");
    assertPng(png);
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  void anUncaughtErrorReachesTheConsoleErrorsAndAFailureIsSaved() throws IOException {
    browser.open(base + "/broken");
    browser.waitUntil(() -> !browser.consoleErrors().isEmpty(), "the page's error in the console");
    assertTrue(browser.consoleErrors().get(0).contains("boom"), browser.consoleErrors().toString());

    browser.saveFailure("BrowserHarnessTest-saved");
    assertPng(Browser.SCREENSHOTS.resolve("BrowserHarnessTest-saved.png"));
    assertTrue(Files.readString(Browser.SCREENSHOTS.resolve("BrowserHarnessTest-saved.html")).contains("boom"));
    assertTrue(Files.readString(Browser.SCREENSHOTS.resolve("BrowserHarnessTest-saved.console.txt")).contains("boom"));
  }

  private static void assertPng(Path png) throws IOException {
    assertTrue(Files.size(png) > PNG_SIGNATURE.length, png + " is empty");
    try (var in = Files.newInputStream(png)) {
      assertArrayEquals(PNG_SIGNATURE, in.readNBytes(PNG_SIGNATURE.length), png + " is not a PNG");
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
