package cn.hotline12349.core.ticket.bench;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.sla.SlaAddresses;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaFirer;
import cn.hotline12349.core.sla.SlaMetrics;
import cn.hotline12349.core.sla.SlaScheduler;
import cn.hotline12349.core.sla.SlaStoreReader;
import cn.hotline12349.core.sla.SlaTransitionHook;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Ticket creation throughput: {@code clients} concurrent callers of {@link TicketService#create} (a child, dispatched
 * to a county, the SLA hook and the real scheduler deployed), against a yardstick in the same run: the same rows
 * (ticket, child, events, audit, deadlines) copied from a created ticket by one raw INSERT statement per ticket, each
 * in its own transaction, by as many callers on the same pool, in alternating slices. Args: [clients] [seconds
 * per side].
 */
public final class CreateBench {
  private static final String YARDSTICK = """
      with t as (
        insert into tickets (ref, status, version, event_seq, intake_org, county_code, caller_number,
          caller_number_norm, caller_relation, category, subcategory, severity, narrative, call_id, created_by,
          created_at, updated_at)
        select 'Y' || nextval('bench_ref'), status, version, event_seq, intake_org, county_code, caller_number,
          caller_number_norm, caller_relation, category, subcategory, severity, narrative, call_id, created_by, now(),
          now() from tickets where id = $1
        returning id),
      c as (insert into ticket_children (ticket_id, position, name, age, gender, county_code, address, disability,
          no_guardian)
        select t.id, position, name, age, gender, county_code, address, disability, no_guardian
        from ticket_children, t where ticket_id = $1),
      e as (insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
          from_status, to_status, reason, payload)
        select t.id, seq, type, at, actor_id, actor_username, actor_role, actor_org, from_status, to_status, reason,
          payload from ticket_events, t where ticket_id = $1),
      a as (insert into audit_log (at, user_id, username, action, ticket_id, detail)
        select at, user_id, username, action, t.id, detail from audit_log, t where ticket_id = $1),
      d as (insert into sla_deadlines (ticket_id, clock_key, stage, supervision_id, severity, owner_org, base_org,
          generation, mode, budget_ms, started_at, consumed_ms, running_since, paused_at, paused_total_ms, status,
          stopped_at, outcome, next_mark, due_at, next_fire_at)
        select t.id, clock_key, stage, supervision_id, severity, owner_org, base_org, generation, mode, budget_ms,
          started_at, consumed_ms, running_since, paused_at, paused_total_ms, status, stopped_at, outcome, next_mark,
          due_at, next_fire_at from sla_deadlines, t where ticket_id = $1)
      select id from t""";

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    TestDb db = TestDatabase.create();
    Actor op = db.insertUser("bench-op", Role.OPERATOR, "630100");
    OrgTree orgs = OrgUnitsCsv.load(ConfigDir.resolve());
    SlaConfig sla = SlaConfig.load(ConfigDir.resolve());
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    TicketService tickets = new TicketService(pool, vertx.eventBus(), orgs, Clock.systemUTC());
    tickets.addHook(new SlaTransitionHook(sla, at -> vertx.eventBus().publish(SlaAddresses.WAKE, at.toEpochMilli())));
    SlaFirer firer = new SlaFirer(pool, vertx.eventBus(), orgs, sla, Clock.systemUTC(), SlaMetrics.NONE, 500);
    String scheduler = vertx.deployVerticle(new SlaScheduler(firer, new SlaStoreReader(pool), Clock.systemUTC(),
        Duration.ofSeconds(1))).await();
    TicketDraft draft = new TicketDraft("13909710001", "neighbour",
        List.of(new ChildDraft("小明", 9, ChildDraft.Gender.MALE, "630102", "城东区", false, false)),
        Category.VIOLATION, null, Severity.HIGH, "bench narrative: a child left alone at home", null, null, null);
    long template = tickets.create(op, draft, "630102").await().id();
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.execute("create sequence bench_ref");
    }

    // The machine is shared and its load drifts: short alternating slices (Y S S Y Y S …) expose both to the same drift.
    Supplier<Future<Void>> yardstick = () -> pool.withTransaction(tx ->
        tx.preparedQuery(YARDSTICK).execute(Tuple.of(template)).mapEmpty());
    Supplier<Future<Void>> service = () -> tickets.create(op, draft, "630102").mapEmpty();
    int rounds = Math.max(2, seconds / 4);
    double[] y = new double[2];
    double[] sv = new double[2];
    for (int i = 0; i < rounds; i++) {
      boolean yardFirst = i % 2 == 0;
      double[] first = run(vertx, clients, seconds / (double) rounds, yardFirst ? yardstick : service);
      double[] second = run(vertx, clients, seconds / (double) rounds, yardFirst ? service : yardstick);
      add(yardFirst ? y : sv, first);
      add(yardFirst ? sv : y, second);
    }
    double yard = y[0] / y[1];
    double svc = sv[0] / sv[1];
    long rows;
    try (Connection c = db.jdbc(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from tickets")) {
      rs.next();
      rows = rs.getLong(1);
    }
    System.out.printf("RESULT clients=%d seconds=%d (each, in %d alternating slices) service_tps=%.0f"
            + " yardstick_tps=%.0f ratio=%.0f%% tickets=%d%n", clients, seconds, rounds, svc, yard, 100 * svc / yard, rows);
    vertx.undeploy(scheduler).await();
    vertx.close().await();
    System.exit(0);
  }

  private static void add(double[] total, double[] part) {
    total[0] += part[0];
    total[1] += part[1];
  }

  /** {@code clients} loops, each starting its next call when the last one ends: {calls completed, seconds}. */
  private static double[] run(Vertx vertx, int clients, double seconds, Supplier<Future<Void>> call) {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    Promise<Void> all = Promise.promise();
    AtomicInteger running = new AtomicInteger(clients);
    for (int i = 0; i < clients; i++) {
      vertx.runOnContext(v -> loop(call, end, done, failed, running, all));
    }
    all.future().await();
    if (failed.get() > 0) System.out.println("failed calls: " + failed.get());
    return new double[] {done.get(), (System.nanoTime() - start) / 1e9};
  }

  private static void loop(Supplier<Future<Void>> call, long end, AtomicInteger done, AtomicInteger failed,
      AtomicInteger running, Promise<Void> all) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) all.complete();
      return;
    }
    call.get().onComplete(ar -> {
      if (ar.succeeded()) done.incrementAndGet();
      else if (failed.getAndIncrement() == 0) ar.cause().printStackTrace();
      loop(call, end, done, failed, running, all);
    });
  }
}
