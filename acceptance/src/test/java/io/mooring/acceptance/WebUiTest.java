package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.reservationsOf;
import static io.mooring.acceptance.Moorings.volumeDirectoryExists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI in real Chromium against the whole stack: the seed's PostgreSQL-style app is created through the form
 * (its volume's errors shown inline first), runs, shows its volume attached, detached after a scale to 0 and
 * attached again after a scale to 1; its stdout is read from the agent's sandbox; a wipe from the volume's page
 * replaces the volume; deleting the app leaves nothing. Screenshots of each page go to target/screenshots.
 */
class WebUiTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration SCHEDULING = Duration.ofSeconds(60);
  /** The task prints to both files, then keeps writing to its volume. */
  private static final String COMMAND = "echo 'database system is ready to accept connections'; "
      + "echo 'checkpoint starting' >&2; while true; do date >> pgdata/clock; sleep 1; done";
  private static Stack stack;  // STACK's
  private Browser browser;
  @RegisterExtension final BrowserOnFailure pages = new BrowserOnFailure(() -> browser);

  @BeforeEach
  void openBrowser() throws Exception {
    browser = new Browser();
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  @Test
  void aStatefulAppFromCreationToDeletion() throws Exception {
    browser.open(stack.uri("/").toString());
    browser.waitForText(By.tagName("h1"), "Services");
    assertTrue(browser.driver().getCurrentUrl().contains("/ui/"), "/ sends the browser to the UI");

    // The form: the volume's mistakes come back inline, next to their fields, and nothing is created.
    click(By.linkText("Create app"));
    browser.waitForText(By.tagName("h1"), "Create app");
    type("f-id", "/postgres");
    type("f-cpus", "1");
    type("f-mem", "512");
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("f-container-type")))
        .selectByValue("DOCKER");
    type("f-container-docker-image", "postgres:latest");
    type("f-cmd", COMMAND);
    type("f-env", "POSTGRES_PASSWORD=password\nPGDATA=pgdata");
    click(By.xpath("//button[normalize-space()='Add volume']"));
    assertEquals(List.of(), unlabelledControls(), "every control of the form has a label");
    type("f-container-volumes-0-containerPath", "/var/lib/postgresql/data");
    type("f-container-volumes-0-persistent-size", "0");
    click(By.xpath("//button[normalize-space()='Create app']"));
    browser.waitForText(By.id("f-container-volumes-0-containerPath-error"), "/");
    browser.waitForText(By.id("f-container-volumes-0-persistent-size-error"), "0");
    assertEquals("true", browser.driver().findElement(By.id("f-container-volumes-0-containerPath"))
        .getDomAttribute("aria-invalid"));
    assertEquals(404, stack.get("/v2/apps/postgres").status(), "a refused app writes nothing");
    browser.screenshot("01-create-app-errors");

    type("f-container-volumes-0-containerPath", "pgdata");
    type("f-container-volumes-0-persistent-size", "512");
    click(By.xpath("//button[normalize-space()='Create app']"));

    // Its page: running, then the Volumes tab shows the volume attached.
    browser.waitForText(By.tagName("h1"), "/postgres");
    browser.waitForText(By.cssSelector(".subheader"), "1 of 1 instances running", SCHEDULING);
    browser.waitForText(By.cssSelector("table[aria-label=Instances]"), "Running");
    browser.screenshot("02-app-instances");
    JsonNode app = stack.get("/v2/apps/postgres").json().get("app");
    assertEquals("DOCKER", app.at("/container/type").asText());
    assertEquals("pgdata", app.at("/env/PGDATA").asText());
    assertEquals(512, app.at("/container/volumes/0/persistent/size").asInt());

    // The tabs answer the arrow keys, as WAI-ARIA's tab pattern has them.
    browser.waitFor(By.id("tab-instances")).sendKeys(Keys.ARROW_RIGHT);
    browser.waitUntil(() -> "tab-volumes".equals(browser.driver().switchTo().activeElement().getDomAttribute("id")),
        "the arrow key to move the focus to the Volumes tab");
    assertEquals("true", browser.driver().findElement(By.id("tab-volumes")).getDomAttribute("aria-selected"));
    WebElement volumes = browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Attached");
    String persistenceId = volumes.findElement(By.cssSelector("tbody a")).getText();
    assertTrue(persistenceId.startsWith("postgres#pgdata#"), persistenceId);
    browser.screenshot("03-app-volumes-attached");

    // Scale to 0: the task ends, the volume stays, detached.
    scaleTo(0);
    browser.waitForText(By.cssSelector(".subheader"), "0 of 0 instances running", SCHEDULING);
    browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Detached", SCHEDULING);
    assertEquals(persistenceId, browser.driver().findElement(By.cssSelector("table[aria-label=Volumes] tbody a"))
        .getText());
    browser.screenshot("04-app-volumes-detached");

    // The ended task's stdout and stderr, from its sandbox on the agent.
    click(By.id("tab-instances"));
    click(By.linkText("stdout/stderr"));
    browser.waitForText(By.tagName("h1"), "Logs");
    browser.waitForText(By.cssSelector("pre.log"), "database system is ready to accept connections");
    browser.screenshot("05-task-stdout");
    click(By.id("tab-stderr"));
    browser.waitForText(By.cssSelector("pre.log"), "checkpoint starting");

    // Scale to 1: relaunched on the same volume.
    browser.driver().navigate().back();
    browser.driver().navigate().back();
    browser.waitForText(By.tagName("h1"), "/postgres");
    scaleTo(1);
    click(By.id("tab-volumes"));
    browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Attached", SCHEDULING);
    assertEquals(persistenceId, browser.driver().findElement(By.cssSelector("table[aria-label=Volumes] tbody a"))
        .getText(), "the same volume, attached again");

    // The volume's page, and a wipe from there: the volume goes, a new one comes, attached.
    click(By.linkText(persistenceId));
    browser.waitForText(By.cssSelector(".subheader"), "Attached");
    browser.waitForText(By.cssSelector("dl[aria-label='Instance history']"), "Launches on this volume");
    assertTrue(browser.driver().findElement(By.cssSelector("dl.facts")).getText().contains("512 MiB"));
    browser.screenshot("06-volume-detail");
    click(By.xpath("//button[normalize-space()='Destroy (wipe)']"));
    WebElement dialog = browser.waitForText(By.cssSelector("dialog[open]"), "will be erased");
    assertTrue(dialog.getText().contains(persistenceId), "the confirmation names the volume");
    browser.screenshot("07-volume-wipe-confirmation");
    click(By.xpath("//dialog[@open]//button[normalize-space()='Destroy and erase the data']"));
    browser.waitForText(By.cssSelector(".subheader"), "Destroyed", SCHEDULING);
    await("the old volume gone from the agent", SCHEDULING,
        () -> volumeDirectoryExists(stack, persistenceId) ? Optional.empty() : Optional.of(true));

    click(By.partialLinkText("See /postgres's volumes"));
    WebElement replaced = browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Attached", SCHEDULING);
    String newVolume = replaced.findElement(By.cssSelector("tbody a")).getText();
    assertNotEquals(persistenceId, newVolume);
    assertTrue(newVolume.startsWith("postgres#pgdata#"), newVolume);

    // The Volumes page across all apps.
    click(By.linkText("Volumes"));
    browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), newVolume);
    assertTrue(!browser.driver().findElement(By.cssSelector("table[aria-label=Volumes]")).getText()
        .contains(persistenceId), "the wiped volume is not listed");
    browser.screenshot("08-volumes");
    click(By.linkText("Services"));
    browser.waitForText(By.cssSelector("table[aria-label=Services]"), "/postgres");
    browser.screenshot("09-services");

    // Delete: the confirmation names the volume; afterwards nothing is left, in Mooring or in Mesos.
    click(By.linkText("/postgres"));
    click(By.xpath("//div[contains(@class,'toolbar')]/button[normalize-space()='Delete']"));
    dialog = browser.waitForText(By.cssSelector("dialog[open]"), newVolume);
    assertTrue(dialog.getText().contains("erased"), dialog.getText());
    click(By.xpath("//dialog[@open]//button[normalize-space()='Delete and destroy volumes']"));
    browser.waitForText(By.tagName("h1"), "Services");
    await("nothing left", SCHEDULING, () -> stack.get("/v2/volumes?runSpecId=/postgres").json().get("volumes").isEmpty()
        && reservationsOf(stack, "postgres").isEmpty() && stack.get("/v2/apps/postgres").status() == 404
        ? Optional.of(true) : Optional.empty());
    assertTrue(!volumeDirectoryExists(stack, newVolume));
    browser.waitUntil(() -> browser.driver().findElements(By.linkText("/postgres")).isEmpty(),
        "the services list without /postgres");

    // Requests the UI expected to fail (the refused create, the destroyed volume) are the only console errors.
    List<String> errors = browser.consoleErrors().stream()
        .filter(error -> !error.matches(".*Failed to load resource: the server responded with a status of (422|404).*"))
        .toList();
    assertEquals(List.of(), errors);
  }

  /** The ids (or tags) of the page's inputs, selects and text areas that no label names. */
  @SuppressWarnings("unchecked")
  private List<String> unlabelledControls() {
    return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
        "return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.tagName)");
  }

  @Test
  void aPodThroughTheFormEditedInJsonMode() throws Exception {
    browser.open(stack.uri("/ui/#/services/new?kind=pod").toString());
    browser.waitForText(By.tagName("h1"), "Create pod");
    type("f-id", "/cassandra");
    type("f-containers-0-exec-command-shell", "echo 'pod ready'; while true; do date >> data/clock; sleep 1; done");
    click(By.xpath("//button[normalize-space()='Add volume']"));
    type("f-volumes-0-name", "data");
    type("f-volumes-0-mountPath", "data");
    type("f-volumes-0-persistent-size", "64");
    click(By.xpath("//button[normalize-space()='Create pod']"));

    browser.waitForText(By.cssSelector(".subheader"), "1 of 1 instances running", SCHEDULING);
    browser.waitForText(By.cssSelector("table[aria-label=Instances]"), "Stable");
    JsonNode pod = stack.get("/v2/pods/cassandra").json();
    assertEquals("data", pod.at("/containers/0/volumeMounts/0/name").asText(), pod.toString());
    assertEquals(64, pod.at("/volumes/0/persistent/size").asInt(), pod.toString());
    click(By.id("tab-volumes"));
    String persistenceId = browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Attached")
        .findElement(By.cssSelector("tbody a")).getText();
    assertTrue(persistenceId.startsWith("cassandra#data#"), persistenceId);

    // The container's stdout, from its own sandbox inside the pod's.
    click(By.id("tab-instances"));
    click(By.linkText("main"));
    browser.waitForText(By.cssSelector("pre.log"), "pod ready");

    // JSON mode: the whole pod as Marathon's JSON; the new command runs on the same volume.
    browser.driver().navigate().back();
    click(By.linkText("Edit"));
    browser.waitForText(By.tagName("h1"), "Edit pod /cassandra");
    click(By.xpath("//button[normalize-space()='JSON mode']"));
    WebElement json = browser.waitFor(By.id("json"));
    String edited = json.getDomProperty("value").replace("pod ready", "pod edited");
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
        "const area = arguments[0]; area.value = arguments[1]; area.dispatchEvent(new Event('input', {bubbles: true}));",
        json, edited);
    browser.screenshot("10-pod-json-mode");
    click(By.xpath("//button[normalize-space()='Save and deploy']"));
    browser.waitUntil(() -> browser.driver().findElement(By.tagName("h1")).getText().equals("/cassandra"),
        "the pod's page once the PUT is answered (the form's heading names the pod too)");
    assertTrue(stack.get("/v2/pods/cassandra").json().at("/containers/0/exec/command/shell").asText()
        .contains("pod edited"));
    await("the edited pod's task", SCHEDULING, () -> stack.get("/v2/pods/cassandra::status").json()
        .at("/instances/0/containers/0/containerId").asText().endsWith(".main.2") ? Optional.of(true) : Optional.empty());
    click(By.id("tab-volumes"));
    browser.waitForText(By.cssSelector("table[aria-label=Volumes]"), "Attached", SCHEDULING);
    assertEquals(persistenceId, browser.driver().findElement(By.cssSelector("table[aria-label=Volumes] tbody a"))
        .getText(), "the upgraded pod runs on its volume");

    click(By.xpath("//div[contains(@class,'toolbar')]/button[normalize-space()='Delete']"));
    browser.waitForText(By.cssSelector("dialog[open]"), persistenceId);
    click(By.xpath("//dialog[@open]//button[normalize-space()='Delete and destroy volumes']"));
    await("nothing left of the pod", SCHEDULING, () -> stack.get("/v2/volumes?runSpecId=/cassandra").json()
        .get("volumes").isEmpty()
        && reservationsOf(stack, "cassandra").isEmpty() ? Optional.of(true) : Optional.empty());
    assertEquals(List.of(), browser.consoleErrors());
  }

  private void scaleTo(int instances) {
    click(By.xpath("//div[contains(@class,'toolbar')]/button[normalize-space()='Scale']"));
    type("scale-instances", String.valueOf(instances));
    browser.driver().findElement(By.id("scale-instances")).sendKeys(Keys.TAB);
    click(By.xpath("//dialog[@open]//button[normalize-space()='Scale']"));
    browser.waitUntil(() -> browser.driver().findElements(By.cssSelector("dialog[open]")).isEmpty(),
        "the scale dialog to close");
  }

  private void click(By locator) {
    browser.waitFor(locator).click();
  }

  /** Replaces a field's text, as a user selecting all and typing would. */
  private void type(String id, String text) {
    WebElement field = browser.waitFor(By.id(id));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }
}
