package cn.hotline12349.telephony;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Asterisk built by scripts/asterisk/build.sh into AST_HOME, running the project's configs (plus
 * scripts/asterisk/test/ for sipp), and sipp processes placing and answering SIP calls. Everything it starts it stops.
 * Public for dispatch-ui's real-PBX cluster test.
 */
public final class RealPbx implements AutoCloseable {
  /** The repository root (tests run in their module's directory). */
  public static final Path REPO = Path.of(System.getProperty("hotline.repo.root", ".."));
  /** The AMI login of scripts/asterisk/manager.conf. */
  public static final AmiConfig AMI = new AmiConfig("127.0.0.1", 5038, "hotline", "change-me-long-random");
  /** cdr_pgsql's insert-only database login (scripts/asterisk/cdr_pgsql.conf's recipe), made in the test database. */
  public static final String CDR_LOGIN = "asterisk_cdr";
  public static final String CDR_SECRET = "cdr-test-secret";
  /** The sipp phones of pjsip.conf's op1 (op-xining) and op2 (op-haixi). */
  public static final int OP1 = 5071;
  public static final int OP2 = 5072;
  public static final List<String> QUEUES = List.of("hotline-630100", "hotline-632800", "hotline-630000");

  final Path astHome;
  public final Path run;
  final Path repo;
  private final Path conf;
  private final List<Process> sipps = new ArrayList<>();
  private Process asterisk;

  private RealPbx(Path astHome, Path repo) {
    this.astHome = astHome;
    this.repo = repo;
    this.run = astHome.resolve("run");
    this.conf = run.resolve("etc/asterisk.conf");
  }

  /** Fails loudly when AST_HOME or sipp is missing: this suite is only run when asked for. */
  public static RealPbx fromEnv(Path repo) {
    String home = System.getenv("AST_HOME");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("the real-PBX suite needs AST_HOME pointing at an Asterisk built by "
          + "scripts/asterisk/build.sh (e.g. AST_HOME=/work/pbx mvn -Preal-pbx ...)");
    }
    Path h = Path.of(home);
    if (!Files.isExecutable(h.resolve("sbin/asterisk"))) {
      throw new IllegalStateException("AST_HOME=" + home + " holds no sbin/asterisk: run scripts/asterisk/build.sh first");
    }
    if (!new File("/usr/bin/sipp").canExecute()) {
      throw new IllegalStateException("sipp is missing: apt-get install -y sip-tester");
    }
    return new RealPbx(h, repo);
  }

  /** Lays out the run dir with the project's configs and the suite's globals, then starts Asterisk. */
  public void install(Map<String, String> globals) throws Exception {
    exec(Map.of("AST_HOME", astHome.toString()), repo.resolve("scripts/asterisk/build.sh").toString(), "--rundir-only");
    Path ext = run.resolve("etc/extensions.conf");
    String s = Files.readString(ext);
    for (Map.Entry<String, String> g : globals.entrySet()) {
      String before = s;
      s = s.replaceAll("(?m)^" + g.getKey() + " = [^;\\n]*", g.getKey() + " = " + g.getValue() + " ");
      if (s.equals(before)) throw new IllegalStateException("no global " + g.getKey() + " in extensions.conf");
    }
    Files.writeString(ext, s);
  }

  public void start() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(astHome.resolve("sbin/asterisk").toString(), "-C", conf.toString(), "-f", "-vvv")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("log/console.log").toFile()));
    asterisk = pb.start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!asterisk.isAlive()) throw new IllegalStateException("Asterisk exited at start-up: see " + run.resolve("log/console.log"));
      if (cliQuiet("core waitfullybooted").contains("fully booted")) return;
      if (System.nanoTime() > end) throw new IllegalStateException("Asterisk did not boot in 60 s");
      Thread.sleep(300);
    }
  }

  /**
   * The usual boot: the run dir with {@code globals}, cdr_pgsql writing into {@code cdrDb} (in UTC, through its
   * insert-only login, created here) unless null, Asterisk started, its CDR connection checked, and a sipp phone
   * answering on each of {@code phones} ({@link #OP1}, {@link #OP2}). Returns {@code cdr show pgsql status} (or "").
   */
  public String boot(Map<String, String> globals, TestDb cdrDb, int... phones) throws Exception {
    install(globals);
    if (cdrDb != null) {
      cdrLogin(cdrDb);
      cdrPgsql(cdrDb, "UTC");
    }
    start();
    String status = "";
    if (cdrDb != null) {
      status = cli("cdr show pgsql status");
      if (!status.contains("Connected to " + cdrDb.config().database())) {
        throw new IllegalStateException("cdr_pgsql did not connect: " + status.strip());
      }
    }
    for (int port : phones) uas(port, null, 0);
    return status;
  }

  /** The CDR login that may only insert into pbx_cdr (idempotent). */
  public static void cdrLogin(TestDb db) throws Exception {
    TestDatabase.asSuperuser(db.config().database(),
        "do $$ begin create role " + CDR_LOGIN + " login; exception when duplicate_object then null; end $$",
        "alter role " + CDR_LOGIN + " login password '" + CDR_SECRET + "'",
        "grant insert on pbx_cdr to " + CDR_LOGIN);
  }

  /** The project's cdr_pgsql.conf pointed at {@code db} and the CDR login, writing times in {@code zone}. */
  public void cdrPgsql(TestDb db, String zone) throws Exception {
    String conf = Files.readString(repo.resolve("scripts/asterisk/cdr_pgsql.conf"));
    Map<String, String> set = Map.of("hostname", db.config().host().equals("localhost") ? "127.0.0.1" : db.config().host(),
        "port", Integer.toString(db.config().port()), "dbname", db.config().database(), "user", CDR_LOGIN,
        "password", CDR_SECRET, "timezone", zone);
    for (Map.Entry<String, String> e : set.entrySet()) {
      String before = conf;
      conf = conf.replaceAll("(?m)^" + e.getKey() + " = [^;\\n]*", e.getKey() + " = " + e.getValue() + " ");
      if (conf.equals(before)) throw new IllegalStateException("no " + e.getKey() + " in cdr_pgsql.conf");
    }
    Files.writeString(run.resolve("etc/cdr_pgsql.conf"), conf);
  }

  /** Neither operator phone in any queue (by CLI: no bridge needed). */
  public void clearQueues() throws Exception {
    for (String q : QUEUES) {
      for (String m : List.of("PJSIP/op1", "PJSIP/op2")) cli("queue remove member " + m + " from " + q);
    }
  }

  /** A bridge on this PBX's AMI storing into {@code pool} (importing its CDR when asked), deployed on {@code vertx}. */
  public static CallBridge bridge(Vertx vertx, Pool pool, PbxMapping mapping, boolean importCdr) throws Exception {
    CallBridge b = new CallBridge(Optional.of(AMI), mapping, new PgCallStore(pool, mapping), null,
        java.time.Clock.systemUTC());
    if (importCdr) b.importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);
    return b;
  }

  /** Waits until cdr_pgsql (one row per CDR, written at its end) has stopped adding rows to pbx_cdr. */
  public static void awaitCdrSettled(TestDb db) throws Exception {
    String count = "select count(*) from pbx_cdr";
    List<String> seen = CallPersistenceTest.column(db, count);
    do {
      Thread.sleep(1_500);
    } while (!seen.equals(seen = CallPersistenceTest.column(db, count)));
  }

  /** Writes a suite's findings to {@code module/target/file} (read into docs/telephony.md by hand). */
  public static void writeResults(String module, String file, List<String> results) throws IOException {
    Path out = REPO.resolve(module + "/target/" + file);
    Files.createDirectories(out.getParent());
    Files.write(out, results);
  }

  @FunctionalInterface
  public interface Check {
    boolean ok() throws Exception;
  }

  public static void await(Check c, int seconds, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.ok()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(100);
    }
  }

  public String cli(String command) throws Exception {
    return exec(Map.of(), astHome.resolve("sbin/asterisk").toString(), "-C", conf.toString(), "-rx", command);
  }

  private String cliQuiet(String command) {
    try {
      return cli(command);
    } catch (Exception e) {
      return "";
    }
  }

  long pid() {
    return asterisk.pid();
  }

  /** kill -9: no hang-ups, no AMI goodbye; Asterisk comes back with {@link #start()}. */
  void kill9() throws Exception {
    asterisk.destroyForcibly();
    asterisk.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code core restart now}: Asterisk hangs every channel up and re-executes itself. */
  void restartNow() throws Exception {
    cliQuiet("core restart now");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Thread.sleep(1_000);
    while (!cliQuiet("core waitfullybooted").contains("fully booted")) {
      if (System.nanoTime() > end) throw new IllegalStateException("Asterisk did not come back after restart");
      Thread.sleep(300);
    }
  }

  /** A sipp UAS on 127.0.0.1:{@code port} (an operator's phone, or the callback's called party). */
  public Process uas(int port, String scenario, long holdMs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sipp", "-nostdin", "-aa", "-i", "127.0.0.1", "-p", Integer.toString(port),
        "-mp", Integer.toString(port + 1000), "-d", Long.toString(holdMs)));
    if (scenario == null) cmd.addAll(List.of("-sn", "uas"));
    else cmd.addAll(List.of("-sf", repo.resolve("scripts/asterisk/test/sipp/" + scenario).toString()));
    return sipp(cmd);
  }

  /** One caller (or {@code calls} at {@code rate}/s), from {@code sourceIp} (which trunk), waits until sipp ends. */
  public int call(String sourceIp, String scenario, String caller, long holdMs, int calls, double rate, List<String> extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sipp", "-nostdin", "-sf",
        repo.resolve("scripts/asterisk/test/sipp/" + scenario).toString(), "-s", "12349", "-i", sourceIp,
        "-key", "caller", caller, "-d", Long.toString(holdMs), "-m", Integer.toString(calls),
        "-r", Double.toString(rate), "-l", Integer.toString(Math.max(1, calls)), "-timeout", "120s"));
    cmd.addAll(extra);
    cmd.add("127.0.0.1:5060");
    Process p = sipp(cmd);
    if (!p.waitFor(150, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("sipp did not finish");
    }
    return p.exitValue();
  }

  /** A caller started in the background (for restart/kill mid-call). */
  Process callAsync(String sourceIp, String caller, long holdMs) throws IOException {
    return callAsync(sourceIp, "uac.xml", caller, holdMs, List.of());
  }

  public Process callAsync(String sourceIp, String scenario, String caller, long holdMs, List<String> extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sipp", "-nostdin", "-sf",
        repo.resolve("scripts/asterisk/test/sipp/" + scenario).toString(), "-s", "12349", "-i", sourceIp,
        "-key", "caller", caller, "-d", Long.toString(holdMs), "-m", "1", "-timeout", "120s"));
    cmd.addAll(extra);
    cmd.add("127.0.0.1:5060");
    return sipp(cmd);
  }

  private Process sipp(List<String> cmd) throws IOException {
    Path log = run.resolve("log/sipp.log");
    Process p = new ProcessBuilder(cmd).directory(run.resolve("log").toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    sipps.add(p);
    return p;
  }

  public void stopSipp(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
    sipps.remove(p);
  }

  private static String exec(Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    return out;
  }

  @Override
  public void close() throws Exception {
    for (Process p : List.copyOf(sipps)) stopSipp(p);
    if (asterisk != null && asterisk.isAlive()) {
      cliQuiet("core stop now");
      if (!asterisk.waitFor(15, TimeUnit.SECONDS)) asterisk.destroyForcibly();
    }
  }
}
