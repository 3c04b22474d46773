package cn.hotline12349.ui.faults;

import cn.hotline12349.core.config.ConfigDir;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real service ({@code cn.hotline12349.ui.Launcher}, as {@code scripts/start} runs it) in a child JVM on a data
 * directory of the test's, so the test can {@code kill -9} it like a crashing machine would.
 */
final class ChildServer implements AutoCloseable {
  static final String PASSWORD = "fault-password";
  final Path dataDir;
  final int port;
  final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ChildServer(Path dataDir, int port, Process process) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
  }

  static ChildServer start(Path dataDir, int port, Map<String, String> extraEnv) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), "cn.hotline12349.ui.Launcher"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("HOTLINE_"));
    env.put("HOTLINE_DATA_DIR", dataDir.toString());
    env.put("HOTLINE_HTTP_PORT", Integer.toString(port));
    env.put("HOTLINE_CONFIG_DIR", ConfigDir.resolve().toString());
    env.put("HOTLINE_DEMO", "true");
    env.put("HOTLINE_DEMO_PASSWORD", PASSWORD);
    env.put("HOTLINE_AGI_PORT", "off");
    env.putAll(extraEnv);
    return new ChildServer(dataDir, port, pb.start());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until {@code /health} answers 200; returns how long that took. */
  Duration awaitUp(Duration max) throws InterruptedException {
    Instant t0 = Instant.now();
    while (Duration.between(t0, Instant.now()).compareTo(max) < 0) {
      if (!process.isAlive()) throw new IllegalStateException("the server died while starting: see " + dataDir.resolve("server.log"));
      try {
        if (send("GET", "/health", null, null, Map.of()).statusCode() == 200) return Duration.between(t0, Instant.now());
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("not up after " + max + ": see " + dataDir.resolve("server.log"));
  }

  String login(String user) throws IOException, InterruptedException {
    HttpResponse<String> r = send("POST", "/api/login", null,
        new JsonObject().put("username", user).put("password", PASSWORD).encode(), Map.of());
    if (r.statusCode() != 200) throw new IllegalStateException("login " + user + ": " + r.statusCode() + " " + r.body());
    return new JsonObject(r.body()).getString("token");
  }

  HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The embedded cluster's owner role, read from the files the server keeps in its data directory. */
  static Connection ownerConnection(Path dataDir) throws IOException, SQLException {
    Path pg = dataDir.resolve("pg");
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(pg.resolve("hotline-credentials.properties"))) {
      p.load(r);
    }
    int port = Integer.parseInt(Files.readAllLines(pg.resolve("postmaster.pid")).get(3).trim());
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + p.getProperty("database"),
        "hotline_owner", p.getProperty("owner.password"));
  }

  /** kill -9: no shutdown hook runs, the embedded PostgreSQL is left behind as the orphan a crash leaves. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the shutdown hook stops the database cleanly
      if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
