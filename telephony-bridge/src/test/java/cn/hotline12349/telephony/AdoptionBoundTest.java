package cn.hotline12349.telephony;

import static cn.hotline12349.telephony.AdoptedCallQueueTest.column;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.bench.TakeoverBench;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.domain.PbxSnapshot;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A take-over with many calls nobody heard (issue 18, docs/BENCHMARKS.md "Take-over adoption"): the new owner reads 12
 * variables of each unknown caller channel with Getvar, never more than {@link Resync#GETVAR_IN_FLIGHT} outstanding at
 * the PBX (the loopback answers each 2 ms late, so a client that sent more would be seen with more), and every call is
 * adopted with its queue, operator and answer time, stored once.
 */
class AdoptionBoundTest {
  static final int CALLS = 80;

  @Test
  void everyUnknownCallIsAdoptedWithAtMostTheBoundOfGetvarInFlight() throws Exception {
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      Set<String> ids = TakeoverBench.playLiveCalls(pbx, CALLS, 0);
      assertThat(ids).hasSize(CALLS);
      pbx.setGetvarDelay(2);
      CallBridge b = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
          mapping, new PgCallStore(db.pool(vertx), mapping), null, Clock.systemUTC());
      vertx.deployVerticle(b).await(20, TimeUnit.SECONDS);

      LostCallEndTest.await(() -> TakeoverBench.adopted(b, ids) == CALLS, "all calls adopted with queue and operator");
      assertThat(pbx.received("Getvar")).hasSize(CALLS * PbxSnapshot.CALLER_VARIABLES.size());
      assertThat(pbx.getvarsInFlightMax()).as("Getvar outstanding at once")
          .isLessThanOrEqualTo(Resync.GETVAR_IN_FLIGHT)
          .isGreaterThan(1); // pipelined, not one by one
      LostCallEndTest.await(() -> column(db, "select count(*) from calls where state = 'ANSWERED' and queue is not null "
          + "and operator_username is not null and answered_at is not null").equals(List.of(Integer.toString(CALLS))),
          "all stored answered with queue and operator");
      assertThat(column(db, "select count(*) from call_timeline where type = 'SEEN_AFTER_RECONNECT'"))
          .containsExactly(Integer.toString(CALLS));
      assertThat(column(db, "select count(distinct queue) || ' ' || count(distinct operator_username) from calls"))
          .containsExactly("2 2");
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }
}
