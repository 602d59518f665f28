package io.mooring.acceptance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, both Debian's ({@code ./mooring test} installs them). Both paths
 * are given, so Selenium Manager, which would download a driver and a browser, never runs. Each browser has a
 * profile of its own, deleted on close. Screenshots and failure pages go to {@code acceptance/target/screenshots}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Path SCREENSHOTS = Path.of(System.getProperty("project.build.directory", "target"), "screenshots");

  // No sandbox: these machines run tests as root, where Chromium refuses to start with it. Nothing that phones home
  // (component updates, sync, background requests, QUIC): the network here reaches no Google service. /dev/shm is
  // small in containers; --disable-dev-shm-usage puts shared memory in /tmp instead.
  private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");

  // Selenium looks for DevTools (CDP) classes matching the browser's version on every start and warns when it has
  // none; Browser uses WebDriver only, so there is nothing to match. Held here: JUL keeps loggers weakly.
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  private final Path profile;
  private final ChromeDriver driver;
  private final List<LogEntry> console = new ArrayList<>();

  Browser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + ": run ./mooring test (it installs them), or apt-get install -y chromium chromium-driver");
    }
    Files.createDirectories(SCREENSHOTS);
    profile = Files.createTempDirectory("mooring-chromium-");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(SCREENSHOTS.resolveSibling("chromedriver.log").toFile())
        .withAppendLog(true)
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      delete(profile);
      throw e;
    }
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(TIMEOUT);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  /** The element, once displayed. */
  WebElement waitFor(By locator) {
    return waitFor(locator, TIMEOUT);
  }

  WebElement waitFor(By locator, Duration timeout) {
    return new WebDriverWait(driver, timeout).withMessage(() -> locator + " to be displayed")
        .until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** The element, once its text contains {@code text}; a timeout says what the text was instead. */
  WebElement waitForText(By locator, String text) {
    return waitForText(locator, text, TIMEOUT);
  }

  WebElement waitForText(By locator, String text, Duration timeout) {
    new WebDriverWait(driver, timeout)
        .withMessage(() -> locator + " to contain \"" + text + "\"; it reads \"" + textOf(locator) + "\"")
        .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    return driver.findElement(locator);
  }

  void waitUntil(Supplier<Boolean> condition, String what) {
    new WebDriverWait(driver, TIMEOUT).withMessage(what).until(d -> condition.get());
  }

  /** The page as a PNG, {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    return Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * What a failed test leaves to look at: {@code <name>.png}, the page source ({@code <name>.html}) and the console
   * ({@code <name>.console.txt}). Never throws: a browser that died must not hide the test's own failure.
   */
  void saveFailure(String name) {
    try {
      screenshot(name);
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
      drainConsole();
      StringBuilder lines = new StringBuilder();
      console.forEach(e -> lines.append(e).append('\n'));
      Files.writeString(SCREENSHOTS.resolve(name + ".console.txt"), lines);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not save the browser's state for " + name + ": " + e);
    }
  }

  /**
   * The console's SEVERE entries since this browser started: uncaught exceptions, {@code console.error}, failed
   * requests (a missing favicon counts: give pages {@code <link rel="icon" href="data:,">}).
   */
  List<String> consoleErrors() {
    drainConsole();
    return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /** chromedriver hands each entry out once; keep them all. */
  private void drainConsole() {
    console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
  }

  private String textOf(By locator) {
    try {
      return driver.findElement(locator).getText();
    } catch (RuntimeException e) {
      return "(" + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public void close() {
    try {
      driver.quit(); // stops chromedriver too
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
