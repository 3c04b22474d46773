package cn.hotline12349.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
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
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a fresh test database with demo data, and Debian's Chromium driven by Playwright. Also a JUnit 5
 * extension with its own loopback PBX for a test class's whole life ({@link #perClassWithLoopbackPbx}).
 */
final class BrowserHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String PASSWORD = "hotline12349";
  static final Path SHOTS = Path.of("target", "screenshots");

  // set once started: at once by the constructors, before the class's tests by the extension
  Vertx vertx;
  HotlineApp app;
  Playwright playwright;
  Browser browser;
  String base;
  /** Every URL a page of this harness requested or navigated to (the no-personal-data-in-URLs check reads it). */
  final List<String> urls = new CopyOnWriteArrayList<>();
  /** The app's database (a test may load generated tickets into it). */
  TestDb db;
  /** {@link #perClassWithLoopbackPbx}'s PBX. */
  LoopbackAmiServer pbx;

  /** Not started: {@code @RegisterExtension static final BrowserHarness h = BrowserHarness.perClassWithLoopbackPbx();} */
  private BrowserHarness(boolean unstarted) {}

  /** The extension: a loopback PBX and the harness on it (connected) before the class's tests, both closed after. */
  static BrowserHarness perClassWithLoopbackPbx() { return new BrowserHarness(true); }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    start(pbxEnv(pbx), Clock.systemUTC());
    awaitConnected(pbx);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      close();
    } finally {
      if (pbx != null) pbx.close();
    }
  }

  BrowserHarness() throws Exception { this(Map.of(), Clock.systemUTC()); }

  /** With the clock the server uses: SLA deadlines pass and sessions expire (60 minutes) without sleeping. */
  BrowserHarness(Clock clock) throws Exception { this(Map.of(), clock); }

  /** {@code telephonyEnv}: HOTLINE_AMI_* of a loopback PBX, or empty for none; the FastAGI port stays off. */
  BrowserHarness(Map<String, String> telephonyEnv) throws Exception { this(telephonyEnv, Clock.systemUTC()); }

  BrowserHarness(Map<String, String> telephonyEnv, Clock clock) throws Exception {
    start(telephonyEnv, clock);
  }

  private void start(Map<String, String> telephonyEnv, Clock clock) throws Exception {
    // Fail, never skip: without the browser these tests prove nothing (see docs/ui.md for the install line).
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Debian Chromium must be installed at %s (apt-get install -y chromium)", CHROMIUM).isTrue();
    Files.createDirectories(SHOTS);
    db = TestDatabase.create();
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

  /** With {@code pbx} as its PBX (HOTLINE_AMI_*), returned once the bridge counts as connected to it. */
  static BrowserHarness withPbx(LoopbackAmiServer pbx) throws Exception {
    BrowserHarness h = new BrowserHarness(pbxEnv(pbx));
    h.awaitConnected(pbx);
    return h;
  }

  private static Map<String, String> pbxEnv(LoopbackAmiServer pbx) {
    return Map.of("HOTLINE_AMI_PORT", Integer.toString(pbx.port()), "HOTLINE_AMI_USER", "hotline",
        "HOTLINE_AMI_SECRET", "s3cret");
  }

  private void awaitConnected(LoopbackAmiServer pbx) throws InterruptedException {
    assertThat(pbx.awaitLogins(1, 30, TimeUnit.SECONDS)).isTrue();
    // The loopback server sees the login a moment before the bridge's side counts as connected.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"CONNECTED".equals(app.services().telephony().calls().pbxStatus().getString("status"))) {
      assertThat(System.nanoTime()).as("PBX connected in time").isLessThan(end);
      Thread.sleep(20);
    }
  }

  /**
   * A recorded call ({@link AmiTranscript}) synthesized from {@code number} into Xining's queue, answered there by
   * op-xining's agent 1001; {@code epoch} and {@code index} keep the calls of one test apart.
   */
  static List<AmiMessage> xiningCall(String transcript, String number, double epoch, int index) {
    return new CallSynthesizer(AmiTranscript.loadEvents(transcript)).synthesize(
        List.of(new CallSynthesizer.Spec(number, "hotline-630100", "1001", "630100")), epoch + index, 0, index);
  }

  /** Plays {@code events} on the PBX back to back; returns the call's linkedid. */
  static String play(LoopbackAmiServer pbx, List<AmiMessage> events) throws Exception {
    Replay.backToBack().run(pbx, events);
    return events.stream().filter(m -> m.isEvent("Newchannel")).findFirst().orElseThrow().get("Linkedid");
  }

  private static Map<String, String> withAgiOff(Map<String, String> env) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(env);
    m.putIfAbsent("HOTLINE_AGI_PORT", "off");
    return Map.copyOf(m);
  }

  /** A fresh browser profile at the size operators use, on the login page. */
  Page open() { return open("Asia/Shanghai"); }

  /** The same in another time zone of the browser's own (the UI must show Asia/Shanghai times anyway). */
  Page open(String timezone) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(1366, 768).setLocale("zh-CN").setTimezoneId(timezone));
    context.onRequest(r -> urls.add(r.url()));
    Page page = context.newPage();
    page.onFrameNavigated(f -> urls.add(f.url()));
    page.onPageError(e -> System.err.println("[browser] page error: " + e));
    page.onConsoleMessage(m -> { if ("error".equals(m.type())) System.err.println("[browser] console: " + m.text()); });
    page.setDefaultTimeout(15_000);
    page.navigate(base + "/");
    page.locator("#username").waitFor();
    return page;
  }

  /** A fresh browser profile at the size operators use, logged in as {@code username}. */
  Page login(String username) {
    return loggedIn(open(), username);
  }

  /**
   * The same with {@code initScript} run before the app's own scripts on every page of the profile (spies on
   * Notification and audio, say), logged in once the profile has reloaded with it.
   */
  Page login(String username, String initScript) {
    Page page = open();
    page.context().addInitScript(initScript);
    page.reload();
    return loggedIn(page, username);
  }

  /** An operator's desk: logged in as {@code operator}, the intake form shown. */
  Page desk(String operator) {
    Page page = login(operator);
    page.locator("#ticket-form").waitFor();
    return page;
  }

  /** Types {@code username} and the demo password into the login form on {@code page} and sends it. */
  static void signIn(Page page, String username) {
    page.locator("#username").fill(username);
    page.locator("#password").fill(PASSWORD);
    page.locator("#password").press("Enter");
  }

  /** Logs the page's user out and {@code username} in, in the same browser profile. */
  static void switchUser(Page page, String username) {
    page.locator("#logout").click();
    signIn(page, username);
    page.locator("#logout").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
  }

  private static Page loggedIn(Page page, String username) {
    signIn(page, username);
    page.locator("#logout").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
    return page;
  }

  /** A JSON call to the server as {@code user} (test set-up only; the browser does the work under test). */
  JsonObject api(String user, String method, String path, JsonObject body) {
    // A fresh login each time: a test may have moved the server's clock past the session length.
    String token = call("POST", "/api/login", null,
        new JsonObject().put("username", user).put("password", PASSWORD)).getString("token");
    return call(method, path, token, body);
  }

  private final HttpClient http = HttpClient.newHttpClient();

  private JsonObject call(String method, String path, String token, JsonObject body) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
      return new JsonObject(r.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + path, e);
    }
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

  /** Fills the intake form: a neighbour reports one child in 城东区 (630102), physical abuse, HIGH. */
  static void fillNeighbourReport(Page operator, String age, String gender, String narrative) {
    operator.locator("#tf-relation").selectOption("NEIGHBOUR");
    fillChild(operator, age, gender, "630102");
    operator.locator("#tf-child-0-address").fill("城东区某小区");
    operator.locator("#tf-narrative").fill(narrative);
    fillClass(operator, "VIOLATION", "PHYSICAL_ABUSE", "HIGH");
  }

  /** Fills the intake form's first child: age, gender, county. */
  static void fillChild(Page operator, String age, String gender, String county) {
    operator.locator("#tf-child-0-age").fill(age);
    operator.locator("#tf-child-0-gender").selectOption(gender);
    operator.locator("#tf-child-0-county").selectOption(county);
  }

  /** Fills the intake form's category, subcategory (after its category: the choices follow it) and severity. */
  static void fillClass(Page operator, String category, String subcategory, String severity) {
    operator.locator("#tf-category").selectOption(category);
    operator.locator("#tf-subcategory").selectOption(subcategory);
    operator.locator("#tf-severity").selectOption(severity);
  }
}
