package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.store.CallStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A loopback PBX plus a deployed CallBridge logged in to it. */
public final class BridgeHarness implements AutoCloseable {
  public final LoopbackAmiServer pbx;
  public final CallBridge bridge;
  public final PbxMapping mapping;
  private final Vertx vertx;

  private BridgeHarness(Vertx vertx, LoopbackAmiServer pbx, CallBridge bridge, PbxMapping mapping) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.bridge = bridge;
    this.mapping = mapping;
  }

  public static BridgeHarness start(Vertx vertx, CallStore store, ScreenPop.CallerHistory history) throws Exception {
    return start(vertx, store, history, PbxMappingLoader.load(PbxMappingLoader.configDir()));
  }

  public static BridgeHarness start(Vertx vertx, CallStore store, ScreenPop.CallerHistory history, PbxMapping mapping)
      throws Exception {
    LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
        mapping, store, history == null ? null : new ScreenPop(vertx, history), Clock.systemUTC());
    vertx.deployVerticle(bridge).await(10, TimeUnit.SECONDS);
    if (!pbx.awaitLogins(1, 10, TimeUnit.SECONDS)) throw new IllegalStateException("bridge did not log in");
    // The server sees the login before Asterisk-Java marks its side CONNECTED; actions sent in between are refused.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!bridge.ami().orElseThrow().connected()) {
      if (System.nanoTime() > end) throw new IllegalStateException("AMI connection never reached CONNECTED");
      Thread.sleep(10);
    }
    // every test through this harness runs with the reader's event filter (AmiEventMapper.wants) in place
    if (!bridge.ami().orElseThrow().filtering()) throw new IllegalStateException("AMI reader runs without the filter");
    return new BridgeHarness(vertx, pbx, bridge, mapping);
  }

  /** Every call has reached its end: terminal state and the caller's hang-up seen (or lost in a disconnect). */
  public static boolean allEnded(List<Call> calls) {
    return calls.stream().allMatch(c -> c.state().terminal() && (c.endedAt() != null || c.endedDuringDisconnect()));
  }

  /** Polls the bridge (not a sleep-and-hope): waits until the predicate holds on its calls. */
  public List<Call> awaitCalls(Predicate<List<Call>> until) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<Call> calls;
    do {
      calls = bridge.liveCalls().await(5, TimeUnit.SECONDS);
      if (until.test(calls)) return calls;
      Thread.sleep(20);
    } while (System.nanoTime() < end);
    throw new AssertionError("condition not reached; calls: " + calls);
  }

  public void awaitPersisted() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!bridge.persisted().await(5, TimeUnit.SECONDS)) {
      if (System.nanoTime() > end) throw new AssertionError("writes still pending");
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    Future.await(vertx.undeploy(bridge.deploymentID()));
    pbx.close();
  }
}
