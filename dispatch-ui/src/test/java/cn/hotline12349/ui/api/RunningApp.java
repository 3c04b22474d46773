package cn.hotline12349.ui.api;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.HotlineApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real system (every verticle, demo data) on a given database and a free port, with a small HTTP client. Also a
 * JUnit 5 extension for a test class's whole life, so a class states only what differs:
 * {@code @RegisterExtension static final RunningApp app = RunningApp.perClass();} starts it on a fresh test database
 * before the class's own {@code @BeforeAll} methods and closes it after its tests ({@link #clock}, {@link #env},
 * {@link #withLoopbackPbx} before it starts).
 */
public final class RunningApp implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final String PASSWORD = "test-password";
  /** Set once started (at once by the static {@code start} methods, before the class's tests by {@link #perClass}). */
  public Vertx vertx;
  public HotlineApp app;
  /** {@link #perClass}'s fresh test database. */
  public TestDb db;
  /** {@link #withLoopbackPbx}'s PBX, connected to before the class's tests. */
  public LoopbackAmiServer pbx;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private Clock clock = Clock.systemUTC();
  private boolean loopbackPbx;

  private RunningApp(Vertx vertx, HotlineApp app) {
    this.vertx = vertx;
    this.app = app;
  }

  private RunningApp() {}

  /** Not started yet: the extension starts it on a fresh test database before the class's tests. */
  public static RunningApp perClass() { return new RunningApp(); }

  /** The app's clock (e.g. a {@link MutableClock}), so deadlines pass without sleeping. */
  public RunningApp clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** More settings from the environment (HOTLINE_*). */
  public RunningApp env(Map<String, String> more) {
    env.putAll(more);
    return this;
  }

  /** A {@link LoopbackAmiServer} as the app's PBX (HOTLINE_AMI_*); the tests start once the bridge is connected. */
  public RunningApp withLoopbackPbx() {
    loopbackPbx = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    db = TestDatabase.create();
    if (loopbackPbx) {
      pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
      env.putAll(Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", Integer.toString(pbx.port()),
          "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "s3cret"));
    }
    RunningApp started = start(db.config(), env, clock);
    vertx = started.vertx;
    app = started.app;
    if (pbx != null) awaitPbxConnected();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (app != null) close();
    } finally {
      if (pbx != null) pbx.close();
    }
  }

  private void awaitPbxConnected() throws InterruptedException {
    if (!pbx.awaitLogins(1, 30, TimeUnit.SECONDS)) throw new IllegalStateException("the app never logged in to the PBX");
    // the loopback server sees the login a moment before the bridge's side counts as connected
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"CONNECTED".equals(app.services().telephony().calls().pbxStatus().getString("status"))) {
      if (System.nanoTime() > end) throw new IllegalStateException("PBX not connected in 30 s");
      Thread.sleep(20);
    }
  }

  /** Without a PBX and without the FastAGI port (tests must not bind fixed ports). */
  public static RunningApp start(DatabaseConfig db) { return start(db, Map.of(), Clock.systemUTC()); }

  /** With the app's clock in the test's hand (e.g. {@link MutableClock}), so deadlines pass without sleeping. */
  public static RunningApp start(DatabaseConfig db, Clock clock) { return start(db, Map.of(), clock); }

  /** With telephony settings, e.g. HOTLINE_AMI_PORT/USER/SECRET of a LoopbackAmiServer; AGI stays off unless given. */
  public static RunningApp start(DatabaseConfig db, Map<String, String> telephonyEnv) {
    return start(db, telephonyEnv, Clock.systemUTC());
  }

  public static RunningApp start(DatabaseConfig db, Map<String, String> telephonyEnv, Clock clock) {
    Map<String, String> env = new HashMap<>(telephonyEnv);
    env.putIfAbsent("HOTLINE_AGI_PORT", "off");
    Vertx vertx = Vertx.vertx();
    AppSettings settings = new AppSettings(Path.of("target/unused-data"), null, 0, ConfigDir.resolve(), true, PASSWORD,
        Duration.ofHours(1), false, Map.copyOf(env));
    HotlineApp app = HotlineApp.start(vertx, settings, db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        clock).await();
    return new RunningApp(vertx, app);
  }

  public String base() { return "http://localhost:" + app.httpPort(); }

  public String login(String user) {
    return tokens.computeIfAbsent(user, u -> {
      Response r = sendWith("POST", "/api/login", new JsonObject().put("username", u).put("password", PASSWORD).encode(), Map.of());
      if (r.status() != 200) throw new IllegalStateException("login of " + u + " failed: " + r.body());
      return r.json().getString("token");
    });
  }

  public Response get(String user, String path) { return send("GET", path, user == null ? null : login(user), null); }

  public Response post(String user, String path, JsonObject body) {
    return send("POST", path, login(user), body == null ? "" : body.encode());
  }

  public Response send(String method, String path, String token, String body) {
    return sendWith(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  public Response sendWith(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    headers.forEach(b::setHeader); // a test may replace the Content-Type
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
          r.headers().allValues("Set-Cookie"));
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }

  @Override
  public void close() {
    app.close().await();
    vertx.close().await();
  }

  public record Response(int status, String body, String contentType, java.util.List<String> cookies) {
    public JsonObject json() { return new JsonObject(body); }
  }
}
