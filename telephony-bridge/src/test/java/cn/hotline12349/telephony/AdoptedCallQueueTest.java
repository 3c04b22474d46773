package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls that were live at a take-over and never stored: the new owner knows them only from the PBX's state. One was
 * answered while nobody listened (no longer in QueueStatus), one still waits in the queue. Both must be stored with
 * their queue (and position), the answered one with its operator and answer time, read back from the caller's
 * channel (Getvar of app_queue's QUEUENAME/QUEUEPOSITION/MEMBERINTERFACE and the dialplan's HOTLINE_ANSWERED).
 */
class AdoptedCallQueueTest {

  @Test
  void callsFirstSeenAtTheResyncAreStoredWithTheirQueuePositionAndOperator() throws Exception {
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    double start = System.currentTimeMillis() / 1000.0 - 120;
    List<AmiMessage> answered = new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec("13909710002", "hotline-632800", "1002", "632800")), start, 0, 30);
    List<AmiMessage> waiting = new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec("13909710004", "hotline-630100", "1001", "630100")), start + 10, 0, 31);
    String answeredId = LostCallEndTest.linkedid(answered);
    String waitingId = LostCallEndTest.linkedid(waiting);
    AmiMessage connect = answered.get(LostCallEndTest.indexOf(answered, "AgentConnect"));
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      // nobody listens: one call is answered, the other joins the queue (no operator called yet)
      Replay.backToBack().run(pbx, LostCallEndTest.untilHangup(answered));
      Replay.backToBack().run(pbx, waiting.subList(0, LostCallEndTest.indexOf(waiting, "AgentCalled")));

      Pool pool = db.pool(vertx);
      CallBridge b = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
          mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC());
      vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);
      LostCallEndTest.await(() -> b.resyncs() >= 1, "resynchronized");
      LostCallEndTest.await(() -> column(db, "select count(*) from calls").equals(List.of("2")), "both stored");
      // the answered one: Getvar of its caller's channel, nothing of it in QueueStatus
      assertThat(pbx.received("Getvar")).extracting(m -> m.get("Variable")).contains("QUEUENAME", "MEMBERINTERFACE");
      assertThat(column(db, "select state || ' ' || queue || ' ' || queue_position || ' ' || operator_username || ' ' || "
          + "prefecture_code || ' ' || extract(epoch from answered_at)::bigint || ' ' || (queued_at is null) "
          + "from calls where linkedid = '" + answeredId + "'"))
          .containsExactly("ANSWERED hotline-632800 1 op-haixi 632800 " + (long) Math.floor(connect.timestamp())
              + " true"); // the join was not heard: its time stays unknown, not invented
      // the waiting one: queue and position from QueueStatus
      assertThat(column(db, "select state || ' ' || queue || ' ' || queue_position || ' ' || prefecture_code "
          + "from calls where linkedid = '" + waitingId + "'")).containsExactly("QUEUED hotline-630100 1 630100");
      assertThat(column(db, "select count(*) from call_timeline where type = 'SEEN_AFTER_RECONNECT'"))
          .containsExactly("2");

      // the answered call then ends live: it keeps its queue and operator
      Replay.backToBack().run(pbx, LostCallEndTest.afterHangup(answered));
      LostCallEndTest.await(() -> column(db, "select state || ' ' || queue || ' ' || operator_username from calls "
          + "where linkedid = '" + answeredId + "'").equals(List.of("ENDED hotline-632800 op-haixi")), "ended");
      // Getvar only for calls the bridge did not know: the already known caller channels were not asked again
      long getvars = pbx.received("Getvar").size();
      assertThat(getvars).isEqualTo(2L * cn.hotline12349.telephony.domain.PbxSnapshot.CALLER_VARIABLES.size());
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  /** {@link CallPersistenceTest#column} for a condition polled in a lambda. */
  static List<String> column(TestDb db, String sql) {
    try {
      return CallPersistenceTest.column(db, sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
