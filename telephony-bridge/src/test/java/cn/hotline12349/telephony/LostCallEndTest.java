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
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PBX owner dies after a call was stored live and before its end was written (the write-behind's window): the call
 * is in the database without an end, and the PBX no longer has it. The next owner's resynchronization must close it
 * with the true end from the PBX's CDR, or, while the CDR has no row for it, mark it ended at an unknown time and close
 * it when the row arrives (even after another restart); never leave it live, never invent a time.
 */
class LostCallEndTest {
  private Vertx vertx;
  private TestDb db;
  private Pool pool;
  private PbxMapping mapping;
  private LoopbackAmiServer pbx;
  private final List<CdrCalls.Row> cdr = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
    pool = db.pool(vertx);
    mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    pbx.recordCdr(r -> cdr.add(CdrImportTest.asRow(r)));
  }

  @AfterEach
  void tearDown() throws Exception {
    pbx.close();
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void anAnsweredCallStoredLiveWhoseEndWasLostIsClosedWithTheCdrsEnd() throws Exception {
    List<AmiMessage> call = synthesize("13909710001", "hotline-630100", "1001", "630100", 0);
    String id = linkedid(call);
    CallBridge a = bridge();
    Replay.backToBack().run(pbx, untilHangup(call));
    await(() -> column("select state from calls where linkedid = '" + id + "'").equals(List.of("ANSWERED")), "stored live");
    vertx.undeploy(a.deploymentID()).await(20, TimeUnit.SECONDS); // the owner dies; its last write (the end) is lost

    Replay.backToBack().run(pbx, afterHangup(call)); // the call ends while no node listens; cdr_pgsql writes its rows
    CdrImportTest.insertCdr(db, cdr);
    String cdrEnd = column("select to_char(max(\"end\"), 'YYYY-MM-DD HH24:MI:SS') from pbx_cdr where linkedid = '" + id + "'").get(0);

    CallBridge b = bridge(); // the next owner: restore, resync (the PBX no longer has it), CDR
    await(() -> b.cdrClosed() == 1, "closed from the CDR");
    awaitPersisted(b);
    assertThat(column("select state || ' ' || to_char(ended_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' ' || "
        + "end_cause || ' ' || ended_during_disconnect || ' ' || operator_username || ' ' || queue from calls"))
        .containsExactly("ENDED " + cdrEnd + " CDR ANSWERED false op-xining hotline-630100");
    // the trail says what happened: closed at the resync without a time, then the end from the PBX's CDR
    assertThat(column("select type || ' ' || coalesce(detail, '') from call_timeline where linkedid = '" + id + "' "
        + "and type in ('ENDED', 'FROM_PBX_CDR') order by at nulls first, type"))
        .containsExactlyInAnyOrder("ENDED ENDED_DURING_PBX_DISCONNECT", "FROM_PBX_CDR end", "ENDED CDR ANSWERED");
    assertThat(b.cdrImported()).as("a stored call is closed, not imported a second time").isZero();
    assertThat(b.importCdr().await(10, TimeUnit.SECONDS)).isZero();
    assertThat(b.cdrClosed()).as("closed once").isEqualTo(1);
  }

  @Test
  void withoutACdrRowItIsMarkedEndedAtAnUnknownTimeAndClosedWhenTheRowArrivesEvenAfterARestart() throws Exception {
    List<AmiMessage> call = synthesize("13909710003", "hotline-630100", "1001", "630100", 1);
    List<AmiMessage> waiting = call.subList(0, indexOf(call, "AgentCalled")); // in the queue, nobody answered yet
    String id = linkedid(call);
    CallBridge a = bridge();
    Replay.backToBack().run(pbx, waiting);
    await(() -> column("select state from calls where linkedid = '" + id + "'").equals(List.of("QUEUED")), "stored live");
    vertx.undeploy(a.deploymentID()).await(20, TimeUnit.SECONDS);
    // the caller gives up in the queue while no node listens
    double at = waiting.get(waiting.size() - 1).timestamp() + 4;
    AmiMessage join = waiting.stream().filter(m -> m.isEvent("QueueCallerJoin")).findFirst().orElseThrow();
    pbx.emit(AmiMessage.of("Event", "QueueCallerAbandon", "Timestamp", ts(at), "Channel", join.get("Channel"),
        "Uniqueid", id, "Linkedid", id, "Queue", join.get("Queue"), "Position", "1", "OriginalPosition", "1",
        "HoldTime", "4"));
    for (AmiMessage ch : waiting.stream().filter(m -> m.isEvent("Newchannel")).toList()) {
      pbx.emit(AmiMessage.of("Event", "Hangup", "Timestamp", ts(at + 0.1), "Channel", ch.get("Channel"), "Uniqueid",
          ch.get("Uniqueid"), "Linkedid", id, "CallerIDNum", ch.get("CallerIDNum"), "Cause", "16",
          "Cause-txt", "Normal Clearing"));
    }
    assertThat(pbx.channelsOf(id)).isEmpty();

    CallBridge b = bridge(); // no CDR row yet (cdr_pgsql lagging, or its database unreachable)
    await(() -> column("select state from calls where linkedid = '" + id + "'").equals(List.of("ENDED")), "marked");
    awaitPersisted(b);
    assertThat(column("select coalesce(ended_at::text, 'no time') || ' ' || end_cause || ' ' || ended_during_disconnect "
        + "|| ' ' || queue from calls")).containsExactly("no time ENDED_DURING_PBX_DISCONNECT true hotline-630100");
    assertThat(b.cdrClosed()).isZero();
    vertx.undeploy(b.deploymentID()).await(20, TimeUnit.SECONDS); // and a restart before the row arrives

    CdrImportTest.insertCdr(db, cdr);
    String cdrEnd = column("select to_char(max(\"end\"), 'YYYY-MM-DD HH24:MI:SS') from pbx_cdr where linkedid = '" + id + "'").get(0);
    CallBridge c = bridge(); // it does not hold the call in memory: found in the store by the CDR run
    await(() -> c.cdrClosed() == 1, "closed from the CDR after the restart");
    awaitPersisted(c);
    assertThat(column("select state || ' ' || abandon_stage || ' ' || to_char(ended_at at time zone 'UTC', "
        + "'YYYY-MM-DD HH24:MI:SS') || ' ' || ended_during_disconnect || ' ' || queue from calls"))
        .containsExactly("ABANDONED QUEUE " + cdrEnd + " false hotline-630100");
    assertThat(c.importCdr().await(10, TimeUnit.SECONDS)).isZero();
    assertThat(c.cdrClosed()).isEqualTo(1);
  }

  private List<AmiMessage> synthesize(String caller, String queue, String ext, String prefecture, int index) {
    double start = System.currentTimeMillis() / 1000.0 - 300 + index * 60;
    return new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec(caller, queue, ext, prefecture)), start, 0, index + 20);
  }

  static String linkedid(List<AmiMessage> events) {
    return events.stream().filter(m -> m.isEvent("Newchannel")).findFirst().orElseThrow().get("Linkedid");
  }

  static int indexOf(List<AmiMessage> events, String event) {
    for (int i = 0; i < events.size(); i++) if (events.get(i).isEvent(event)) return i;
    throw new AssertionError("no " + event);
  }

  static List<AmiMessage> untilHangup(List<AmiMessage> events) {
    return events.subList(0, indexOf(events, "Hangup"));
  }

  static List<AmiMessage> afterHangup(List<AmiMessage> events) {
    return events.subList(indexOf(events, "Hangup"), events.size());
  }

  private static String ts(double epoch) {
    return String.format(java.util.Locale.ROOT, "%.6f", epoch);
  }

  private CallBridge bridge() throws Exception {
    int logins = pbx.logins();
    CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
        mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);
    pbx.awaitLogins(logins + 1, 20, TimeUnit.SECONDS);
    await(() -> bridge.resyncs() >= 1, "resynchronized");
    return bridge;
  }

  private List<String> column(String sql) {
    try {
      return CallPersistenceTest.column(db, sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitPersisted(CallBridge bridge) throws Exception {
    await(() -> {
      try {
        return bridge.persisted().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        return false;
      }
    }, "writes done");
  }

  static void await(BooleanSupplier ok, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(50);
    }
  }
}
