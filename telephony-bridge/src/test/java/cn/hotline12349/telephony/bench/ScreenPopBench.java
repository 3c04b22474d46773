package cn.hotline12349.telephony.bench;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.CallBridge;
import cn.hotline12349.telephony.CallEvents;
import cn.hotline12349.telephony.ScreenPop;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCallerHistory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * AMI-read-to-push latency of the screen-pop with many concurrent calls. For every call, time from
 * the loopback PBX writing AgentConnect on the AMI socket to the screen-pop arriving on
 * hotline.ui.operator.<user>: Asterisk-Java parsing, mapping, the tracker, the history lookup in
 * PostgreSQL (calls + tickets, seeded) and the event bus. Run with scripts/bench/screenpop.
 *
 * <p>args: calls (200), rounds (3), seedCalls (20000), seedTickets (5000), spreadSeconds (20): all calls start
 * within the spread and talk until after the last one is answered, so at the end all of them are up at once.
 */
public final class ScreenPopBench {
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seedCalls = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
    int seedTickets = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    double spread = args.length > 4 ? Double.parseDouble(args[4]) : 20;

    TestDb db = TestDatabase.create();
    seed(db, seedCalls, seedTickets);
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    PbxMapping mapping = PbxMappingLoader.load(PbxMappingLoader.configDir());
    List<AmiMessage> template = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
    CallSynthesizer synth = new CallSynthesizer(template);

    for (int round = 0; round <= rounds; round++) { // round 0 warms the JVM up and is not reported
      try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "bench", "bench")) {
        CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "bench", "bench")),
            mapping, new PgCallStore(pool, mapping), new ScreenPop(vertx, new PgCallerHistory(pool)),
            java.time.Clock.systemUTC());
        vertx.deployVerticle(bridge).await(30, TimeUnit.SECONDS);
        pbx.awaitLogins(1, 30, TimeUnit.SECONDS);
        Thread.sleep(500);

        if (round > 0) yardstick(vertx, pool);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> popped = new ConcurrentHashMap<>();
        for (String user : List.of("op-xining", "op-haixi")) {
          vertx.eventBus().<JsonObject>consumer(CallEvents.operator(user),
              m -> popped.putIfAbsent(m.body().getJsonObject("call").getString("linkedid"), System.nanoTime()));
        }
        List<CallSynthesizer.Spec> specs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          String number = i % 3 == 0 ? String.format("0971%07d", i % seedTickets) : String.format("139%08d", i % seedCalls);
          specs.add(new CallSynthesizer.Spec(number, i % 2 == 0 ? "hotline-630100" : "hotline-632800",
              i % 2 == 0 ? "1001" : "1002", i % 2 == 0 ? "630100" : "632800", 2.0, spread + 10));
        }
        List<AmiMessage> events = synth.synthesize(specs, System.currentTimeMillis() / 1000.0 + 1000 * round,
            spread / calls, round * calls);
        double prev = Double.NaN;
        long startWall = System.nanoTime();
        for (AmiMessage e : events) {
          double ts = e.timestamp();
          if (ts - events.get(0).timestamp() > spread + 6) break; // all answered and all up; skip the hang-ups
          if (!Double.isNaN(prev) && ts > prev && ts - prev > 0.001) Thread.sleep(Math.round((ts - prev) * 1000));
          if (!Double.isNaN(ts)) prev = ts;
          if (e.isEvent("AgentConnect")) sent.put(e.get("Linkedid"), System.nanoTime());
          pbx.emit(e);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (popped.size() < sent.size() && System.nanoTime() < waitUntil) Thread.sleep(20);
        long[] lat = sent.entrySet().stream().filter(en -> popped.containsKey(en.getKey()))
            .mapToLong(en -> popped.get(en.getKey()) - en.getValue()).sorted().toArray();
        if (round > 0) {
          System.out.printf("round %d: spread=%.0fs calls=%d answered=%d pops=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms "
                  + "(feed took %.1fs) load %s%n", round, spread, calls, sent.size(), lat.length, ms(lat, 0.50), ms(lat, 0.95),
              ms(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, (System.nanoTime() - startWall) / 1e9,
              load());
        }
        vertx.undeploy(bridge.deploymentID()).await(30, TimeUnit.SECONDS);
      }
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  /**
   * Yardstick, measured in the same run just before each reported round (no calls running): 2,000 sequential
   * {@code select 1} round trips on the same pool, and 2,000 hops onto an event loop (runOnContext from another
   * thread until the task runs): what any one step of the pop's path costs on this machine at this load.
   */
  private static void yardstick(Vertx vertx, Pool pool) throws Exception {
    int n = 2000;
    long[] db = new long[n];
    long[] hop = new long[n];
    io.vertx.core.Context ctx = vertx.getOrCreateContext();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      pool.query("select 1").execute().await(5, TimeUnit.SECONDS);
      db[i] = System.nanoTime() - t0;
      long t1 = System.nanoTime();
      java.util.concurrent.CompletableFuture<Long> ran = new java.util.concurrent.CompletableFuture<>();
      ctx.runOnContext(v -> ran.complete(System.nanoTime()));
      hop[i] = ran.get(5, TimeUnit.SECONDS) - t1;
    }
    java.util.Arrays.sort(db);
    java.util.Arrays.sort(hop);
    System.out.printf("yardstick: select 1 p50=%.2fms p99=%.2fms; event-loop hop p50=%.3fms p99=%.3fms; load %s%n",
        ms(db, 0.5), ms(db, 0.99), ms(hop, 0.5), ms(hop, 0.99), load());
  }

  private static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
  }

  private static void seed(TestDb db, int calls, int tickets) throws Exception {
    try (Connection c = db.jdbc()) {
      c.createStatement().execute("insert into users (username, password_hash, display_name, role, org_code) "
          + "values ('bench-op', 'x', 'Bench', 'OPERATOR', '630100')");
      c.createStatement().execute("insert into calls (linkedid, caller_number, caller_number_norm, prefecture_code, "
          + "started_at, answered_at, ended_at) select 'seed.' || g, '139' || lpad(g::text, 8, '0'), "
          + "'139' || lpad(g::text, 8, '0'), '630100', now() - g * interval '1 minute', "
          + "now() - g * interval '1 minute' + interval '10 seconds', now() - g * interval '1 minute' + interval '5 minutes' "
          + "from generate_series(1, " + calls + ") g");
      c.createStatement().execute("insert into tickets (ref, status, intake_org, caller_number, caller_number_norm, "
          + "category, severity, narrative, created_by, created_at, updated_at) select 'SEED-' || g, 'NEW', '630100', "
          + "'0971' || lpad(g::text, 7, '0'), '0971' || lpad(g::text, 7, '0'), 'CONSULTATION', 'NORMAL', 'seed', "
          + "(select id from users where username = 'bench-op'), now() - g * interval '1 hour', now() "
          + "from generate_series(0, " + (tickets - 1) + ") g");
      c.createStatement().execute("analyze");
    }
    System.out.printf("seeded %d calls and %d tickets%n", calls, tickets);
  }
}
