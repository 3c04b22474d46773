package cn.hotline12349.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.telephony.TelephonySettings;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lease answer that arrives too late to trust: the database granted the lease, but by this node's monotonic clock
 * the lease may already have expired (or be about to, within the safety margin) when the answer lands. The node must
 * not start its bridge on such an answer, and an owner whose renewal is answered late must stop its bridge.
 * The answer's lateness is made by moving the injected monotonic clock forward as each claim's answer arrives.
 */
class PbxLateLeaseAnswerTest {
  static final Duration TTL = Duration.ofMillis(1000);
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

  /** The real lease over the test database; each claim's answer "arrives" {@code lateByNanos} after it was sent. */
  static final class SlowAnswers extends PbxLease {
    final AtomicLong clockOffset = new AtomicLong();
    volatile long lateByNanos;

    SlowAnswers(Pool pool) { super(pool); }

    @Override
    Future<Long> claim(String node, Duration ttl) {
      return super.claim(node, ttl).map(ep -> {
        clockOffset.addAndGet(lateByNanos);
        return ep;
      });
    }

    long nanos() { return System.nanoTime() + clockOffset.get(); }
  }

  @Test
  void aLateAnswerNeitherStartsNorKeepsTheBridge() throws Exception {
    SlowAnswers lease = new SlowAnswers(pool);
    lease.lateByNanos = TTL.toNanos() * 85 / 100; // inside the TTL but within the safety margin
    ClusterSettings s = ClusterSettings.fromEnv(Map.of("HOTLINE_NODE_NAME", "late-a",
        "HOTLINE_PBX_LEASE_TTL_MS", Long.toString(TTL.toMillis()), "HOTLINE_PBX_LEASE_RENEW_MS", "200"));
    TelephonySettings tel = TelephonySettings.fromEnv(Map.of("HOTLINE_AGI_PORT", "off"));
    PbxOwnership o = PbxOwnership.leased(vertx, lease, s, tel,
        t -> Telephony.start(vertx, pool, t, PbxMappingLoader.configDir(), Clock.systemUTC()), lease::nanos)
        .await(30, TimeUnit.SECONDS);
    CopyOnWriteArrayList<Telephony> started = new CopyOnWriteArrayList<>();
    o.onActive(started::add);
    try {
      Thread.sleep(1500); // about seven claims, each answered late
      assertThat(started).as("no bridge started on a late answer").isEmpty();
      assertThat(o.role()).isEqualTo(PbxOwnership.Role.STANDBY);
      assertThat(o.acquisitions()).isZero();
      assertThat(o.lateAnswers()).isGreaterThanOrEqualTo(3);
      assertThat(new PbxLease(pool).current().await().owner())
          .as("the database did grant it: only the answer's age made the node refuse").isEqualTo("late-a");

      lease.lateByNanos = 0; // answers on time again
      await(() -> o.role() == PbxOwnership.Role.OWNER, "owner once answered in time");
      assertThat(o.acquisitions()).isEqualTo(1);
      assertThat(started).hasSize(1);
      Telephony bridge = started.get(0);
      assertThat(vertx.deploymentIDs()).contains(bridge.bridge().deploymentID());
      long refusedBefore = o.lateAnswers();

      lease.lateByNanos = TTL.toNanos() + TimeUnit.MILLISECONDS.toNanos(1); // a renewal answered after the TTL
      await(() -> o.role() == PbxOwnership.Role.STANDBY, "stood down on a late renewal");
      assertThat(o.lateAnswers()).as("stopped by the late answer itself").isGreaterThan(refusedBefore);
      await(() -> !vertx.deploymentIDs().contains(bridge.bridge().deploymentID()), "bridge undeployed");
      assertThat(o.current()).isNotSameAs(bridge);
      assertThat(o.acquisitions()).isEqualTo(1);
    } finally {
      o.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
      Thread.sleep(20);
    }
  }
}
