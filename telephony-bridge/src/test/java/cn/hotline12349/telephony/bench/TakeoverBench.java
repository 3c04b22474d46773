package cn.hotline12349.telephony.bench;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.CallBridge;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.domain.PbxSnapshot;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.PingAction;

/**
 * Take-over with many live calls (issue 18): {@code calls} calls answered on the loopback PBX while no bridge listened,
 * then a bridge logs in (the new owner) and adopts them: CoreShowChannels, QueueStatus, and for each caller channel
 * {@link PbxSnapshot#CALLER_VARIABLES} by Getvar (12 actions a call). Measured: log-in to every call adopted with its
 * queue and operator, the most Getvar the PBX saw outstanding at once, and what the rest of the node felt meanwhile:
 * the longest wait of a trivial blocking task (Vert.x worker pool, which every AMI action occupies) and of an AMI Ping
 * through the bridge's own connection. Yardstick in the same run: the same number of Getvar sent one after the other
 * through a bare Asterisk-Java connection. Run with scripts/bench/takeover.
 *
 * <p>args: calls (300), rounds (3; round 0 warms up and is not reported), Getvar delay ms (0: answered at once; more
 * stands for a busy PBX). System property {@code hotline.ami.getvarInFlight} sets the bound (Resync's default 8).
 */
public final class TakeoverBench {
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 0;
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    System.out.printf("takeover bench: %d calls, Getvar delay %d ms, getvarInFlight=%s, %d cores%n", calls, delayMs,
        System.getProperty("hotline.ami.getvarInFlight", "default"), Runtime.getRuntime().availableProcessors());
    for (int round = 0; round <= rounds; round++) {
      TestDb db = TestDatabase.create();
      Vertx vertx = Vertx.vertx();
      try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "bench", "bench")) {
        Set<String> ids = playLiveCalls(pbx, calls, 0);
        pbx.setGetvarDelay(delayMs);
        double yardstick = serialGetvars(pbx, calls * PbxSnapshot.CALLER_VARIABLES.size());
        Pool pool = db.pool(vertx);
        CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "bench", "bench")),
            mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC());
        long getvars0 = pbx.received("Getvar").size();

        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicLong workerWaitMax = new AtomicLong();
        AtomicLong pingMax = new AtomicLong();
        Thread probe = new Thread(() -> probe(vertx, bridge, probing, workerWaitMax, pingMax), "takeover-probe");
        long t0 = System.nanoTime();
        vertx.deployVerticle(bridge).await(30, TimeUnit.SECONDS);
        probe.start();
        await(() -> adopted(bridge, ids) == ids.size(), 120);
        double adoptS = (System.nanoTime() - t0) / 1e9;
        probing.set(false);
        probe.join();
        long getvars = pbx.received("Getvar").size() - getvars0;
        await(() -> bridge.persisted().await(), 60);
        if (round > 0) {
          System.out.printf("round %d: %d calls adopted in %.2f s (log-in to the last one with queue and operator), "
                  + "%d Getvar, at most %d outstanding at the PBX; meanwhile a blocking task waited at most %.1f ms for "
                  + "a worker, an AMI Ping took at most %.1f ms; yardstick: %d Getvar one after the other %.2f s; "
                  + "load %s%n", round, ids.size(), adoptS, getvars, pbx.getvarsInFlightMax(), workerWaitMax.get() / 1e6,
              pingMax.get() / 1e6, calls * PbxSnapshot.CALLER_VARIABLES.size(), yardstick, load());
        }
      } finally {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    }
    System.exit(0);
  }

  /**
   * {@code n} calls answered (up to their hang-up) on the loopback PBX while nobody listens: caller channels in
   * hotline-630100 / hotline-632800 with their operator (1001 / 1002). Returns their Linkedids.
   */
  public static Set<String> playLiveCalls(LoopbackAmiServer pbx, int n, int firstIndex) throws InterruptedException {
    CallSynthesizer synth = new CallSynthesizer(AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED));
    double start = System.currentTimeMillis() / 1000.0 - 600;
    List<AmiMessage> all = new ArrayList<>();
    for (int i = firstIndex; i < firstIndex + n; i++) {
      boolean xining = i % 2 == 0;
      List<AmiMessage> call = synth.synthesize(List.of(new CallSynthesizer.Spec(String.format("139%08d", i),
          xining ? "hotline-630100" : "hotline-632800", xining ? "1001" : "1002", xining ? "630100" : "632800")),
          start + i * 0.5, 0, i);
      int hangup = 0;
      while (!call.get(hangup).isEvent("Hangup")) hangup++;
      all.addAll(call.subList(0, hangup));
    }
    Replay.backToBack().run(pbx, all);
    return all.stream().filter(e -> e.isEvent("Newchannel")).map(e -> e.get("Linkedid")).collect(Collectors.toSet());
  }

  /** Calls of {@code ids} the bridge holds answered, with their queue and operator (what Getvar gave back). */
  public static long adopted(CallBridge bridge, Set<String> ids) {
    return bridge.liveCalls().await().stream().filter(c -> ids.contains(c.linkedid()) && c.answeredAt() != null
        && c.queue() != null && c.operatorInterface() != null).count();
  }

  private static void probe(Vertx vertx, CallBridge bridge, AtomicBoolean on, AtomicLong workerWaitMax,
      AtomicLong pingMax) {
    while (on.get()) {
      long asked = System.nanoTime();
      try {
        long started = vertx.executeBlocking(System::nanoTime, false).await(60, TimeUnit.SECONDS);
        workerWaitMax.accumulateAndGet(started - asked, Math::max);
        if (bridge.ami().isPresent() && bridge.ami().get().connected()) {
          long p0 = System.nanoTime();
          bridge.ami().get().send(new PingAction()).await(60, TimeUnit.SECONDS);
          pingMax.accumulateAndGet(System.nanoTime() - p0, Math::max);
        }
        Thread.sleep(5);
      } catch (Exception e) {
        return;
      }
    }
  }

  /** Seconds for {@code n} Getvar sent one after the other through a bare Asterisk-Java connection. */
  private static double serialGetvars(LoopbackAmiServer pbx, int n) throws Exception {
    ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", pbx.port(), "bench", "bench").createManagerConnection();
    c.login();
    try {
      for (int i = 0; i < 200; i++) c.sendAction(new GetVarAction("none", "QUEUENAME"), 10_000); // warm-up
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) c.sendAction(new GetVarAction("none", "QUEUENAME"), 10_000);
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      c.logoff();
    }
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private static void await(java.util.function.BooleanSupplier ok, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("timed out");
      Thread.sleep(5);
    }
  }
}
