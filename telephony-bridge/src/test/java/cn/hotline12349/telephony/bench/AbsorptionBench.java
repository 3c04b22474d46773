package cn.hotline12349.telephony.bench;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.CallBridge;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * AMI event absorption of the bridge alone (issue 18): {@code calls} calls synthesized from the recorded Asterisk 20
 * session (151 AMI events each) written by the loopback PBX as one burst in large socket writes
 * ({@link LoopbackAmiServer#emitAll}, so the feed is not the limit), through the real Asterisk-Java client into the
 * bridge, written behind into PostgreSQL (TestDatabase). Absorbed = every call ENDED and answered in the bridge (a lost
 * event leaves a call in another state). Run with scripts/bench/absorption.
 *
 * <p>Fair figures on a shared machine: the CPU time this JVM spent per event (the feeder thread's own CPU taken out),
 * per thread group, and a yardstick measured just before each round on the same core: a bare loop splitting the same
 * AMI text into one map per event (no classes, no dispatch), events/s. The ratio absorbed/yardstick moves little with
 * the machine's load, the raw rate moves a lot.
 *
 * <p>args: calls (1000), rounds (3; round 0 warms the JVM up and is not reported)
 */
public final class AbsorptionBench {
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    CallSynthesizer synth = new CallSynthesizer(AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "bench", "bench")) {
      CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "bench", "bench")),
          mapping, new PgCallStore(pool, mapping), null, java.time.Clock.systemUTC());
      vertx.deployVerticle(bridge).await(30, TimeUnit.SECONDS);
      pbx.awaitLogins(1, 30, TimeUnit.SECONDS);
      await(() -> bridge.resyncs() >= 1, 30);

      for (int round = 0; round <= rounds; round++) {
        List<CallSynthesizer.Spec> specs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          specs.add(new CallSynthesizer.Spec(String.format("139%08d", i), i % 2 == 0 ? "hotline-630100" : "hotline-632800",
              i % 2 == 0 ? "1001" : "1002", i % 2 == 0 ? "630100" : "632800"));
        }
        List<AmiMessage> events = synth.synthesize(specs, System.currentTimeMillis() / 1000.0 + 100_000 * (round + 1),
            0.01, 100_000 * (round + 1));
        Set<String> ids = events.stream().filter(e -> e.isEvent("Newchannel")).map(e -> e.get("Linkedid"))
            .collect(Collectors.toSet());
        double yardstick = round > 0 ? yardstick(events) : 0;
        System.gc();
        Thread.sleep(300);

        Map<String, Long> cpu0 = cpuByGroup(threads);
        long proc0 = os.getProcessCpuTime();
        long feeder0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        pbx.emitAll(events);
        double feedS = (System.nanoTime() - t0) / 1e9;
        long feederCpu = threads.getCurrentThreadCpuTime() - feeder0;
        await(() -> ended(bridge, ids) == ids.size(), 120);
        double absorbS = (System.nanoTime() - t0) / 1e9;
        long proc1 = os.getProcessCpuTime();
        Map<String, Long> cpu1 = cpuByGroup(threads);
        await(() -> stored(pool, ids) == ids.size(), 120);
        double durableS = (System.nanoTime() - t0) / 1e9;
        await(() -> bridge.persisted().await(), 60);

        if (round == 0) continue;
        double rate = events.size() / absorbS;
        StringBuilder groups = new StringBuilder();
        for (String g : cpu1.keySet()) {
          long d = cpu1.get(g) - cpu0.getOrDefault(g, 0L);
          if (d > 1_000_000) groups.append(String.format(" %s=%.2f", g, d / 1e3 / events.size()));
        }
        System.out.printf("round %d: %d calls, %d events fed in %.2fs; absorbed in %.2fs = %.0f events/s, %d/%d calls "
                + "ENDED+answered; durable in %.2fs; yardstick %.0f events/s, ratio %.3f; CPU us/event: jvm=%.2f "
                + "(feeder excluded)%s; load %s%n", round, calls, events.size(), feedS, absorbS, rate, ended(bridge, ids),
            ids.size(), durableS, yardstick, rate / yardstick, (proc1 - proc0 - feederCpu) / 1e3 / events.size(), groups,
            load());
      }
      vertx.undeploy(bridge.deploymentID()).await(30, TimeUnit.SECONDS);
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  private static long ended(CallBridge bridge, Set<String> ids) {
    return bridge.liveCalls().await().stream()
        .filter(c -> ids.contains(c.linkedid()) && c.state() == CallState.ENDED && c.answeredAt() != null).count();
  }

  private static long stored(Pool pool, Set<String> ids) {
    return pool.preparedQuery("select count(*) from calls where linkedid = any($1) and state = 'ENDED' "
        + "and answered_at is not null").execute(Tuple.of(ids.toArray(String[]::new))).await().iterator().next().getLong(0);
  }

  /** A bare AMI parse of the same events on this thread: lines split into one map per event, nothing else. */
  private static double yardstick(List<AmiMessage> events) {
    StringBuilder sb = new StringBuilder();
    for (AmiMessage e : events) sb.append(e.render());
    String text = sb.toString();
    long t0 = System.nanoTime();
    int n = 0;
    Map<String, String> m = new HashMap<>();
    int from = 0;
    while (from < text.length()) {
      int eol = text.indexOf("\r\n", from);
      if (eol < 0) break;
      if (eol == from) {
        if (!m.isEmpty()) n++;
        m = new HashMap<>();
      } else {
        int colon = text.indexOf(':', from);
        if (colon > 0 && colon < eol) m.put(text.substring(from, colon).toLowerCase(), text.substring(colon + 1, eol).trim());
      }
      from = eol + 2;
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /** CPU time by thread group: Asterisk-Java's reader and its event pump, Vert.x event loops, the rest. */
  private static Map<String, Long> cpuByGroup(ThreadMXBean threads) {
    Map<String, Long> out = new TreeMap<>();
    long self = Thread.currentThread().getId();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t == null || t.getThreadId() == self) continue;
      long c = threads.getThreadCpuTime(t.getThreadId());
      if (c < 0) continue;
      String n = t.getThreadName();
      String g = n.contains("Asterisk-Java") || n.contains("ManagerConnection") ? (n.contains("Pump") || n.contains("pump")
          ? "ami-pump" : "ami-reader") : n.startsWith("vert.x-eventloop") ? "eventloop"
          : n.startsWith("vert.x-worker") || n.startsWith("vert.x-internal") ? "worker" : "other";
      out.merge(g, c, Long::sum);
    }
    return out;
  }

  private static void await(BooleanSupplier done, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("timed out");
      Thread.sleep(20);
    }
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
