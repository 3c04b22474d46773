package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RealPbxLostEndTest}'s recording, in the default suite: the real Asterisk's AMI stream through the loopback PBX
 * and the rows its cdr_pgsql wrote, both moved to the last minutes by the same whole number of seconds. Bridge A hears
 * the stream until call 2 begins and dies with call 1 stored answered; nobody listens until call 1 has ended and call
 * 2 is answered; call 1's CDR rows are in pbx_cdr; bridge B takes over and hears the rest. Same checks as the live run.
 */
class RealLostEndReplayTest {

  @Test
  void theRealRecordingGivesTheSameCalls() throws Exception {
    List<AmiMessage> recorded = AmiTranscript.loadEvents(RealLostEnd.TRANSCRIPT);
    String call1 = linkedidOf(recorded, RealPbxScenarios.XINING_CALLER);
    String call2 = linkedidOf(recorded, RealPbxScenarios.HAIXI_CALLER);
    double last = recorded.stream().mapToDouble(AmiMessage::timestamp).filter(t -> !Double.isNaN(t)).max().orElseThrow();
    long shift = (long) Math.floor(System.currentTimeMillis() / 1000.0 - 60 - last);
    List<AmiMessage> events = recorded.stream().map(m -> RealCdr.shifted(m, shift)).toList();
    int call2Starts = first(events, m -> m.isEvent("Newchannel") && call2.equals(m.get("Linkedid")));
    int gapEnds = Math.max(last(events, m -> call1.equals(m.get("Linkedid"))),
        first(events, m -> m.isEvent("AgentConnect") && call2.equals(m.get("Linkedid"))));

    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      Pool pool = db.pool(vertx);
      PbxMapping mapping = RealPbxScenarios.mapping(null);
      CallBridge a = bridge(vertx, pool, mapping, pbx);
      LostCallEndTest.await(() -> a.resyncs() >= 1, "bridge A connected");
      Replay.backToBack().run(pbx, events.subList(0, call2Starts));
      String answered = "select state from calls where linkedid = '" + call1 + "'";
      LostCallEndTest.await(() -> col(db, answered).equals(List.of("ANSWERED")), "call 1 stored answered by A");
      vertx.undeploy(a.deploymentID()).await(20, TimeUnit.SECONDS);

      Replay.backToBack().run(pbx, events.subList(call2Starts, gapEnds + 1)); // nobody listens
      String rows = AmiTranscript.load(RealLostEnd.CDR).lines()
          .filter(l -> l.contains("\t" + call1 + "\t")).map(l -> l + "\n").reduce("", String::concat);
      assertThat(rows.lines().count()).as("call 1's CDR rows").isEqualTo(2);
      RealCdr.load(db, rows, Duration.ofSeconds(shift));

      CallBridge b = bridge(vertx, pool, mapping, pbx);
      LostCallEndTest.await(() -> b.cdrClosed() >= 1, "call 1 closed from the CDR by B");
      LostCallEndTest.await(() -> col(db, "select count(*) from calls").equals(List.of("2")), "call 2 stored by B");
      Replay.backToBack().run(pbx, events.subList(gapEnds + 1, events.size()));
      LostCallEndTest.await(() -> col(db, "select state from calls where linkedid = '" + call2 + "'")
          .equals(List.of("ENDED")), "call 2 ended live on B");
      LostCallEndTest.await(() -> {
        try {
          return b.persisted().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          return false;
        }
      }, "writes done");
      RealLostEnd.check(db, call1, call2);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  private static String linkedidOf(List<AmiMessage> events, String caller) {
    return events.get(first(events, e -> e.isEvent("Newchannel") && caller.equals(e.get("CallerIDNum")))).get("Linkedid");
  }

  private static int first(List<AmiMessage> events, java.util.function.Predicate<AmiMessage> p) {
    for (int i = 0; i < events.size(); i++) if (p.test(events.get(i))) return i;
    throw new AssertionError("not in the recording");
  }

  private static int last(List<AmiMessage> events, java.util.function.Predicate<AmiMessage> p) {
    for (int i = events.size() - 1; i >= 0; i--) if (p.test(events.get(i))) return i;
    throw new AssertionError("not in the recording");
  }

  private static CallBridge bridge(Vertx vertx, Pool pool, PbxMapping mapping, LoopbackAmiServer pbx) throws Exception {
    CallBridge b = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
        mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);
    return b;
  }

  private static List<String> col(TestDb db, String sql) {
    try {
      return CallPersistenceTest.column(db, sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
