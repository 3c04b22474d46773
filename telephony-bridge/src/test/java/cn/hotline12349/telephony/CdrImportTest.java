package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.CdrCalls;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls that begin and end while no node holds the PBX: node A's bridge records a call, then dies; two calls (one
 * answered, one abandoned in the queue) happen with nobody listening; the loopback PBX's CDR (as cdr_pgsql writes it)
 * is in pbx_cdr; node B's bridge takes over and imports exactly those two, once.
 */
@ExtendWith(VertxExtension.class)
class CdrImportTest {

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void callsMadeWhileNoNodeHeldThePbxAreImportedFromItsCdrOnce(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    List<CdrCalls.Row> cdr = new CopyOnWriteArrayList<>();
    double now = System.currentTimeMillis() / 1000.0 - 600;
    List<AmiMessage> before = new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec("13909710001", "hotline-630100", "1001", "630100")), now, 0, 0);
    List<AmiMessage> answeredInGap = new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec("13909710002", "hotline-632800", "1002", "632800")), now + 60, 0, 1);
    List<AmiMessage> abandonedInGap = new CallSynthesizer(AmiReplayTest.ABANDONED).synthesize(
        List.of(new CallSynthesizer.Spec("13909710003", "hotline-630100", "1001", "630100")), now + 120, 0, 2);
    String liveId = linkedid(before);
    String answeredId = linkedid(answeredInGap);
    String abandonedId = linkedid(abandonedInGap);

    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      pbx.recordCdr(r -> cdr.add(asRow(r)));
      CallBridge a = bridge(vertx, pool, mapping, pbx);
      pbx.awaitLogins(1, 20, TimeUnit.SECONDS);
      awaitConnected(a);
      Replay.backToBack().run(pbx, before);
      awaitStored(db, 1);
      vertx.undeploy(a.deploymentID()).await(20, TimeUnit.SECONDS); // node A dies; no node holds the PBX

      Replay.backToBack().run(pbx, answeredInGap);
      Replay.backToBack().run(pbx, abandonedInGap);
      insertCdr(db, cdr); // what cdr_pgsql wrote at each hang-up, the live call's rows included
      java.time.Instant old = java.time.Instant.now().minus(java.time.Duration.ofDays(8));
      insertCdr(db, List.of(new CdrCalls.Row("1790000000.1", "1790000000.1", "PJSIP/trunk-1", null, "13909719999",
          "12349", "from-trunk", old, old, old.plusSeconds(30), "ANSWERED", 1, "630100", "hotline-630100", null, null,
          null, null, null, null))); // a week old: past the look-back, and pruned
      assertThat(cdr).extracting(CdrCalls.Row::linkedid).contains(liveId, answeredId, abandonedId);

      List<JsonObject> news = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(CallEvents.CHANGED, m -> news.add(m.body())).completion().await();
      CallBridge b = bridge(vertx, pool, mapping, pbx); // node B takes over: login, resync, CDR import
      pbx.awaitLogins(2, 20, TimeUnit.SECONDS);
      awaitStored(db, 3);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (b.cdrImported() < 2 && System.nanoTime() < end) Thread.sleep(20);
      assertThat(b.cdrImported()).isEqualTo(2);

      assertThat(CallPersistenceTest.column(db, "select linkedid || ' ' || state || ' ' || coalesce(operator_username, '-')"
          + " || ' ' || prefecture_code || ' ' || caller_number from calls order by started_at"))
          .containsExactly(liveId + " ENDED op-xining 630100 13909710001",
              answeredId + " ENDED op-haixi 632800 13909710002",
              abandonedId + " ABANDONED - 630100 13909710003");
      assertThat(CallPersistenceTest.column(db, "select abandon_stage from calls where linkedid = '" + abandonedId + "'"))
          .containsExactly("QUEUE");
      // shaped like a real Asterisk's rows (dst "s", answer = start): dialled and the operator's answer (hotline_answered:
      // the leg's own answer, equal to the start, is not taken) come from the variables
      assertThat(cdr).filteredOn(r -> answeredId.equals(r.uniqueid())).allSatisfy(r -> {
        assertThat(r.dst()).isEqualTo("s");
        assertThat(r.answer()).isEqualTo(r.start());
      });
      assertThat(CallPersistenceTest.column(db, "select dialled || ' ' || "
          + "coalesce((answered_at >= started_at)::text, 'none') from calls where linkedid in ('" + answeredId + "', '" + abandonedId + "') "
          + "order by started_at"))
          .containsExactly("12349 true", "12349 none");
      // CDR times are whole seconds: the synthesized 0.3 s talk may end in the second it was answered
      assertThat(CallPersistenceTest.column(db, "select answered_at is not null and ended_at >= answered_at from calls "
          + "where linkedid = '" + answeredId + "'")).containsExactly("t");
      assertThat(CallPersistenceTest.column(db, "select linkedid from call_timeline where type = 'FROM_PBX_CDR' "
          + "order by linkedid")).containsExactlyInAnyOrder(answeredId, abandonedId);
      // told after the write, like every call news, so the lists re-read and find them
      long told = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (news.stream().map(n -> n.getString("linkedid")).distinct().count() < 2 && System.nanoTime() < told) {
        Thread.sleep(20);
      }
      assertThat(news).extracting(n -> n.getString("linkedid")).contains(answeredId, abandonedId)
          .doesNotContain(liveId);

      // idempotent: another run (the periodic one, or the next take-over) imports nothing and changes nothing
      assertThat(b.importCdr().await(10, TimeUnit.SECONDS)).isZero();
      // the week-old row was neither imported nor kept (each run prunes after importing)
      assertThat(CallPersistenceTest.column(db, "select count(*) from pbx_cdr where linkedid = '1790000000.1'"))
          .containsExactly("0");
      assertThat(CallPersistenceTest.column(db, "select count(*) from pbx_cdr")).containsExactly(
          Integer.toString(cdr.size()));
      insertCdr(db, cdr); // even the same rows written twice
      assertThat(b.importCdr().await(10, TimeUnit.SECONDS)).isZero();
      awaitPersisted(b);
      assertThat(CallPersistenceTest.column(db, "select count(*) from calls")).containsExactly("3");
      assertThat(CallPersistenceTest.column(db, "select count(*) from call_timeline where type = 'FROM_PBX_CDR'"))
          .containsExactly("2");
      vertx.undeploy(b.deploymentID()).await(20, TimeUnit.SECONDS);
    }
    t.completeNow();
  }

  private static CallBridge bridge(Vertx vertx, Pool pool, PbxMapping mapping, LoopbackAmiServer pbx) throws Exception {
    CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
        mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);
    return bridge;
  }

  private static void awaitConnected(CallBridge bridge) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (bridge.resyncs() < 1) {
      if (System.nanoTime() > end) throw new AssertionError("bridge never resynchronized");
      Thread.sleep(10);
    }
  }

  private static void awaitPersisted(CallBridge bridge) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!bridge.persisted().await(5, TimeUnit.SECONDS)) {
      if (System.nanoTime() > end) throw new AssertionError("writes still pending");
      Thread.sleep(20);
    }
  }

  private static void awaitStored(TestDb db, int calls) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String sql = "select count(*) from calls where state in ('ENDED', 'ABANDONED')";
    while (!CallPersistenceTest.column(db, sql).equals(List.of(Integer.toString(calls)))) {
      if (System.nanoTime() > end) throw new AssertionError("calls stored: " + CallPersistenceTest.column(db, sql));
      Thread.sleep(50);
    }
  }

  private static String linkedid(List<AmiMessage> events) {
    return events.stream().filter(m -> m.isEvent("Newchannel")).findFirst().orElseThrow().get("Linkedid");
  }

  /** As Asterisk's cdr_pgsql inserts: every column as text or timestamp (UTC), '' for an unset variable. */
  /** The simulator's row as the bridge reads it from pbx_cdr. */
  static CdrCalls.Row asRow(cn.hotline12349.telephony.loopback.SimulatedCdr.Row r) {
    return new CdrCalls.Row(r.linkedid(), r.uniqueid(), r.channel(), r.dstchannel(), r.src(), r.dst(), r.dcontext(),
        r.start(), r.answer(), r.end(), r.disposition(), r.sequence(), r.prefecture(), r.queue(), r.member(),
        r.unanswered(), r.recording(), r.language(), r.danger(), r.callback(), r.dialled(), r.answered());
  }

  static void insertCdr(TestDb db, List<CdrCalls.Row> rows) throws Exception {
    try (Connection c = db.jdbc(); PreparedStatement ps = c.prepareStatement("insert into pbx_cdr (calldate, src, dst, "
        + "dcontext, channel, dstchannel, start, answer, \"end\", duration, billsec, disposition, uniqueid, linkedid, "
        + "sequence, hotline_prefecture, hotline_queue, hotline_member, hotline_unanswered, hotline_recording, "
        + "hotline_lang, hotline_danger, hotline_callback, hotline_dialled, hotline_answered) values (?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (CdrCalls.Row r : rows) {
        LocalDateTime start = LocalDateTime.ofInstant(r.start(), ZoneOffset.UTC);
        LocalDateTime answer = LocalDateTime.ofInstant(r.answer(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(r.end(), ZoneOffset.UTC);
        ps.setObject(1, start);
        ps.setString(2, nz(r.src()));
        ps.setString(3, nz(r.dst()));
        ps.setString(4, nz(r.dcontext()));
        ps.setString(5, nz(r.channel()));
        ps.setString(6, nz(r.dstchannel()));
        ps.setObject(7, start);
        ps.setObject(8, answer);
        ps.setObject(9, end);
        ps.setInt(10, (int) java.time.Duration.between(r.start(), r.end()).toSeconds());
        ps.setInt(11, (int) java.time.Duration.between(r.answer(), r.end()).toSeconds());
        ps.setString(12, nz(r.disposition()));
        ps.setString(13, nz(r.uniqueid()));
        ps.setString(14, nz(r.linkedid()));
        ps.setInt(15, r.sequence());
        ps.setString(16, nz(r.prefecture()));
        ps.setString(17, nz(r.queue()));
        ps.setString(18, nz(r.member()));
        ps.setString(19, nz(r.unanswered()));
        ps.setString(20, nz(r.recording()));
        ps.setString(21, nz(r.language()));
        ps.setString(22, nz(r.danger()));
        ps.setString(23, nz(r.callback()));
        ps.setString(24, nz(r.dialled()));
        ps.setString(25, nz(r.answered()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
