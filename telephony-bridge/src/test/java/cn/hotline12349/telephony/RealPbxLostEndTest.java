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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a real Asterisk 20, with cdr_pgsql writing into the test database: bridge A (the PBX owner) stores call 1 as
 * answered, then dies before its end; call 2 is placed and answered by op2 while no bridge listens; call 1's caller
 * hangs up in the gap; bridge B connects. {@link RealLostEnd#check}: call 1 closed with the CDR's end, call 2 stored with
 * its queue and operator. The AMI stream (an unfiltered recorder session) and the CDR rows are recorded for
 * {@link RealLostEndReplayTest}. Runs only with {@code -Preal-pbx} and AST_HOME, under {@code flock /tmp/realpbx.lock}.
 */
@Tag("real-pbx")
class RealPbxLostEndTest {
  @Test
  void aCallWhoseEndWasLostIsClosedFromTheRealCdrAndACallAnsweredInTheGapKeepsItsQueue() throws Exception {
    Path repo = RealPbxSuiteTest.REPO;
    List<String> results = new ArrayList<>();
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    IntakeAgiServer agi = null;
    Path transcript = repo.resolve("telephony-bridge/src/test/resources" + RealLostEnd.TRANSCRIPT);
    try (RealPbx pbx = RealPbx.fromEnv(repo)) {
      pbx.boot(Map.of("PREFECTURE_WAIT", Integer.toString(RealPbxSuiteTest.PREFECTURE_WAIT), "PROVINCE_WAIT",
          Integer.toString(RealPbxSuiteTest.PROVINCE_WAIT)), db, RealPbx.OP1, RealPbx.OP2);
      PbxMapping mapping = RealPbxScenarios.daytime();
      agi = new IntakeAgiServer(4573, new IntakeRouting(mapping, Clock.systemUTC()));
      agi.start();
      IntakeAgiServer listening = agi;
      RealPbx.await(() -> listening.state() == IntakeAgiServer.State.LISTENING, 10, "AGI listening");
      pbx.cli("queue add member PJSIP/op1 to hotline-630100 penalty 0 as op-xining");
      pbx.cli("queue add member PJSIP/op2 to hotline-632800 penalty 0 as op-haixi");
      Pool pool = db.pool(vertx);
      String call1;
      String call2;
      try (AmiRecorder rec = AmiRecorder.start(transcript)) {
        Thread.sleep(300);
        CallBridge a = bridge(vertx, pool, mapping);
        RealPbx.await(() -> a.resyncs() >= 1, 30, "bridge A connected");
        Process caller1 = pbx.callAsync(RealPbxSuiteTest.XINING_TRUNK, RealPbxScenarios.XINING_CALLER, 12_000);
        String answered = "select linkedid from calls where state = 'ANSWERED'";
        RealPbx.await(() -> !RealLostEnd.col(db, answered).isEmpty(), 30, "call 1 stored answered by A");
        call1 = RealLostEnd.col(db, answered).get(0);
        vertx.undeploy(a.deploymentID()).await(20, TimeUnit.SECONDS); // the owner dies: call 1's end is never heard
        results.add("bridge A gone with call 1 stored " + RealLostEnd.col(db, "select state || ' ' || "
            + "coalesce(ended_at::text, 'no end') from calls"));

        Process caller2 = pbx.callAsync(RealPbxSuiteTest.HAIXI_TRUNK, RealPbxScenarios.HAIXI_CALLER, 14_000);
        assertThat(caller1.waitFor(60, TimeUnit.SECONDS)).as("call 1's caller hung up").isTrue();
        String rows1 = "select count(*) from pbx_cdr where linkedid = '" + call1 + "'";
        RealPbx.await(() -> !RealLostEnd.col(db, rows1).get(0).equals("0"), 20, "call 1's CDR");
        RealPbx.await(() -> pbx.cli("core show channels concise").contains("PJSIP/op2-"), 30,
            "call 2 answered by op2");
        Thread.sleep(1_000);

        CallBridge b = bridge(vertx, pool, mapping); // the next owner
        RealPbx.await(() -> b.cdrClosed() >= 1, 30, "call 1 closed from the CDR by B");
        String adopted = "select linkedid from calls where linkedid <> '" + call1 + "'";
        RealPbx.await(() -> !RealLostEnd.col(db, adopted).isEmpty(), 30, "call 2 stored by B");
        call2 = RealLostEnd.col(db, adopted).get(0);
        results.add("after B's resync: " + RealLostEnd.col(db, "select linkedid || ' ' || state || ' queue ' || "
            + "coalesce(queue, '-') || ' op ' || coalesce(operator_username, '-') || ' answered ' || "
            + "coalesce(answered_at::text, '-') || ' end ' || coalesce(ended_at::text, '-') || ' ' || coalesce(end_cause, '')"
            + " from calls order by started_at"));
        assertThat(caller2.waitFor(60, TimeUnit.SECONDS)).as("call 2's caller hung up").isTrue();
        RealPbx.await(() -> RealLostEnd.col(db, "select state from calls where linkedid = '" + call2 + "'")
            .equals(List.of("ENDED")), 30, "call 2 ended live on B");
        RealPbx.await(() -> b.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
        Thread.sleep(1_500); // the last CDR rows and events
      }
      String rows = RealCdr.dump(db);
      Path cdr = repo.resolve("telephony-bridge/src/test/resources" + RealLostEnd.CDR);
      Files.createDirectories(cdr.getParent());
      Files.writeString(cdr, rows);
      results.add("pbx_cdr rows:\n" + rows);
      results.add("calls: " + RealLostEnd.col(db, "select linkedid || ' ' || state || ' queue ' || coalesce(queue, '-') "
          + "|| ' #' || coalesce(queue_position::text, '-') || ' op ' || coalesce(operator_username, '-') || ' start ' "
          + "|| started_at || ' answer ' || coalesce(answered_at::text, '-') || ' end ' || coalesce(ended_at::text, '-') "
          + "|| ' ' || end_cause from calls order by started_at"));
      RealLostEnd.check(db, call1, call2);
      // call 2's start (now minus the channel's age at B's resync) and its answer (the PBX's own clock) agree
      assertThat(RealLostEnd.col(db, "select started_at < answered_at and answered_at - started_at < interval '10 seconds' "
          + "from calls where linkedid = '" + call2 + "'")).containsExactly("t");
    } finally {
      if (agi != null) agi.close();
      vertx.close().await(20, TimeUnit.SECONDS);
      Path out = repo.resolve("telephony-bridge/target/real-pbx-lost-end-results.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, results);
    }
  }

  private static CallBridge bridge(Vertx vertx, Pool pool, PbxMapping mapping) throws Exception {
    CallBridge b = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", 5038, "hotline", "change-me-long-random")),
        mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
    vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);
    return b;
  }
}
