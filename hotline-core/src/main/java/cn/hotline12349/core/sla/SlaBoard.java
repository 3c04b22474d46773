package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.sla.domain.BoardState;
import cn.hotline12349.core.sla.domain.ClockStatus;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA board (DOMAIN.md §9): open clocks counted by region, stage and state, and on-time rates, for one org unit's
 * subtree; and the clocks of one ticket. On-time rate = clocks met / clocks stopped (met or late) in the period;
 * cancelled clocks do not count.
 */
public final class SlaBoard {
  private static final String SCOPE = """
 (d.owner_org in (select code from org_units where code = $1 or parent_code = $1
                      or parent_code in (select code from org_units where parent_code = $1)))""";
  private final Pool pool;
  private final OrgTree orgs;
  private final SlaConfig config;
  private final Clock clock;
  private final SlaBoardLists lists;

  public SlaBoard(Pool pool, OrgTree orgs, SlaConfig config, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.config = config;
    this.clock = clock;
    this.lists = new SlaBoardLists(pool);
  }

  /** The board of {@code org} (default: the actor's own unit), refused outside the actor's scope. */
  public Future<JsonObject> board(Actor actor, String org) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    if (orgs.find(code).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + code));
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit"));
    }
    Instant now = clock.instant();
    ZoneId zone = config.calendar().zone();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant dayStart = today.atStartOfDay(zone).toInstant();
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    Future<JsonArray> counts = pool.preparedQuery("""
        select case when o.tier = 'COUNTY' then o.parent_code else o.code end as prefecture,
               case when o.tier = 'COUNTY' then o.code end as county, d.stage,
               case when d.status = 'PAUSED' then 'PAUSED' when d.due_at <= $2 then 'OVERDUE'
                    when d.next_mark > 0 or d.next_fire_at <= $2 then 'WARNED' else 'ON_TIME' end as state,
               count(*) as n
          from sla_deadlines d join org_units o on o.code = d.owner_org
         where d.status <> 'STOPPED' and """ + SCOPE + " group by 1, 2, 3, 4 order by 1, 2, 3, 4")
        .execute(Tuple.of(code, SlaStore.odt(now))).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("prefecture", r.getString(0)).put("county", r.getString(1))
                .put("stage", r.getString(2)).put("state", r.getString(3)).put("count", r.getLong(4)));
          }
          return out;
        });
    Future<JsonObject> rates = pool.preparedQuery("""
        select count(*) filter (where outcome = 'MET' and stopped_at >= $2),
               count(*) filter (where stopped_at >= $2),
               count(*) filter (where outcome = 'MET'), count(*)
          from sla_deadlines d
         where d.status = 'STOPPED' and d.outcome in ('MET', 'LATE') and d.stopped_at >= $3 and """ + SCOPE)
        .execute(Tuple.of(code, SlaStore.odt(dayStart), SlaStore.odt(monthStart))).map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("today", rate(r.getLong(0), r.getLong(1)))
              .put("month", rate(r.getLong(2), r.getLong(3)));
        });
    Future<JsonArray> overdue = lists.overdue(code, now);
    Future<JsonArray> dueSoon = lists.dueSoon(code, now);
    Future<JsonArray> orders = lists.supervision(code, now);
    return Future.all(List.of(counts, rates, overdue, dueSoon, orders)).map(v -> {
      JsonObject totals = new JsonObject();
      for (BoardState s : BoardState.values()) totals.put(s.name(), 0L);
      for (Object o : counts.result()) {
        JsonObject c = (JsonObject) o;
        totals.put(c.getString("state"), totals.getLong(c.getString("state")) + c.getLong("count"));
      }
      return new JsonObject().put("org", code).put("at", now.toString()).put("totals", totals)
          .put("counts", counts.result()).put("onTime", rates.result())
          .put("overdue", overdue.result()).put("dueSoon", dueSoon.result()).put("supervision", orders.result());
    });
  }

  /** Every clock of a ticket; the caller has already checked that the user may see the ticket. */
  public Future<List<TicketClock>> clocks(long ticketId) {
    return clocks(List.of(ticketId)).map(all -> all.getOrDefault(ticketId, List.of()));
  }

  /** The clocks of several tickets (a page of a list) in one query; tickets without clocks are absent. */
  public Future<Map<Long, List<TicketClock>>> clocks(List<Long> ticketIds) {
    if (ticketIds.isEmpty()) return Future.succeededFuture(Map.of());
    Instant now = clock.instant();
    return pool.preparedQuery("select " + SlaStore.COLUMNS + " from sla_deadlines d where d.ticket_id = any($1)")
        .execute(Tuple.of(ticketIds.toArray(Long[]::new))).map(rows -> {
          Map<Long, List<TicketClock>> out = new HashMap<>();
          for (DeadlineRow r : SlaStore.rows(rows)) out.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(view(r, now));
          out.values().forEach(l -> l.sort(Comparator.comparing(TicketClock::stage).thenComparing(TicketClock::clockKey)));
          return out;
        });
  }

  private TicketClock view(DeadlineRow r, Instant now) {
    StageClock c = r.clock();
    boolean open = c.status() != ClockStatus.STOPPED;
    Duration remaining = !open ? null : c.status() == ClockStatus.PAUSED
        ? c.remainingAt(now, config.calendar()) : Duration.between(now, c.dueAt());
    return new TicketClock(r.clockKey(), c.stage(), c.generation(), r.ownerOrg(), c.status(),
        open ? c.stateAt(now, config.policy(), config.calendar()) : null, c.dueAt(), remaining,
        c.pausedTotal(), c.outcome(), c.stoppedAt());
  }

  private static JsonObject rate(long met, long total) {
    return new JsonObject().put("met", met).put("total", total)
        .put("rate", total == 0 ? null : Math.round(1000.0 * met / total) / 1000.0);
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
