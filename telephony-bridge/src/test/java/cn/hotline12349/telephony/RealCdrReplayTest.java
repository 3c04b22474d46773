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
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pbx_cdr rows a real Asterisk 20 wrote (recorded by {@link RealPbxCdrTest}: one answered, one abandoned call,
 * no bridge listening), moved to the last minutes, imported by a bridge that takes over: the same expectations as the
 * live run ({@link RealCdr#imported}), and a second run imports nothing.
 */
@ExtendWith(VertxExtension.class)
class RealCdrReplayTest {

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void theRealPbxsCdrRowsAreImportedOnce(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    RealCdr.loadRecent(db, RealCdr.RESOURCE, Duration.ofMinutes(2));
    List<String> ids = RealCdr.calls(db);
    assertThat(ids).hasSize(2);

    Pool pool = db.pool(vertx);
    PbxMapping mapping = RealPbxScenarios.mapping(null);
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
          mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
      vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((bridge.cdrImported() < 2 || !bridge.persisted().await(5, TimeUnit.SECONDS)) && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(bridge.cdrImported()).isEqualTo(2);
      RealCdr.imported(db, ids.get(0), ids.get(1));
      assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).isZero();
      assertThat(CallPersistenceTest.column(db, "select count(*) from calls")).containsExactly("2");
      vertx.undeploy(bridge.deploymentID()).await(20, TimeUnit.SECONDS);
    }
    t.completeNow();
  }
}
