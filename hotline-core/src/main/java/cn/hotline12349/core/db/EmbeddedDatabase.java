package cn.hotline12349.core.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server from the zonky bundle, keeping its data in a directory across restarts, run with
 * PostgreSQL's durable defaults, password (SCRAM) authentication on loopback only, and three roles: the superuser
 * (bootstrap only), an owner that runs the migrations, and the application role the service connects as
 * ({@link #config()}). A start first stops an orphaned server of an earlier, killed run; while running, a supervisor
 * restarts the server if it dies (crash recovery replays the WAL).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String HBA = """
      # Written by the hotline at every start (EmbeddedDatabase): passwords (SCRAM) only, loopback only,
      # no replication connections for anyone, no unix socket.
      host  all  all  127.0.0.1/32  scram-sha-256
      host  all  all  ::1/128       scram-sha-256
      """;
  private final Path dataDir;
  private final int port;
  private final Durability durability;
  private final DbCredentials creds;
  private final PostmasterPidFile pidFile;
  private final DataDirLock lock;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile ProcessHandle postmaster;
  private volatile boolean closed;
  private ScheduledExecutorService supervisor;

  private EmbeddedDatabase(Path dataDir, int port, Durability durability, DbCredentials creds, DataDirLock lock) {
    this.dataDir = dataDir;
    this.lock = lock;
    this.port = port;
    this.durability = durability;
    this.creds = creds;
    this.pidFile = new PostmasterPidFile(dataDir);
  }

  /** Starts (initialising on first use) a durable server on {@code dataDir}; {@code port} 0 picks a free one. */
  public static EmbeddedDatabase start(Path dataDir, int port) { return start(dataDir, port, Durability.DURABLE); }

  public static EmbeddedDatabase start(Path dataDir, int port, Durability durability) {
    try {
      Path dir = dataDir.toAbsolutePath().normalize();
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      DataDirLock lock = DataDirLock.acquire(dir); // before anything touches the directory or its server
      EmbeddedDatabase db;
      DbCredentials creds;
      try {
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        creds = fresh ? initdb(dir, durability) : DbCredentials.read(dir).orElse(null);
        db = new EmbeddedDatabase(dir, port > 0 ? port : freePort(), durability,
            creds != null ? creds : DbCredentials.generate("postgres"), lock);
      } catch (RuntimeException | IOException e) {
        lock.close();
        throw e;
      }
      try {
        if (creds == null) {
          db.upgradeFromTrust();
        } else {
          db.writeHba(HBA);
          db.startServer();
        }
        DbRoles.bootstrap(db.superuserConfig(), db.creds);
      } catch (RuntimeException | IOException e) {
        db.close(); // a half-started server is stopped, not left running for nobody
        throw e;
      }
      db.supervise(Duration.ofSeconds(1));
      log.info("embedded PostgreSQL started on port {} with data in {} ({})", db.port, dir, durability);
      if (durability != Durability.DURABLE) {
        log.warn("embedded PostgreSQL runs WITHOUT fsync: a power failure can lose acknowledged tickets");
      }
      return db;
    } catch (IOException e) {
      throw new IllegalStateException("could not start embedded PostgreSQL in " + dataDir, e);
    }
  }

  /** Where the application connects: its own non-superuser role; migrations run as the owner role. */
  public DatabaseConfig config() {
    DatabaseConfig owner = new DatabaseConfig("localhost", port, creds.database(), DbCredentials.OWNER_ROLE,
        creds.ownerPassword());
    return new DatabaseConfig("localhost", port, creds.database(), DbCredentials.APP_ROLE, creds.appPassword(), owner);
  }

  /** The superuser, for bootstrapping and for test servers that create databases. */
  public DatabaseConfig superuserConfig() {
    return new DatabaseConfig("localhost", port, "postgres", "postgres", creds.superPassword());
  }

  public Path dataDir() { return dataDir; }

  public int port() { return port; }

  /** The running postmaster's pid, or -1 while it is down. */
  public long pid() {
    ProcessHandle p = postmaster;
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  /** How often the supervisor brought a dead server back. */
  public int restarts() { return restarts.get(); }

  private static DbCredentials initdb(Path dir, Durability durability) throws IOException {
    DbCredentials creds = DbCredentials.generate("hotline");
    Path pwfile = Files.createTempFile("hotline-pw", ".txt",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(pwfile, creds.superPassword() + "\n");
      List<String> args = new ArrayList<>(List.of("-D", dir.toString(), "-U", "postgres", "-A", "scram-sha-256",
          "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C.UTF-8"));
      args.addAll(durability.initdbArgs());
      run(PgBinaries.command("initdb", args.toArray(String[]::new)), Duration.ofMinutes(2));
    } finally {
      Files.deleteIfExists(pwfile);
    }
    creds.write(dir);
    return creds;
  }

  /** A cluster made before passwords existed (trust): set the superuser's password through loopback, then lock it. */
  private void upgradeFromTrust() throws IOException {
    log.warn("the cluster in {} used trust authentication: setting passwords and switching to SCRAM", dataDir);
    writeHba("host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n");
    startServer();
    DatabaseConfig su = superuserConfig();
    try (Connection c = DriverManager.getConnection(su.jdbcUrl(), su.user(), "");
         Statement s = c.createStatement()) {
      s.execute("alter role postgres password '" + creds.superPassword() + "'");
      creds.write(dataDir);
      writeHba(HBA);
      s.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("could not set the superuser password in " + dataDir, e);
    }
  }

  private void writeHba(String content) throws IOException {
    Files.writeString(dataDir.resolve("pg_hba.conf"), content, StandardCharsets.UTF_8);
  }

  private synchronized void startServer() throws IOException {
    String cleared = pidFile.clear();
    if (!"none".equals(cleared)) log.warn("before starting PostgreSQL in {}: {} postmaster handled", dataDir, cleared);
    List<String> opts = new ArrayList<>(List.of("-p " + port, "-c listen_addresses=localhost",
        "-c unix_socket_directories=''", "-c max_connections=200", "-c timezone=UTC",
        "-c logging_collector=on", "-c log_filename=postgresql-%a.log", "-c log_truncate_on_rotation=on",
        "-c log_rotation_age=1d", "-c log_rotation_size=0",
        // An error's DETAIL quotes the failing row or key ("Failing row contains (…)"): a child's name or a caller's
        // number would land in the server log, which keeps no personal data (docs/security.md "Logs").
        "-c log_error_verbosity=terse"));
    durability.settings().forEach(s -> opts.add("-c " + s));
    run(PgBinaries.command("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("startup.log").toString(),
        "-w", "-t", "120", "-o", String.join(" ", opts), "start"), Duration.ofMinutes(3));
    postmaster = pidFile.pid().flatMap(ProcessHandle::of)
        .orElseThrow(() -> new IllegalStateException("PostgreSQL started but left no postmaster.pid in " + dataDir));
  }

  private void supervise(Duration every) {
    supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pg-supervisor");
      t.setDaemon(true);
      return t;
    });
    supervisor.scheduleWithFixedDelay(() -> {
      ProcessHandle p = postmaster;
      if (closed || (p != null && p.isAlive())) return;
      log.error("embedded PostgreSQL (pid {}) is gone: restarting it", p == null ? "?" : p.pid());
      try {
        startServer();
        restarts.incrementAndGet();
        log.info("embedded PostgreSQL restarted (pid {})", postmaster.pid());
      } catch (RuntimeException | IOException e) {
        log.error("embedded PostgreSQL did not restart, trying again: {}", e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops watching without stopping the server: what a killed service leaves behind (tests of the orphan path). */
  synchronized void abandon() {
    closed = true;
    if (supervisor != null) supervisor.shutdownNow();
    lock.close(); // as the operating system does for a killed process
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (supervisor != null) supervisor.shutdownNow();
    try {
      run(PgBinaries.command("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
          Duration.ofSeconds(90));
    } catch (RuntimeException | IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      lock.close();
    }
  }

  private static void run(List<String> cmd, Duration max) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd.get(cmd.size() - 1) + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd.subList(Math.max(0, cmd.size() - 1), cmd.size()))
          + " of PostgreSQL failed (" + p.exitValue() + "): " + out.strip());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
