package cn.hotline12349.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.HotlineApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.Playwright;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real server on a fresh test database with demo data, and Debian's Chromium driven by Playwright. */
final class BrowserHarness implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String PASSWORD = "hotline12349";
  static final Path SHOTS = Path.of("target", "screenshots");

  final Vertx vertx;
  final HotlineApp app;
  final Playwright playwright;
  final Browser browser;
  final String base;

  BrowserHarness() throws Exception { this(Map.of(), Clock.systemUTC()); }

  /** With the app's clock in the test's hand, so SLA deadlines pass without sleeping. */
  BrowserHarness(Clock clock) throws Exception { this(Map.of(), clock); }

  /** {@code telephonyEnv}: HOTLINE_AMI_* of a loopback PBX, or empty for none; the FastAGI port stays off. */
  BrowserHarness(Map<String, String> telephonyEnv) throws Exception { this(telephonyEnv, Clock.systemUTC()); }

  BrowserHarness(Map<String, String> telephonyEnv, Clock clock) throws Exception {
    // Fail, never skip: without the browser these tests prove nothing (see docs/ui.md for the install line).
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Debian Chromium must be installed at %s (apt-get install -y chromium)", CHROMIUM).isTrue();
    Files.createDirectories(SHOTS);
    TestDb db = TestDatabase.create();
    vertx = Vertx.vertx();
    AppSettings settings = new AppSettings(Files.createTempDirectory("hotline-ui"), null, 0, ConfigDir.resolve(),
        true, PASSWORD, Duration.ofMinutes(60), false, withAgiOff(telephonyEnv));
    app = HotlineApp.start(vertx, settings, db.config(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        clock).await();
    base = "http://127.0.0.1:" + app.httpPort();
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  private static Map<String, String> withAgiOff(Map<String, String> env) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(env);
    m.putIfAbsent("HOTLINE_AGI_PORT", "off");
    return Map.copyOf(m);
  }

  /** A fresh browser profile at the size operators use, logged in as {@code username}. */
  Page login(String username) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(1366, 768).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"));
    Page page = context.newPage();
    page.setDefaultTimeout(15_000);
    page.navigate(base + "/");
    page.locator("#username").fill(username);
    page.locator("#password").fill(PASSWORD);
    page.locator("#password").press("Enter");
    page.locator("#logout").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
    return page;
  }

  void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(false));
  }

  @Override
  public void close() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (app != null) app.close().await();
    if (vertx != null) vertx.close().await();
  }
}
