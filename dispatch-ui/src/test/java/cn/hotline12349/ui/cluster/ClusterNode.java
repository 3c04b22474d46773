package cn.hotline12349.ui.cluster;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.HotlineApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One node of a test cluster: its own clustered Vert.x (Hazelcast on loopback, TCP-IP join with the given members)
 * running the whole app over a shared test database. Short lease timings (unless given) keep fail-over tests quick.
 */
final class ClusterNode implements AutoCloseable {
  static final String PASSWORD = "test-password";
  final String name;
  final Vertx vertx;
  final HotlineApp app;
  final PrometheusMeterRegistry registry;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens = new HashMap<>();
  private boolean closed;

  private ClusterNode(String name, Vertx vertx, HotlineApp app, PrometheusMeterRegistry registry) {
    this.name = name;
    this.vertx = vertx;
    this.app = app;
    this.registry = registry;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hazelcast's port of this node and the members' ports (this one included). */
  static ClusterNode start(String name, int hzPort, List<Integer> memberPorts, DatabaseConfig db, Clock clock,
      Map<String, String> extraEnv) {
    return start(name, hzPort, memberPorts, db, clock, extraEnv, ConfigDir.resolve());
  }

  /** As above with another config dir (e.g. a pbx-mapping.yaml naming the real-PBX suite's sipp phones). */
  static ClusterNode start(String name, int hzPort, List<Integer> memberPorts, DatabaseConfig db, Clock clock,
      Map<String, String> extraEnv, Path configDir) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("HOTLINE_CLUSTER", "true");
    env.put("HOTLINE_NODE_NAME", name);
    env.put("HOTLINE_CLUSTER_NAME", "test-" + memberPorts.get(0));
    env.put("HOTLINE_CLUSTER_PORT", Integer.toString(hzPort));
    env.put("HOTLINE_CLUSTER_MEMBERS", String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    env.putIfAbsent("HOTLINE_PBX_LEASE_TTL_MS", "2000");
    env.putIfAbsent("HOTLINE_PBX_LEASE_RENEW_MS", "500");
    env.putIfAbsent("HOTLINE_AGI_PORT", "off");
    ClusterSettings cs = ClusterSettings.fromEnv(env);
    Vertx vertx = ClusteredVertx.build(Vertx.builder(), new VertxOptions(), cs).await();
    AppSettings settings = new AppSettings(Path.of("target/unused-data"), null, 0, configDir, true, PASSWORD,
        Duration.ofHours(1), false, Map.copyOf(env));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HotlineApp app = HotlineApp.start(vertx, settings, db, registry, clock).await();
    return new ClusterNode(name, vertx, app, registry);
  }

  String base() { return "http://localhost:" + app.httpPort(); }

  String login(String user) {
    return tokens.computeIfAbsent(user, u -> {
      HttpResponse<String> r = send("POST", "/api/login", null,
          new JsonObject().put("username", u).put("password", PASSWORD).encode());
      if (r.statusCode() != 200) throw new IllegalStateException("login of " + u + " on " + name + ": " + r.body());
      return new JsonObject(r.body()).getString("token");
    });
  }

  HttpResponse<String> get(String user, String path) { return send("GET", path, user == null ? null : login(user), null); }

  HttpResponse<String> post(String user, String path, JsonObject body) {
    return send("POST", path, login(user), body == null ? "" : body.encode());
  }

  JsonObject health() { return new JsonObject(get(null, "/health").body()); }

  private HttpResponse<String> send(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " on " + name, e);
    }
  }

  /** Opens /api/events as {@code user}; frames ({address, body}) collect in the returned list as they arrive. */
  List<JsonObject> stream(String user) {
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/api/events"))
        .header("Authorization", "Bearer " + login(user)).build();
    // The response's head comes after the server registered the connection: from then on nothing is missed.
    HttpResponse<java.util.stream.Stream<String>> r = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
        .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    if (r.statusCode() != 200) throw new IllegalStateException("event stream on " + name + ": " + r.statusCode());
    Thread t = new Thread(() -> r.body().filter(l -> l.startsWith("data: "))
        .forEach(l -> frames.add(new JsonObject(l.substring(6)))), "sse-" + name + "-" + user);
    t.setDaemon(true);
    t.start();
    return frames;
  }

  /** Without giving the PBX lease up: as a process that dies (its lease runs out; nobody is told). */
  void crash() {
    closed = true;
    // A dead process's sockets die with it at once; vertx.close() also closes the FastAGI listener, this just does it first.
    app.services().pbx().current().agi().ifPresent(cn.hotline12349.telephony.agi.IntakeAgiServer::close);
    vertx.close().await();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    app.close().await();
    vertx.close().await();
  }

  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return await(what, Duration.ofSeconds(20), probe, done);
  }

  static <T> T await(String what, Duration max, Supplier<T> probe, Predicate<T> done) {
    long end = System.nanoTime() + max.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what + ": " + last);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }
}
