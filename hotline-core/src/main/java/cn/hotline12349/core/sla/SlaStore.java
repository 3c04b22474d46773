package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.ClockMode;
import cn.hotline12349.core.sla.domain.ClockOutcome;
import cn.hotline12349.core.sla.domain.ClockStatus;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL for sla_deadlines (their ticket events go through core.ticket.TicketEventWriter). Callers own the transaction. */
final class SlaStore {
  static final String COLUMNS = """
      d.ticket_id, d.clock_key, d.stage, d.supervision_id, d.severity, d.owner_org, d.base_org, d.generation, d.mode,
      d.budget_ms, d.started_at, d.consumed_ms, d.running_since, d.paused_at, d.paused_total_ms, d.status,
      d.stopped_at, d.outcome, d.next_mark, d.due_at, d.next_fire_at""";

  Future<List<DeadlineRow>> forTicket(SqlClient tx, long ticketId, boolean lock) {
    return tx.preparedQuery("select " + COLUMNS + " from sla_deadlines d where d.ticket_id = $1"
            + (lock ? " for update" : "")).execute(Tuple.of(ticketId)).map(SlaStore::rows);
  }

  /** The clocks of several tickets (a page of a list), in no particular order. */
  Future<List<DeadlineRow>> forTickets(SqlClient db, List<Long> ticketIds) {
    return db.preparedQuery("select " + COLUMNS + " from sla_deadlines d where d.ticket_id = any($1)")
        .execute(Tuple.of(ticketIds.toArray(Long[]::new))).map(SlaStore::rows);
  }

  /** Due rows whose ticket is not being changed right now; a locked row or ticket is left for the next pass. */
  Future<List<DeadlineRow>> claimDue(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery("select " + COLUMNS + """
         from sla_deadlines d join tickets t on t.id = d.ticket_id
        where d.next_fire_at <= $1 order by d.next_fire_at limit $2
          for update of d, t skip locked""").execute(Tuple.of(odt(now), limit)).map(SlaStore::rows);
  }

  Future<Instant> earliestFire(SqlClient db) {
    return db.query("select min(next_fire_at) from sla_deadlines where next_fire_at is not null").execute()
        .map(rs -> instant(rs.iterator().next().getOffsetDateTime(0)));
  }

  Future<Void> upsert(SqlClient tx, DeadlineRow r) {
    return tx.preparedQuery(UPSERT).execute(args(r)).mapEmpty();
  }

  /** Several rows in one statement (one row per array element). */
  Future<Void> upsertAll(SqlClient tx, List<DeadlineRow> rows) {
    if (rows.isEmpty()) return Future.succeededFuture();
    if (rows.size() == 1) return upsert(tx, rows.get(0));
    int n = rows.size();
    Long[] ticket = new Long[n];
    String[] key = new String[n];
    String[] stage = new String[n];
    Long[] supervision = new Long[n];
    String[] severity = new String[n];
    String[] owner = new String[n];
    String[] base = new String[n];
    Integer[] generation = new Integer[n];
    String[] mode = new String[n];
    Long[] budget = new Long[n];
    OffsetDateTime[] started = new OffsetDateTime[n];
    Long[] consumed = new Long[n];
    OffsetDateTime[] runningSince = new OffsetDateTime[n];
    OffsetDateTime[] pausedAt = new OffsetDateTime[n];
    Long[] pausedTotal = new Long[n];
    String[] status = new String[n];
    OffsetDateTime[] stopped = new OffsetDateTime[n];
    String[] outcome = new String[n];
    Integer[] nextMark = new Integer[n];
    OffsetDateTime[] due = new OffsetDateTime[n];
    OffsetDateTime[] nextFire = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      DeadlineRow r = rows.get(i);
      StageClock c = r.clock();
      ticket[i] = r.ticketId();
      key[i] = r.clockKey();
      stage[i] = c.stage().name();
      supervision[i] = r.supervisionId();
      severity[i] = r.severity().name();
      owner[i] = r.ownerOrg();
      base[i] = r.baseOrg();
      generation[i] = c.generation();
      mode[i] = c.mode().name();
      budget[i] = c.budget().toMillis();
      started[i] = odt(c.startedAt());
      consumed[i] = c.consumed().toMillis();
      runningSince[i] = odt(c.runningSince());
      pausedAt[i] = odt(c.pausedAt());
      pausedTotal[i] = c.pausedTotal().toMillis();
      status[i] = c.status().name();
      stopped[i] = odt(c.stoppedAt());
      outcome[i] = c.outcome() == null ? null : c.outcome().name();
      nextMark[i] = c.nextMark();
      due[i] = odt(c.dueAt());
      nextFire[i] = odt(c.nextFireAt());
    }
    Tuple args = Tuple.tuple().addArrayOfLong(ticket).addArrayOfString(key).addArrayOfString(stage)
        .addArrayOfLong(supervision).addArrayOfString(severity).addArrayOfString(owner).addArrayOfString(base)
        .addArrayOfInteger(generation).addArrayOfString(mode).addArrayOfLong(budget).addArrayOfOffsetDateTime(started)
        .addArrayOfLong(consumed).addArrayOfOffsetDateTime(runningSince).addArrayOfOffsetDateTime(pausedAt)
        .addArrayOfLong(pausedTotal).addArrayOfString(status).addArrayOfOffsetDateTime(stopped)
        .addArrayOfString(outcome).addArrayOfInteger(nextMark).addArrayOfOffsetDateTime(due)
        .addArrayOfOffsetDateTime(nextFire);
    return tx.preparedQuery(UPSERT.replace(VALUES, """
        select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::varchar[],
          $7::varchar[], $8::int[], $9::text[], $10::bigint[], $11::timestamptz[], $12::bigint[], $13::timestamptz[],
          $14::timestamptz[], $15::bigint[], $16::text[], $17::timestamptz[], $18::text[], $19::int[],
          $20::timestamptz[], $21::timestamptz[])""")).execute(args).mapEmpty();
  }

  private static Tuple args(DeadlineRow r) {
    StageClock c = r.clock();
    return Tuple.tuple().addLong(r.ticketId()).addString(r.clockKey()).addString(c.stage().name())
        .addLong(r.supervisionId()).addString(r.severity().name()).addString(r.ownerOrg()).addString(r.baseOrg())
        .addInteger(c.generation()).addString(c.mode().name()).addLong(c.budget().toMillis())
        .addOffsetDateTime(odt(c.startedAt())).addLong(c.consumed().toMillis()).addOffsetDateTime(odt(c.runningSince()))
        .addOffsetDateTime(odt(c.pausedAt())).addLong(c.pausedTotal().toMillis()).addString(c.status().name())
        .addOffsetDateTime(odt(c.stoppedAt())).addString(c.outcome() == null ? null : c.outcome().name())
        .addInteger(c.nextMark()).addOffsetDateTime(odt(c.dueAt())).addOffsetDateTime(odt(c.nextFireAt()));
  }

  private static final String VALUES =
      "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)";
  private static final String UPSERT = """
      insert into sla_deadlines (ticket_id, clock_key, stage, supervision_id, severity, owner_org, base_org,
        generation, mode, budget_ms, started_at, consumed_ms, running_since, paused_at, paused_total_ms, status,
        stopped_at, outcome, next_mark, due_at, next_fire_at)
      """ + VALUES + """
      on conflict (ticket_id, clock_key) do update set severity = excluded.severity,
        owner_org = excluded.owner_org, base_org = excluded.base_org, generation = excluded.generation,
        mode = excluded.mode, budget_ms = excluded.budget_ms, started_at = excluded.started_at,
        consumed_ms = excluded.consumed_ms, running_since = excluded.running_since, paused_at = excluded.paused_at,
        paused_total_ms = excluded.paused_total_ms, status = excluded.status, stopped_at = excluded.stopped_at,
        outcome = excluded.outcome, next_mark = excluded.next_mark, due_at = excluded.due_at,
        next_fire_at = excluded.next_fire_at""";

  static List<DeadlineRow> rows(Iterable<Row> rows) {
    List<DeadlineRow> out = new ArrayList<>();
    for (Row r : rows) out.add(row(r));
    return out;
  }

  static DeadlineRow row(Row r) {
    String outcome = r.getString("outcome");
    StageClock c = new StageClock(SlaStage.valueOf(r.getString("stage")), r.getInteger("generation"),
        ClockMode.valueOf(r.getString("mode")), Duration.ofMillis(r.getLong("budget_ms")),
        instant(r.getOffsetDateTime("started_at")), Duration.ofMillis(r.getLong("consumed_ms")),
        instant(r.getOffsetDateTime("running_since")), instant(r.getOffsetDateTime("paused_at")),
        Duration.ofMillis(r.getLong("paused_total_ms")), ClockStatus.valueOf(r.getString("status")),
        instant(r.getOffsetDateTime("stopped_at")), outcome == null ? null : ClockOutcome.valueOf(outcome),
        r.getInteger("next_mark"), instant(r.getOffsetDateTime("due_at")), instant(r.getOffsetDateTime("next_fire_at")));
    return new DeadlineRow(r.getLong("ticket_id"), r.getString("clock_key"), r.getLong("supervision_id"),
        Severity.valueOf(r.getString("severity")), r.getString("owner_org"), r.getString("base_org"), c);
  }

  static OffsetDateTime odt(Instant at) { return at == null ? null : at.atOffset(ZoneOffset.UTC); }

  static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
