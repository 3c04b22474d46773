package cn.hotline12349.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lease row alone: one holder at a time, renewal, expiry by the database's clock, release, the epoch. */
class PbxLeaseTest {
  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.create().pool(vertx);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void oneHolderAtATimeAndTheNextAfterExpiryOrRelease() throws Exception {
    PbxLease lease = new PbxLease(pool);
    Long first = lease.claim("a", Duration.ofMillis(600)).await();
    assertThat(first).isNotNull();
    assertThat(lease.claim("b", Duration.ofMillis(600)).await()).as("held by a").isNull();
    assertThat(lease.claim("a", Duration.ofMillis(600)).await()).as("renewal keeps the epoch").isEqualTo(first);
    assertThat(lease.current().await()).isEqualTo(new PbxLease.Holder("a", first, true));

    Thread.sleep(800);
    assertThat(lease.current().await().live()).isFalse();
    Long second = lease.claim("b", Duration.ofMillis(600)).await();
    assertThat(second).as("taken over after expiry, a new epoch").isEqualTo(first + 1);
    assertThat(lease.claim("a", Duration.ofMillis(600)).await()).isNull();

    lease.release("a").await(); // not a's to give up: nothing changes
    assertThat(lease.current().await().owner()).isEqualTo("b");
    lease.release("b").await();
    assertThat(lease.current().await().owner()).isNull();
    assertThat(lease.claim("a", Duration.ofMillis(600)).await()).as("free at once after a release").isEqualTo(second + 1);
  }
}
