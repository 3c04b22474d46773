package cn.hotline12349.core.sla.bench;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaFirer;
import cn.hotline12349.core.sla.SlaMetrics;
import cn.hotline12349.core.sla.SlaScheduler;
import cn.hotline12349.core.sla.SlaStoreReader;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * 1,000,000 open deadlines in PostgreSQL, {@code due} of them falling due within the next minute; the real scheduler
 * verticle on the system clock fires them. Prints lag percentiles, early firings (from the database), heap used.
 * Args: [total] [due] [windowSeconds].
 */
public final class SlaFiringBench {
  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int due = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    TestDb db = TestDatabase.create();
    long t = System.nanoTime();
    seed(db, total, due, null, window);
    Instant start = Instant.now().plusSeconds(10); // the due rows are written after the bulk, relative to now
    seed(db, total, due, start, window);
    System.out.printf("seeded %,d deadlines (%,d due in %ds) in %.1f s%n", total, due, window,
        (System.nanoTime() - t) / 1e9);

    AtomicLongArray lags = new AtomicLongArray(due * 3);
    AtomicInteger n = new AtomicInteger();
    SlaMetrics metrics = new SlaMetrics() {
      @Override public void warning(Tier tier, SlaStage stage) { }
      @Override public void breach(Tier tier, SlaStage stage) { }
      @Override public void firingLag(Duration lag) {
        int i = n.getAndIncrement();
        if (i < lags.length()) lags.set(i, lag.toNanos());
      }
    };
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    OrgTree orgs = OrgUnitsCsv.load(ConfigDir.resolve());
    SlaConfig config = SlaConfig.load(ConfigDir.resolve());
    SlaFirer firer = new SlaFirer(pool, vertx.eventBus(), orgs, config, Clock.systemUTC(), metrics, 500);
    vertx.deployVerticle(new SlaScheduler(firer, new SlaStoreReader(pool), Clock.systemUTC(), Duration.ofSeconds(1)))
        .await();
    Instant deadline = start.plusSeconds(window + 60);
    while (n.get() < due && Instant.now().isBefore(deadline)) Thread.sleep(200);
    Thread.sleep(2000); // anything beyond the expected count would be a duplicate: let it show
    vertx.close().await();

    int fired = Math.min(n.get(), lags.length());
    long[] ns = new long[fired];
    for (int i = 0; i < fired; i++) ns[i] = lags.get(i);
    Arrays.sort(ns);
    long early;
    long events;
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      early = one(s, "select count(*) from ticket_events where type in ('SLA_WARNING', 'ESCALATED')"
          + " and at < (payload->>'markAt')::timestamptz");
      events = one(s, "select count(*) from ticket_events where type in ('SLA_WARNING', 'ESCALATED')");
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("RESULT deadlines=%d due=%d window=%ds fired=%d events=%d early=%d "
            + "lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f heap_used_mb=%d heap_max_mb=%d%n",
        total, due, window, fired, events, early, pct(ns, 0.50), pct(ns, 0.99),
        fired == 0 ? Double.NaN : ns[fired - 1] / 1e6, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    System.exit(0);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static long one(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Five clocks per ticket. With {@code start == null}: the tickets and rows due..total-1, due in days. Otherwise rows
   * 0..due-1, spread evenly over [start, start + window), at mark 1 (escalation at 100 %) with a 2 h budget, so their
   * next mark is an hour later.
   */
  private static void seed(TestDb db, int total, int due, Instant start, int window) throws Exception {
    int tickets = (total + 4) / 5;
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      if (start == null) {
        s.execute("insert into users (username, password_hash, display_name, role, org_code)"
            + " values ('bench', 'x', 'bench', 'OPERATOR', '630100')");
        s.execute("insert into tickets (ref, status, intake_org, county_code, category, severity, narrative,"
            + " created_by, created_at, updated_at) select 'B' || g, 'IN_PROGRESS', '630100', '630102', 'VIOLATION',"
            + " 'EMERGENCY', 'bench', (select id from users), now(), now() from generate_series(1, " + tickets + ") g");
      }
      String fire = start == null ? "now() + interval '1 day' + (k % 2592000) * interval '1 second'"
          : "'" + start + "'::timestamptz + (k * " + window + ".0 / " + due + ") * interval '1 second'";
      int from = start == null ? due : 0;
      int to = start == null ? total - 1 : due - 1;
      s.execute("""
          insert into sla_deadlines (ticket_id, clock_key, stage, severity, owner_org, base_org, generation, mode,
            budget_ms, started_at, consumed_ms, running_since, paused_total_ms, status, next_mark, due_at, next_fire_at)
          select min_id + k / 5, st, st, 'EMERGENCY', '630102', '630102', 1, 'ALWAYS', 7200000,
                 fire - interval '2 hours', 0, fire - interval '2 hours', 0, 'RUNNING', 1, fire, fire
            from (select k, (array['DISPATCH','CLAIM','FIRST_CONTACT','RESULT','REPLY'])[k %% 5 + 1] as st, %s as fire
                    from generate_series(%d, %d) k) x, (select min(id) as min_id from tickets) m
          """.formatted(fire, from, to));
      s.execute("analyze sla_deadlines");
    }
  }
}
