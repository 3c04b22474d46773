package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.domain.IntakeRouting;
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
  static final Path REPO = RealPbx.REPO;

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
    results.add("cdr show pgsql status: " + pbx.boot(Map.of("PREFECTURE_WAIT",
        Integer.toString(RealPbxSuiteTest.PREFECTURE_WAIT), "PROVINCE_WAIT",
        Integer.toString(RealPbxSuiteTest.PROVINCE_WAIT)), db, RealPbx.OP1).strip());
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    // day routing whatever the hour (the default night window sent the first call to the provincial queue after 14:00 UTC)
    agi = new IntakeAgiServer(4573, new IntakeRouting(RealPbxScenarios.daytime(), Clock.systemUTC()));
    agi.start();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      RealPbx.writeResults("telephony-bridge", "real-pbx-cdr-results.txt", results);
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
    pbx.cdrPgsql(db, "Asia/Shanghai");
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
    pbx.cdrPgsql(db, "UTC");
    pbx.cli("module reload cdr_pgsql.so");
  }

  // ---- helpers ----

  private CallBridge bridge() throws Exception {
    return RealPbx.bridge(vertx, pool, RealPbxScenarios.mapping(null), true);
  }

  /** op1 in Xining's queue (paused or not), nobody anywhere else; by CLI, no bridge needed. */
  private void members(boolean paused) throws Exception {
    pbx.clearQueues();
    pbx.cli("queue add member PJSIP/op1 to hotline-630100 penalty 0 as op-xining");
    if (paused) pbx.cli("queue pause member PJSIP/op1 queue hotline-630100 reason break");
    Thread.sleep(500);
  }

  /** Waits for {@code until}, then until cdr_pgsql (one row per CDR, written at its end) has written them all. */
  private void awaitRows(RealPbx.Check until) throws Exception {
    await(until, 20, "CDR rows");
    RealPbx.awaitCdrSettled(db);
  }

  private static String utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
  }

  private static void await(RealPbx.Check c, int seconds, String what) throws Exception {
    RealPbx.await(c, seconds, what);
  }
}
