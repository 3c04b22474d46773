package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
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
 * The pbx_cdr rows of a callback a real Asterisk 20 made while no bridge listened (recorded by
 * {@link RealPbxCallbackCdrTest}), moved to the last minutes and imported by a bridge that connects: the same
 * expectations as the live run, and a second run imports nothing.
 */
class RealCallbackCdrReplayTest {
  static final String DESCRIBE = "select direction || ' ' || state || ' ' || coalesce(callback_id, '-') || ' ' || "
      + "coalesce(dialled, '-') || ' ' || coalesce(prefecture_code, '-') || ' answered ' || (answered_at is not null) "
      + "|| ' talk ' || coalesce(extract(epoch from ended_at - answered_at)::int::text, '-') from calls";

  /**
   * One OUTBOUND call, the callback's id and the child's number, ENDED, imported from the CDR once, with what the
   * callback context's end handler writes into the CDR since V285: the org unit that placed it (hotline_prefecture,
   * from the Originate's HOTLINE_PREFECTURE), the called party's result (hotline_callback_result ANSWER:7) and so the
   * child's answer, 7 s before the end.
   */
  static void imported(TestDb db) throws Exception {
    assertThat(CallPersistenceTest.column(db, "select direction || ' ' || state || ' ' || callback_id || ' ' || dialled "
        + "|| ' ' || (ended_at - started_at >= interval '7 seconds') || ' ' || coalesce(prefecture_code, '-') || ' ' || "
        + "coalesce(callback_result, '-') || ' ' || coalesce(extract(epoch from ended_at - answered_at)::int::text, '-') "
        + "from calls"))
        .containsExactly("OUTBOUND ENDED " + RealPbxCallbackCdrTest.CALLBACK_ID + " " + RealPbxScenarios.CHILD
            + " true 630100 ANSWER:7 7");
    assertThat(CallPersistenceTest.column(db, "select count(*) from call_timeline where type = 'FROM_PBX_CDR'"))
        .containsExactly("1");
  }

  @Test
  void theRealCallbackRowsAreImportedOnce() throws Exception {
    TestDb db = TestDatabase.create();
    RealCdr.loadRecent(db, RealPbxCallbackCdrTest.RESOURCE, Duration.ofMinutes(2));
    // the attempt the placing node stored before it died (Callbacks.place): the import settles it from the CDR
    try (var c = db.jdbc()) {
      c.createStatement().execute("insert into call_callbacks (id, operator_username, target_number, requested_at) "
          + "values ('" + RealPbxCallbackCdrTest.CALLBACK_ID + "', 'op-xining', '" + RealPbxScenarios.CHILD
          + "', now() - interval '3 minutes')");
    }
    Vertx vertx = Vertx.vertx();
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      Pool pool = db.pool(vertx);
      PbxMapping mapping = RealPbxScenarios.mapping(null);
      CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
          mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
      vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);
      RealPbx.await(() -> bridge.cdrImported() >= 1, 30, "the bridge imported the callback");
      RealPbx.await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
      imported(db);
      RealPbx.await(() -> !CallPersistenceTest.column(db, "select status from call_callbacks")
          .equals(List.of("REQUESTED")), 15, "the attempt settled");
      assertThat(CallPersistenceTest.column(db, "select status || ' ' || talk_seconds || ' ' || detail from call_callbacks"))
          .containsExactly("DONE 7 DIALSTATUS=ANSWER");
      assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).as("imported once").isZero();
      assertThat(CallPersistenceTest.column(db, "select count(*) from calls")).containsExactly("1");
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }
}
