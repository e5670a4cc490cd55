package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through the system chromedriver (nothing downloaded): opens
 * console pages, saves a screenshot of each under {@code target/console-screenshots}, asserts the
 * browser console has no SEVERE entry and records first byte and load time per page.
 */
final class BrowserSession implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  /**
   * Records every Content-Security-Policy violation of the document in {@code window.keeperCsp}.
   */
  static final String RECORD_CSP_VIOLATIONS =
      "window.keeperCsp = [];"
          + " document.addEventListener('securitypolicyviolation', e =>"
          + " window.keeperCsp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')"
          + " + ' at ' + e.sourceFile + ':' + e.lineNumber));";

  /** One page load as the browser's Navigation Timing saw it, in milliseconds. */
  record Timing(String page, double firstByteMs, double loadedMs) {}

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final String base;
  private final List<Timing> timings = new ArrayList<>();

  BrowserSession(String base) {
    this.base = base.replaceAll("/+$", "");
    this.profile = Path.of("target", "chrome-profile-" + UUID.randomUUID());
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    this.service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    // runs in every new document before the page's own scripts, outside the page's CSP
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  String url(String path) {
    return base + path;
  }

  /** Opens a page expected to load cleanly. */
  void open(String path, String name) {
    driver.get(url(path));
    page(name);
  }

  /**
   * Checks the page now shown: no SEVERE console entry (but the failed load of the page itself when
   * {@code expectedStatus} says it answers with an error), a screenshot, its timing.
   */
  void page(String name, int... expectedStatus) {
    waitReady();
    timing(name);
    screenshot(name);
    assertNoConsoleErrors(name, expectedStatus);
  }

  void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A picture of one element (scrolled into view), e.g. a chart below the fold. */
  void screenshotOf(String css, String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), find(css).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same page at a phone's width, saved as {@code name-phone.png}. */
  void phoneScreenshot(String name) {
    driver.manage().window().setSize(new Dimension(390, 844));
    screenshot(name + "-phone");
    Object overflow =
        driver.executeScript(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth"
                + " + 1;");
    driver.manage().window().setSize(new Dimension(1280, 900));
    assertThat(overflow).as("%s scrolls sideways at phone width", name).isEqualTo(false);
  }

  void assertNoConsoleErrors(String name, int... expectedStatus) {
    List<LogEntry> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(e -> !expectedFailure(e, expectedStatus))
            .toList();
    assertThat(severe).as("browser console errors on %s", name).isEmpty();
    assertThat(cspViolations()).as("Content-Security-Policy violations on %s", name).isEmpty();
  }

  /** Reads and so empties the browser console's log (after a test provoked an error on purpose). */
  void drainConsole() {
    driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** The CSP violations the page reported so far (the event fires asynchronously). */
  @SuppressWarnings("unchecked")
  List<String> cspViolations() {
    Object list = driver.executeScript("return window.keeperCsp || [];");
    return ((List<Object>) list).stream().map(String::valueOf).toList();
  }

  private static boolean expectedFailure(LogEntry entry, int... statuses) {
    for (int status : statuses) {
      if (entry.getMessage().contains("status of " + status)) {
        return true;
      }
    }
    return false;
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebDriverWait await(Duration timeout) {
    // htmx swaps the progress bar while the test reads it
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  void waitReady() {
    await(Duration.ofSeconds(20))
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  private void timing(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> t =
        (Map<String, Object>)
            driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                    + " return n ? {firstByte: n.responseStart, loaded: n.loadEventEnd} : null;");
    if (t != null) {
      Timing timing = new Timing(name, number(t.get("firstByte")), number(t.get("loaded")));
      timings.add(timing);
      Log.infof(
          "Console page %s: first byte %.0f ms, loaded %.0f ms",
          name, timing.firstByteMs(), timing.loadedMs());
    }
  }

  List<Timing> timings() {
    return List.copyOf(timings);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : -1;
  }

  @Override
  public void close() {
    try {
      Files.writeString(
          SCREENSHOTS.resolve("timings.txt"),
          String.join(
              "\n",
              timings.stream()
                  .map(t -> "%s\t%.0f\t%.0f".formatted(t.page(), t.firstByteMs(), t.loadedMs()))
                  .toList()));
    } catch (IOException e) {
      Log.warn("cannot write the console timings", e);
    }
    driver.quit();
    service.stop();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      Log.warn("cannot delete the browser profile " + profile, e);
    }
  }
}
