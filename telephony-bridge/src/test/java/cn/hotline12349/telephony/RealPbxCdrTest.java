package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.IntakeRouting;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CDR import against a real Asterisk 20: cdr_pgsql (the project's cdr.conf and cdr_pgsql.conf, its insert-only
 * login) writes into the test database's pbx_cdr while NO bridge is connected; one answered and one abandoned call are
 * placed with sipp; then the bridge connects and imports them once. Runs only with {@code -Preal-pbx} and AST_HOME
 * (docs/telephony.md "Real-PBX suite"). The rows are recorded to src/test/resources{@value RealCdr#RESOURCE}, which
 * {@link RealCdrReplayTest} imports in the default suite.
 */
@Tag("real-pbx")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPbxCdrTest {
  static final Path REPO = RealPbxSuiteTest.REPO;
  static final String CDR_LOGIN = "asterisk_cdr";
  static final String CDR_SECRET = "cdr-test-secret";

  RealPbx pbx;
  Vertx vertx;
  TestDb db;
  Pool pool;
  IntakeAgiServer agi;
  CallBridge bridge;
  final List<String> results = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    pbx = RealPbx.fromEnv(REPO);
    db = TestDatabase.create();
    // scripts/asterisk/cdr_pgsql.conf's recipe: a login that may only insert into pbx_cdr
    TestDatabase.asSuperuser(db.config().database(),
        "do $$ begin create role " + CDR_LOGIN + " login; exception when duplicate_object then null; end $$",
        "alter role " + CDR_LOGIN + " login password '" + CDR_SECRET + "'",
        "grant insert on pbx_cdr to " + CDR_LOGIN);
    pbx.install(Map.of("PREFECTURE_WAIT", Integer.toString(RealPbxSuiteTest.PREFECTURE_WAIT), "PROVINCE_WAIT",
        Integer.toString(RealPbxSuiteTest.PROVINCE_WAIT)));
    cdrPgsql("UTC");
    pbx.start();
    String status = pbx.cli("cdr show pgsql status");
    results.add("cdr show pgsql status: " + status.strip());
    assertThat(status).contains("Connected to " + db.config().database());
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    agi = new IntakeAgiServer(4573, new IntakeRouting(RealPbxScenarios.mapping(null), Clock.systemUTC()));
    agi.start();
    pbx.uas(5071, null, 0); // op1 (op-xining)
  }

  @AfterAll
  void stop() throws Exception {
    try {
      Path out = REPO.resolve("telephony-bridge/target/real-pbx-cdr-results.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, results);
    } finally {
      if (agi != null) agi.close();
      if (vertx != null) vertx.close().await(20, TimeUnit.SECONDS);
      if (pbx != null) pbx.close();
    }
  }

  @Test
  @Order(1)
  void callsMadeWhileNoBridgeListenedAreImportedOnceFromTheRealCdr() throws Exception {
    // no bridge: queue membership from the CLI, as an operator's phone login would do it
    members(false);
    Instant before = Instant.now().minusSeconds(2);
    assertThat(pbx.call(RealPbxSuiteTest.XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER, 7_000, 1, 1, List.of()))
        .isZero();
    members(true); // Xining's only operator on a break: the next caller overflows to the province and gives up there
    assertThat(pbx.call(RealPbxSuiteTest.XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER, 5_000, 1, 1, List.of()))
        .isZero();
    Instant after = Instant.now().plusSeconds(2);
    awaitRows(() -> RealCdr.calls(db).size() >= 2);
    String rows = RealCdr.dump(db);
    results.add("pbx_cdr rows:\n" + rows);
    Path recorded = REPO.resolve("telephony-bridge/src/test/resources" + RealCdr.RESOURCE);
    Files.createDirectories(recorded.getParent());
    Files.writeString(recorded, rows);
    List<String> ids = RealCdr.calls(db);
    assertThat(ids).hasSize(2);
    // cdr_pgsql.conf timezone = UTC: the times are the calls' own, whatever the PBX's local zone
    assertThat(CallPersistenceTest.column(db, "select count(*) from pbx_cdr where start < '" + utc(before)
        + "' or \"end\" > '" + utc(after) + "'")).containsExactly("0");

    bridge = bridge();
    await(() -> bridge.cdrImported() >= 2, 30, "the bridge imported the two calls");
    await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
    RealCdr.imported(db, ids.get(0), ids.get(1));
    assertThat(CallPersistenceTest.column(db, "select count(*) from calls where started_at < '" + before
        + "' or ended_at > '" + after + "'")).containsExactly("0");
    results.add("imported: " + CallPersistenceTest.column(db, "select linkedid || ' ' || state || ' ' || "
        + "coalesce(operator_username, '-') || ' ' || coalesce(abandon_stage, '-') || ' start ' || started_at || "
        + "' answer ' || coalesce(answered_at::text, '-') || ' end ' || ended_at from calls order by started_at"));

    // once: the periodic run, and even the same rows written twice, import nothing more
    assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).isZero();
    try (var c = db.jdbc()) {
      c.createStatement().execute("insert into pbx_cdr select * from pbx_cdr");
    }
    assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).isZero();
    await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
    assertThat(CallPersistenceTest.column(db, "select count(*) from calls")).containsExactly("2");
    assertThat(CallPersistenceTest.column(db, "select count(*) from call_timeline where type = 'FROM_PBX_CDR'"))
        .containsExactly("2");
  }

  @Test
  @Order(2)
  void aPbxWritingLocalTimeIsRefusedNotImportedHoursOff() throws Exception {
    // the mistake cdr_pgsql.conf warns about: times in the PBX's zone (China, UTC+8) instead of UTC
    if (bridge != null) vertx.undeploy(bridge.deploymentID()).await(20, TimeUnit.SECONDS);
    bridge = null;
    cdrPgsql("Asia/Shanghai");
    pbx.cli("module reload cdr_pgsql.so");
    members(false);
    int rowsBefore = Integer.parseInt(CallPersistenceTest.column(db, "select count(*) from pbx_cdr").get(0));
    assertThat(pbx.call(RealPbxSuiteTest.XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER, 3_000, 1, 1, List.of()))
        .isZero();
    awaitRows(() -> Integer.parseInt(CallPersistenceTest.column(db, "select count(*) from pbx_cdr").get(0)) > rowsBefore);
    List<String> ahead = CallPersistenceTest.column(db, "select round(extract(epoch from \"end\" - (now() at time zone 'UTC'))"
        + " / 3600) from pbx_cdr where \"end\" > now() at time zone 'UTC' + interval '1 hour' group by 1");
    results.add("timezone = Asia/Shanghai: rows ahead of UTC by hours " + ahead);
    assertThat(ahead).containsExactly("8");
    bridge = bridge();
    await(() -> bridge.resyncs() >= 1, 30, "bridge connected");
    assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).isZero();
    assertThat(bridge.cdrRefused()).isGreaterThanOrEqualTo(1);
    assertThat(CallPersistenceTest.column(db, "select count(*) from calls")).containsExactly("2");
    cdrPgsql("UTC");
    pbx.cli("module reload cdr_pgsql.so");
  }

  // ---- helpers ----

  /** The project's cdr_pgsql.conf, pointed at the test database and its CDR login, in the given zone. */
  private void cdrPgsql(String zone) throws Exception {
    String conf = Files.readString(REPO.resolve("scripts/asterisk/cdr_pgsql.conf"));
    Map<String, String> set = Map.of("hostname", db.config().host().equals("localhost") ? "127.0.0.1" : db.config().host(),
        "port", Integer.toString(db.config().port()), "dbname", db.config().database(), "user", CDR_LOGIN,
        "password", CDR_SECRET, "timezone", zone);
    for (Map.Entry<String, String> e : set.entrySet()) {
      String before = conf;
      conf = conf.replaceAll("(?m)^" + e.getKey() + " = [^;\\n]*", e.getKey() + " = " + e.getValue() + " ");
      if (conf.equals(before)) throw new IllegalStateException("no " + e.getKey() + " in cdr_pgsql.conf");
    }
    Files.writeString(pbx.run.resolve("etc/cdr_pgsql.conf"), conf);
  }

  private CallBridge bridge() throws Exception {
    PbxMapping mapping = RealPbxScenarios.mapping(null);
    CallBridge b = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", 5038, "hotline", "change-me-long-random")),
        mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);
    return b;
  }

  /** op1 in Xining's queue (paused or not), nobody anywhere else; by CLI, no bridge needed. */
  private void members(boolean paused) throws Exception {
    for (String q : List.of("hotline-630100", "hotline-632800", "hotline-630000")) {
      for (String m : List.of("PJSIP/op1", "PJSIP/op2")) pbx.cli("queue remove member " + m + " from " + q);
    }
    pbx.cli("queue add member PJSIP/op1 to hotline-630100 penalty 0 as op-xining");
    if (paused) pbx.cli("queue pause member PJSIP/op1 queue hotline-630100 reason break");
    Thread.sleep(500);
  }

  /** Waits for {@code until}, then until cdr_pgsql (one row per CDR, written at its end) has written them all. */
  private void awaitRows(Check until) throws Exception {
    await(until, 20, "CDR rows");
    String count = "select count(*) from pbx_cdr";
    List<String> seen = CallPersistenceTest.column(db, count);
    do {
      Thread.sleep(1_500);
    } while (!seen.equals(seen = CallPersistenceTest.column(db, count)));
  }

  private static String utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check c, int seconds, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.ok()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(100);
    }
  }
}
