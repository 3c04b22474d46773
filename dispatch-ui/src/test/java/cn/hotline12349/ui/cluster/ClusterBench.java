package cn.hotline12349.ui.cluster;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.CallBridge;
import cn.hotline12349.telephony.CallEvents;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Throughput and screen-pop latency of the running system (the whole app, one or two clustered nodes, one database,
 * the loopback Asterisk): scripts/bench/cluster. Reported in docs/BENCHMARKS.md.
 *
 * <ol>
 *   <li>Yardstick: plain single-row INSERTs (autocommit) from 16 concurrent clients on the same PostgreSQL, 5 s.
 *   <li>Burst: {@code burstCalls} synthesized calls (151 AMI events each at the PBX, ~17 after the bridge's event
 *       filter), prepared by the PBX before the clock starts and then written as fast as the bridge reads; AMI event
 *       absorption = events / time until the owner's bridge holds every call ENDED and answered (none lost);
 *       durable calls/s = calls / time until every call row is ENDED in PostgreSQL.
 *   <li>Screen-pop: {@code calls} calls arriving over {@code spread} seconds, each talking until the last is answered
 *       (all up at once at the end); latency from the PBX writing AgentConnect to the pop arriving on the operator's
 *       address on the UI node (node B when there are two: the pop crosses the cluster).
 * </ol>
 * args: nodes (1|2), calls (1000), spreadSeconds (20), seedCalls (20000), burstCalls (= calls)
 *
 * <p>A burst of 1,000 calls lasts about two seconds on a quiet machine, so its rate is mostly start and drain (the
 * first events' JIT, the last write-behind batch); a larger {@code burstCalls} measures the sustained rate.
 */
public final class ClusterBench {
  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    double spread = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    int seedCalls = args.length > 3 ? Integer.parseInt(args[3]) : 20000;
    int burstCalls = args.length > 4 ? Integer.parseInt(args[4]) : calls;
    TestDb db = TestDatabase.create();
    seed(db, seedCalls);
    explainSlowStatements(db);
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "bench", "bench")) {
      // production lease timings (the tests' 2 s TTL lost the lease on a loaded machine mid-burst)
      Map<String, String> ami = Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", Integer.toString(pbx.port()),
          "HOTLINE_AMI_USER", "bench", "HOTLINE_AMI_SECRET", "bench", "HOTLINE_DEMO", "true",
          "HOTLINE_PBX_LEASE_TTL_MS", "6000", "HOTLINE_PBX_LEASE_RENEW_MS", "2000");
      int pa = ClusterNode.freePort();
      int pb = ClusterNode.freePort();
      List<Integer> members = nodes == 2 ? List.of(pa, pb) : List.of(pa);
      ClusterNode a = ClusterNode.start("bench-a", pa, members, db.config(), java.time.Clock.systemUTC(), ami);
      ClusterNode b = nodes == 2 ? ClusterNode.start("bench-b", pb, members, db.config(), java.time.Clock.systemUTC(), ami) : null;
      pbx.awaitLogins(1, 30, TimeUnit.SECONDS);
      Thread.sleep(1000);
      System.out.printf("nodes=%d calls=%d spread=%.0fs seededCalls=%d burstCalls=%d cores=%d load=%.1f %s%n", nodes,
          calls, spread, seedCalls, burstCalls, Runtime.getRuntime().availableProcessors(), loadAverage(), durability(db));

      Pool pool = db.pool(a.vertx);
      double yardstick = yardstick(db, pool);
      System.out.printf("yardstick: %.0f single-row INSERTs/s (16 clients, autocommit)%n", yardstick);

      CallBridge bridge = a.app.services().telephony().bridge();
      CallSynthesizer synth = new CallSynthesizer(AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED));
      // -Dbench.bursts=N (default 2: a cold and a warm one): later bursts show the state once the JIT has compiled the
      // bridge's paths (in burst 1 it still was: docs/BENCHMARKS.md)
      int bursts = Integer.getInteger("bench.bursts", 2);
      for (int round = 0; round < bursts; round++) burst(db, pbx, bridge, pool, synth, burstCalls, round, yardstick);
      ClusterNode ui = b != null ? b : a;
      screenPop(pbx, ui, synth, calls, spread, bursts); // rounds after the bursts' (each round its own Linkedids)
      screenPop(pbx, ui, synth, calls, spread, bursts + 1);
      if (b != null) b.close();
      a.close();
    }
    System.exit(0);
  }

  /** The server's write settings: the test server's fsync=off unless -Dhotline.test.pg.durable=true. */
  static String durability(TestDb db) throws java.sql.SQLException {
    try (java.sql.Connection c = db.jdbc(); java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'), "
             + "current_setting('full_page_writes'), current_setting('max_wal_size'), current_setting('checkpoint_timeout')")) {
      rs.next();
      return "fsync=" + rs.getString(1) + " synchronous_commit=" + rs.getString(2) + " full_page_writes=" + rs.getString(3)
          + " max_wal_size=" + rs.getString(4) + " checkpoint_timeout=" + rs.getString(5);
    }
  }

  static double yardstick(TestDb db, Pool pool) throws java.sql.SQLException {
    // The application role may not create tables (it is not the schema owner): the owner makes the yardstick's table.
    try (java.sql.Connection c = db.jdbc(); java.sql.Statement st = c.createStatement()) {
      st.execute("create table if not exists bench_rows (id bigserial primary key, linkedid text not null, "
          + "state text not null, at timestamptz not null, detail text)");
      st.execute("grant select, insert on bench_rows to " + db.user());
      st.execute("grant usage on sequence bench_rows_id_seq to " + db.user());
    }
    AtomicLong rows = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<Future<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 16; c++) clients.add(insertLoop(pool, c, rows, end));
    long start = System.nanoTime();
    try {
      Future.all(clients).await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("yardstick: the 16 INSERT loops did not finish within 60 s", e);
    }
    return rows.get() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * One client: INSERT after INSERT until {@code end}. Each next INSERT is sent from the previous one's callback, never
   * by returning a composed future: a {@code compose} chain nests one future per row and, when the last row completes,
   * unwinds them all in one recursive call on the event loop (thousands of rows per client overflowed the stack; the
   * error was swallowed while being logged, the loop's future never completed and the event loop was busy for seconds,
   * long enough for node A to lose the PBX lease).
   */
  private static Future<Void> insertLoop(Pool pool, int client, AtomicLong rows, long end) {
    Promise<Void> done = Promise.promise();
    insertNext(pool, client, rows, end, done);
    return done.future();
  }

  private static void insertNext(Pool pool, int client, AtomicLong rows, long end, Promise<Void> done) {
    if (System.nanoTime() > end) {
      done.complete();
      return;
    }
    pool.preparedQuery("insert into bench_rows (linkedid, state, at, detail) values ($1, $2, now(), $3)")
        .execute(Tuple.of("y." + client + "." + rows.get(), "ENDED", "16 Normal Clearing"))
        .onComplete(ar -> {
          if (ar.failed()) {
            done.fail(ar.cause());
            return;
          }
          rows.incrementAndGet();
          insertNext(pool, client, rows, end, done);
        });
  }

  static void burst(TestDb db, LoopbackAmiServer pbx, CallBridge bridge, Pool pool, CallSynthesizer synth, int calls,
      int round, double yardstick) throws Exception {
    List<CallSynthesizer.Spec> specs = new ArrayList<>();
    for (int i = 0; i < calls; i++) specs.add(spec(i, 0, 0));
    List<AmiMessage> events = synth.synthesize(specs, System.currentTimeMillis() / 1000.0 + 100_000 * (round + 1), 0.01,
        100_000 * (round + 1));
    Set<String> ids = events.stream().filter(e -> e.isEvent("Newchannel")).map(e -> e.get("Linkedid"))
        .collect(Collectors.toSet());
    int pbxEvents = events.size();
    // The PBX's own work (its call model, rendering, the session's event filter) is done before the clock starts: on a
    // real system it runs on the PBX's host. Timed: the socket writes, the bridge, the write-behind, PostgreSQL.
    long p0 = System.nanoTime();
    LoopbackAmiServer.Burst ready = pbx.prepare(events);
    double prepareS = (System.nanoTime() - p0) / 1e9;
    // The synthesized events (~1 KB each, 755,000 for 5,000 calls) are the PBX's, not the application's: dropped before
    // the clock starts, so that the collector does not copy and mark the bench's own data during the burst.
    events = null;
    specs = null;
    System.gc();
    int sent = ready.eventsToOneSession();
    long batches0 = bridge.writeBatches().await();
    long[] gc0 = gc();
    PgProbe.Snapshot pg0 = PgProbe.snapshot(db);
    long t0 = System.nanoTime();
    java.time.Instant wall0 = java.time.Instant.now();
    ready.send();
    double emitS = (System.nanoTime() - t0) / 1e9;
    long absorbed = awaitNanos(() -> bridge.liveCalls().await().stream()
        .filter(c -> ids.contains(c.linkedid()) && c.state() == CallState.ENDED && c.answeredAt() != null).count() == ids.size());
    double absorbS = (absorbed - t0) / 1e9;
    PgProbe.Cpu cpuAbsorbed = PgProbe.cpu(db);
    // Durable: every call row ENDED and answered in PostgreSQL. Each poll asks only for the calls not yet seen durable
    // (polling all 5,000 ids every 10 ms kept a backend busy beside the writes on a 2-core machine).
    Set<String> waiting = new java.util.HashSet<>(ids);
    long durable = awaitNanos(() -> {
      pool.preparedQuery("select linkedid from calls where linkedid = any($1) and state = 'ENDED' "
              + "and answered_at is not null").execute(Tuple.of(waiting.toArray(String[]::new))).await()
          .forEach(r -> waiting.remove(r.getString(0)));
      return waiting.isEmpty();
    });
    double durableS = (durable - t0) / 1e9;
    PgProbe.Cpu cpuDurable = PgProbe.cpu(db);
    long[] gc1 = gc();
    long batches = bridge.writeBatches().await() - batches0;
    long timeline = pool.preparedQuery("select count(*) from call_timeline where linkedid = any($1)")
        .execute(Tuple.of(ids.toArray(String[]::new))).await().iterator().next().getLong(0);
    List<Call> mine = bridge.liveCalls().await().stream().filter(c -> ids.contains(c.linkedid())).toList();
    System.out.printf("burst %d: %d calls, %d AMI events at the PBX (%.1f a call; %d after the session's filter, %.1f a "
            + "call), prepared untimed in %.2fs, written in %.2fs; absorbed in %.2fs = %.0f PBX events/s (%.0f received/s); "
            + "%d/%d calls ENDED+answered in the bridge; durable in %.2fs = %.0f calls/s (%.1f%% of the yardstick); "
            + "%d timeline rows; the write phase (durable after absorbed) %.2fs; %d write batches; GC during the burst "
            + "%d collections, %d ms; load %.1f; %s .. %s UTC%n", round, ids.size(), pbxEvents, pbxEvents / (double) ids.size(), sent,
        sent / (double) ids.size(), prepareS, emitS, absorbS, pbxEvents / absorbS, sent / absorbS, mine.stream().filter(c -> c.state() == CallState.ENDED && c.answeredAt() != null).count(),
        ids.size(), durableS, ids.size() / durableS, 100 * ids.size() / durableS / yardstick, timeline, durableS - absorbS,
        batches, gc1[0] - gc0[0], gc1[1] - gc0[1], loadAverage(), wall0, wall0.plusNanos(durable - t0));
    System.out.println("burst " + round + " " + PgProbe.report(pg0.cpu(), cpuAbsorbed, cpuDurable, ids.size()));
    System.out.println("burst " + round + " " + PgProbe.snapshot(db).minus(pg0, ids.size()));
  }

  /**
   * -Dbench.explainMs=N: auto_explain (ANALYZE unless -Dbench.explainAnalyze=off, BUFFERS, WAL, triggers) of every statement of the bench's database
   * slower than N ms, in the embedded server's log (its data directory is printed at start-up), for the sessions opened
   * after this (the nodes' pools). The timing itself slows those statements: never on for the figures.
   */
  private static void explainSlowStatements(TestDb db) {
    String ms = System.getProperty("bench.explainMs");
    if (ms == null) return;
    String name = db.config().database();
    TestDatabase.asSuperuser(name, "alter database " + name + " set session_preload_libraries = 'auto_explain'",
        "alter database " + name + " set auto_explain.log_min_duration = " + Integer.parseInt(ms),
        "alter database " + name + " set auto_explain.log_analyze = " + System.getProperty("bench.explainAnalyze", "on"),
        "alter database " + name + " set auto_explain.log_parameter_max_length = 0",
        "alter database " + name + " set auto_explain.log_buffers = on",
        "alter database " + name + " set auto_explain.log_wal = on",
        "alter database " + name + " set auto_explain.log_triggers = on");
    System.out.println("auto_explain on for statements over " + ms + " ms");
  }

  /** Collections so far and their total time in ms, all collectors. */
  static long[] gc() {
    long n = 0;
    long ms = 0;
    for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new long[] {n, ms};
  }

  static void screenPop(LoopbackAmiServer pbx, ClusterNode ui, CallSynthesizer synth, int calls, double spread,
      int round) throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> popped = new ConcurrentHashMap<>();
    List<io.vertx.core.eventbus.MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    for (String user : List.of("op-xining", "op-haixi")) {
      var c = ui.vertx.eventBus().<JsonObject>consumer(CallEvents.operator(user),
          m -> popped.putIfAbsent(m.body().getString("callId"), System.nanoTime()));
      c.completion().await();
      consumers.add(c);
    }
    Thread.sleep(500); // the registration reaches the other node's view of the cluster
    List<CallSynthesizer.Spec> specs = new ArrayList<>();
    for (int i = 0; i < calls; i++) specs.add(spec(i, 2.0, spread + 10));
    List<AmiMessage> events = synth.synthesize(specs, System.currentTimeMillis() / 1000.0 + 100_000 * (round + 1),
        spread / calls, 100_000 * (round + 1));
    double prev = Double.NaN;
    for (AmiMessage e : events) {
      double ts = e.timestamp();
      if (ts - events.get(0).timestamp() > spread + 6) break; // all answered and all up: skip the hang-ups
      if (!Double.isNaN(prev) && ts > prev && ts - prev > 0.001) Thread.sleep(Math.round((ts - prev) * 1000));
      if (!Double.isNaN(ts)) prev = ts;
      if (e.isEvent("AgentConnect")) sent.put(e.get("Linkedid"), System.nanoTime());
      pbx.emit(e);
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (popped.size() < sent.size() && System.nanoTime() < until) Thread.sleep(20);
    long[] lat = sent.entrySet().stream().filter(en -> popped.containsKey(en.getKey()))
        .mapToLong(en -> popped.get(en.getKey()) - en.getValue()).sorted().toArray();
    System.out.printf("screen-pop %d on %s: %d answered, %d popped, p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms load=%.1f%n",
        round, ui.name, sent.size(), lat.length, ms(lat, 0.5), ms(lat, 0.95), ms(lat, 0.99),
        lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6, loadAverage());
    for (var c : consumers) c.unregister().await();
  }

  static CallSynthesizer.Spec spec(int i, double wait, double talk) {
    String number = String.format("139%08d", i % 20000);
    return i % 2 == 0 ? new CallSynthesizer.Spec(number, "hotline-630100", "1001", "630100", wait, talk)
        : new CallSynthesizer.Spec(number, "hotline-632800", "1002", "632800", wait, talk);
  }

  static long awaitNanos(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("not done within 300 s");
      Thread.sleep(10);
    }
    return System.nanoTime();
  }

  static double ms(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void seed(TestDb db, int calls) throws Exception {
    try (Connection c = db.jdbc()) {
      c.createStatement().execute("insert into calls (linkedid, caller_number, caller_number_norm, prefecture_code, "
          + "started_at, answered_at, ended_at) select 'seed.' || g, '139' || lpad(g::text, 8, '0'), "
          + "'139' || lpad(g::text, 8, '0'), '630100', now() - g * interval '1 minute', "
          + "now() - g * interval '1 minute' + interval '10 seconds', now() - g * interval '1 minute' + interval '5 minutes' "
          + "from generate_series(1, " + calls + ") g");
      c.createStatement().execute("analyze");
    }
  }
}
