package cn.hotline12349.ui.api;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.testing.MutableClock;
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

/** The real system (every verticle, demo data) on a given database and a free port, with a small HTTP client. */
public final class RunningApp implements AutoCloseable {
  public static final String PASSWORD = "test-password";
  public final Vertx vertx;
  public final HotlineApp app;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens = new HashMap<>();

  private RunningApp(Vertx vertx, HotlineApp app) {
    this.vertx = vertx;
    this.app = app;
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
