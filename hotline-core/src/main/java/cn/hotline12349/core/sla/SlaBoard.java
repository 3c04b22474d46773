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
 * subtree (BoardAggregates: on-time rate = met / (met + late + overdue now)); and the clocks of one ticket.
 */
public final class SlaBoard {
  /** The zone of the counters' days (V150); a board configured for another zone counts the clock rows instead. */
  static final ZoneId COUNTER_ZONE = ZoneId.of("Asia/Shanghai");
  private final Pool pool;
  private final OrgTree orgs;
  private final SlaConfig config;
  private final Clock clock;
  private final SlaBoardLists lists;
  private final BoardAggregates aggregates;

  public SlaBoard(Pool pool, OrgTree orgs, SlaConfig config, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.config = config;
    this.clock = clock;
    this.lists = new SlaBoardLists(pool);
    this.aggregates = new BoardAggregates(pool, orgs);
  }

  /** The board of {@code org} (default: the actor's own unit), refused outside the actor's scope. */
  public Future<JsonObject> board(Actor actor, String org) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    RuleViolation refused = refused(actor, code);
    if (refused != null) return failed(refused);
    Instant now = clock.instant();
    ZoneId zone = config.calendar().zone();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant dayStart = today.atStartOfDay(zone).toInstant();
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    Future<JsonArray> counts;
    Future<JsonObject> rates;
    if (COUNTER_ZONE.getRules().equals(zone.getRules())) {
      Instant dayEnd = today.plusDays(1).atStartOfDay(zone).toInstant();
      counts = aggregates.countsFromCounters(code, now, today, dayStart, dayEnd);
      rates = aggregates.onTimeFromCounters(code, today, today.withDayOfMonth(1), counts);
    } else {
      counts = aggregates.counts(code, now);
      rates = counts.compose(c -> aggregates.onTime(code, dayStart, monthStart, c));
    }
    // The numbers only: the lists behind them are read page by page through list() (the board view fetches them
    // after painting the numbers), so the board's answer stays the size of its counts at any data size.
    return Future.all(counts, rates).map(v -> {
      JsonObject totals = new JsonObject();
      for (BoardState s : BoardState.values()) totals.put(s.name(), 0L);
      for (Object o : counts.result()) {
        JsonObject c = (JsonObject) o;
        totals.put(c.getString("state"), totals.getLong(c.getString("state")) + c.getLong("count"));
      }
      return new JsonObject().put("org", code).put("at", now.toString()).put("totals", totals)
          .put("counts", counts.result()).put("onTime", rates.result());
    });
  }

  /**
   * A keyset page of one of the board's lists ({@code overdue}, {@code dueSoon}, {@code supervision}) of {@code org}'s
   * subtree: {@code {items, size, next?}}; {@code cursor} is the {@code next} of the page before.
   */
  public Future<JsonObject> list(Actor actor, String org, String list, int size, String cursor) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    RuleViolation refused = refused(actor, code);
    if (refused != null) return failed(refused);
    SlaBoardLists.Kind kind = switch (list == null ? "" : list) {
      case "overdue" -> SlaBoardLists.Kind.OVERDUE;
      case "dueSoon" -> SlaBoardLists.Kind.DUE_SOON;
      case "supervision" -> SlaBoardLists.Kind.SUPERVISION;
      default -> null;
    };
    if (kind == null) return failed(RuleViolation.invalid("list", "list is overdue, dueSoon or supervision"));
    if (size < 1 || size > 200) return failed(RuleViolation.invalid("size", "size must be between 1 and 200"));
    try {
      return lists.page(kind, code, clock.instant(), size, cursor).map(p -> {
        JsonObject out = new JsonObject().put("items", p.items()).put("size", size);
        if (p.next() != null) out.put("next", p.next());
        return out;
      });
    } catch (RuleViolationException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A keyset page of the open clocks of {@code org}'s subtree (owner units, as the board counts them) in one board
   * state ({@code ON_TIME}, {@code WARNED}, {@code OVERDUE}, {@code PAUSED}), optionally of one stage: the list behind
   * each of the board's clock counts. The first page carries {@code count} (exact up to 10,000, {@code countCapped}).
   */
  public Future<JsonObject> clockList(Actor actor, String org, String stage, String state, int size, String cursor) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    RuleViolation refused = refused(actor, code);
    if (refused != null) return failed(refused);
    SlaBoardLists.State s;
    try {
      s = SlaBoardLists.State.valueOf(state == null ? "" : state);
    } catch (IllegalArgumentException e) {
      return failed(RuleViolation.invalid("state", "state is ON_TIME, WARNED, OVERDUE or PAUSED"));
    }
    if (stage != null) {
      try {
        cn.hotline12349.core.sla.domain.SlaStage.valueOf(stage);
      } catch (IllegalArgumentException e) {
        return failed(RuleViolation.invalid("stage", "unknown stage " + stage));
      }
    }
    if (size < 1 || size > 200) return failed(RuleViolation.invalid("size", "size must be between 1 and 200"));
    try {
      return lists.clocks(code, stage, s, clock.instant(), size, cursor);
    } catch (RuleViolationException e) {
      return Future.failedFuture(e);
    }
  }

  /** The page (or, with {@code count}, the count) SQL of {@link #clockList}, for the plan test. */
  public static String clockListSql(String state, boolean stage, boolean afterCursor, boolean count) {
    SlaBoardLists.State s = SlaBoardLists.State.valueOf(state);
    return count ? SlaBoardLists.clockCountSql(s, stage) : SlaBoardLists.clockSql(s, stage, afterCursor, 50);
  }

  /** The page SQL of a board list ({@code overdue}, {@code dueSoon}, {@code supervision}), for the plan test. */
  public static String listSql(String list, boolean afterCursor) {
    SlaBoardLists.Kind kind = switch (list) {
      case "overdue" -> SlaBoardLists.Kind.OVERDUE;
      case "dueSoon" -> SlaBoardLists.Kind.DUE_SOON;
      default -> SlaBoardLists.Kind.SUPERVISION;
    };
    return SlaBoardLists.sql(kind, afterCursor, 50);
  }

  private RuleViolation refused(Actor actor, String code) {
    if (orgs.find(code).isEmpty()) return RuleViolation.invalid("org", "unknown org unit " + code);
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit");
    }
    return null;
  }

  /** Every clock of a ticket; the caller has already checked that the user may see the ticket. */
  public Future<List<TicketClock>> clocks(long ticketId) {
    return clocks(List.of(ticketId)).map(all -> all.getOrDefault(ticketId, List.of()));
  }

  /** The clocks of several tickets (a page of a list) in one query; tickets without clocks are absent. */
  public Future<Map<Long, List<TicketClock>>> clocks(List<Long> ticketIds) {
    if (ticketIds.isEmpty()) return Future.succeededFuture(Map.of());
    Instant now = clock.instant();
    return new SlaStore().forTickets(pool, ticketIds).map(rows -> {
          Map<Long, List<TicketClock>> out = new HashMap<>();
          for (DeadlineRow r : rows) out.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(view(r, now));
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

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
