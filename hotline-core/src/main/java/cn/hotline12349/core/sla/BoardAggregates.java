package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.domain.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's numbers as SQL aggregates over the V71 covering indexes (open clocks by owner, stopped clocks by owner
 * and time), nothing loaded into memory. On-time rate of a period (docs/sla.md):
 * <pre>  rate = MET / (MET + LATE + OVERDUE)</pre>
 * MET and LATE: clocks stopped in the period; OVERDUE: clocks running past their deadline now (a late clock counts
 * against the rate before it stops, not only once it does). Cancelled and paused clocks are not counted.
 */
public final class BoardAggregates {
  /** The owner units under {@code $1} (itself, its children, their children): three tiers at most. */
  static final String SCOPE = """
 (d.owner_org in (select code from org_units where code = $1 or parent_code = $1
                      or parent_code in (select code from org_units where parent_code = $1)))""";

  /** Open clocks by region, stage, state and owner tier: $1 org, $2 now. Public for the plan test (PlansDbTest). */
  public static final String COUNTS = """
        select case when o.tier = 'COUNTY' then o.parent_code else o.code end as prefecture,
               case when o.tier = 'COUNTY' then o.code end as county, d.stage,
               case when d.status = 'PAUSED' then 'PAUSED' when d.due_at <= $2 then 'OVERDUE'
                    when d.next_mark > 0 or d.next_fire_at <= $2 then 'WARNED' else 'ON_TIME' end as state,
               o.tier, count(*) as n
          from sla_deadlines d join org_units o on o.code = d.owner_org
         where d.status <> 'STOPPED' and """ + SCOPE + " group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4";
  /** Stopped clocks met/late by owner tier and stage: $1 org, $2 day start, $3 month start. */
  public static final String ON_TIME = """
        select o.tier, d.stage,
               count(*) filter (where d.outcome = 'MET' and d.stopped_at >= $2),
               count(*) filter (where d.outcome = 'LATE' and d.stopped_at >= $2),
               count(*) filter (where d.outcome = 'MET'), count(*) filter (where d.outcome = 'LATE')
          from sla_deadlines d join org_units o on o.code = d.owner_org
         where d.status = 'STOPPED' and d.outcome in ('MET', 'LATE') and d.stopped_at >= $3 and """ + SCOPE
        + " group by 1, 2";

  /** Counters and not yet folded deltas (V150) of the owners in $1 (the scope's codes), of some statuses. */
  private static String counters(String statuses) {
    return """
        select owner_org, stage, status, warned, day, n from board_counts where status in (%1$s) and owner_org = any($1)
         union all
        select owner_org, stage, status, warned, day, n from board_count_deltas where status in (%1$s)
           and owner_org = any($1)""".formatted(statuses);
  }

  /**
   * {@link #COUNTS} from the counters, by owner (the region and tier come from the org tree): $1 the owner codes of
   * the scope, $2 now, $3 today's date (the board's zone, Asia/Shanghai, as the counters' days), $4..$5 the part of
   * the current hour read from the rows, $6 true when the part of today read is the one already past, $7..$8 the
   * whole hours of today [from, to) taken from the hour buckets (V210). A counted running clock due before today is
   * overdue, one due after today is not. Of today's, the smaller part is moved: before noon the clocks already due
   * (counted as not overdue, moved to overdue: the hours before the current one from board_hour_counts, the current
   * hour's from sla_deadlines up to now), after noon those still to come (counted as overdue, moved back: the hours
   * after the current one, and the current hour's after now). A warning due but not fired yet (next_mark still 0: the
   * scheduler's backlog) moves its clock from on time to warned (sla_deadlines_fire).
   */
  public static final String COUNTS_FROM_COUNTERS = """
        with k as (""" + counters("'RUNNING', 'PAUSED'") + """
        ),
        h as (
          select owner_org, stage, warned, n from board_hour_counts
           where day = $3 and hour >= $7 and hour < $8 and owner_org = any($1)
           union all
          select owner_org, stage, warned, n from board_count_deltas
           where status = 'RUNNING' and day = $3 and hour >= $7 and hour < $8 and owner_org = any($1))
        select owner_org, stage, state, sum(n)::bigint from (
          select owner_org, stage,
                 case when status = 'PAUSED' then 'PAUSED' when day < $3 then 'OVERDUE'
                      when day = $3 and not $6 then 'OVERDUE' when warned then 'WARNED' else 'ON_TIME' end as state, n
            from k
          union all
          select h.owner_org, h.stage, x.state, x.n * h.n
            from h, lateral (values
                   (case when h.warned then 'WARNED' else 'ON_TIME' end, case when $6 then -1 else 1 end),
                   ('OVERDUE', case when $6 then 1 else -1 end)) x (state, n)
          union all
          select d.owner_org, d.stage, x.state, x.n
            from sla_deadlines d, lateral (values
                   (case when d.next_mark > 0 then 'WARNED' else 'ON_TIME' end, case when $6 then -1 else 1 end),
                   ('OVERDUE', case when $6 then 1 else -1 end)) x (state, n)
           where d.status = 'RUNNING' and d.due_at >= $4 and d.due_at < $5 and d.owner_org = any($1)
          union all
          select d.owner_org, d.stage, x.state, x.n
            from sla_deadlines d, (values ('WARNED', 1), ('ON_TIME', -1)) x (state, n)
           where d.next_fire_at <= $2 and d.status = 'RUNNING' and d.next_mark = 0
             and (d.due_at > $2 or d.due_at is null) and d.owner_org = any($1)) s
        group by 1, 2, 3 having sum(n) <> 0""";

  /** {@link #ON_TIME} from the counters, by owner: $1 the owner codes, $2 today's date, $3 the month's first date. */
  public static final String ON_TIME_FROM_COUNTERS = """
        with k as (""" + counters("'MET', 'LATE'") + """
        )
        select owner_org, stage,
               coalesce(sum(n) filter (where status = 'MET' and day >= $2), 0)::bigint,
               coalesce(sum(n) filter (where status = 'LATE' and day >= $2), 0)::bigint,
               coalesce(sum(n) filter (where status = 'MET'), 0)::bigint,
               coalesce(sum(n) filter (where status = 'LATE'), 0)::bigint
          from k where day >= $3
         group by 1, 2 having sum(n) <> 0""";

  /** The owner codes the counter queries take as $1: {@code org} and the units below it. */
  public static String[] scopeCodes(OrgTree orgs, String org) {
    return orgs.all().stream().map(OrgUnit::code).filter(c -> orgs.within(c, org)).sorted().toArray(String[]::new);
  }

  private final Pool pool;
  private final OrgTree orgs;

  BoardAggregates(Pool pool, OrgTree orgs) {
    this.pool = pool;
    this.orgs = orgs;
  }

  /** Open clocks by prefecture, county, stage, state and tier, from the counters (the board's zone is their zone). */
  Future<JsonArray> countsFromCounters(String org, Instant now, LocalDate today, Instant dayStart, Instant dayEnd) {
    Tuple args = countsArgs(scopeCodes(orgs, org), now, today, dayStart, dayEnd);
    // Planned for its arguments each time: after a few runs PostgreSQL caches a generic plan of a prepared statement,
    // and without the instants it walks the whole open-clock index for the warnings due (8-36 ms at 1M) instead of
    // the handful past now on sla_deadlines_fire.
    return pool.withTransaction(tx -> tx.query("set local plan_cache_mode = force_custom_plan").execute()
            .compose(v -> tx.preparedQuery(COUNTS_FROM_COUNTERS).execute(args)))
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            OrgUnit o = orgs.find(r.getString(0)).orElse(null);
            if (o == null) continue;
            boolean county = o.tier() == Tier.COUNTY;
            out.add(new JsonObject().put("prefecture", county ? o.parentCode() : o.code())
                .put("county", county ? o.code() : null).put("stage", r.getString(1)).put("state", r.getString(2))
                .put("tier", o.tier().name()).put("count", r.getLong(3)));
          }
          // The order of COUNTS: prefecture, county (the prefecture's own clocks last), stage, state.
          out.sort(Comparator.comparing((JsonObject c) -> c.getString("prefecture"))
              .thenComparing(c -> c.getString("county"), Comparator.nullsLast(Comparator.naturalOrder()))
              .thenComparing(c -> c.getString("stage")).thenComparing(c -> c.getString("state")));
          return new JsonArray(new ArrayList<>(out));
        });
  }

  /**
   * The arguments of {@link #COUNTS_FROM_COUNTERS}: of today, the part already past or the part to come, the shorter;
   * of it the whole hours from the hour buckets, the current hour's part from the rows. {@code dayStart} is today's
   * start in the counters' zone (Asia/Shanghai: no daylight saving, so an hour of the day is dayStart + n hours).
   */
  public static Tuple countsArgs(String[] codes, Instant at, LocalDate today, Instant dayStart, Instant dayEnd) {
    Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // PostgreSQL's precision
    Instant justAfter = now.plusNanos(1000); // due_at <= now is overdue: the past part ends just after now
    boolean past = Duration.between(dayStart, now).compareTo(Duration.between(now, dayEnd)) <= 0;
    int hour = (int) Duration.between(dayStart, now).toHours();
    Instant hourStart = dayStart.plus(Duration.ofHours(hour));
    Instant hourEnd = hourStart.plus(Duration.ofHours(1));
    return Tuple.from(List.of(codes, SlaStore.odt(now), today, SlaStore.odt(past ? hourStart : justAfter),
        SlaStore.odt(past ? justAfter : hourEnd), past, (short) (past ? 0 : hour + 1), (short) (past ? hour : 24)));
  }

  /**
   * {@link #onTime} from the counters; the query runs beside {@code counts} (same instant, its OVERDUE rows joined in
   * when both are read), so the board waits for the slower of the two, not their sum.
   */
  Future<JsonObject> onTimeFromCounters(String org, LocalDate today, LocalDate monthStart, Future<JsonArray> counted) {
    return pool.preparedQuery(ON_TIME_FROM_COUNTERS).execute(Tuple.of(scopeCodes(orgs, org), today, monthStart))
        .compose(rows -> counted.map(counts -> {
          List<Object[]> byTier = new ArrayList<>();
          for (Row r : rows) {
            OrgUnit o = orgs.find(r.getString(0)).orElse(null);
            if (o == null) continue;
            byTier.add(new Object[] {o.tier().name(), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4),
                r.getLong(5)});
          }
          return rates(byTier, counts);
        }));
  }

  /** Open clocks by prefecture, county, stage, state (and the owner's tier). */
  Future<JsonArray> counts(String org, Instant now) {
    return pool.preparedQuery(COUNTS)
        .execute(Tuple.of(org, SlaStore.odt(now))).map(BoardAggregates::countRows);
  }

  private static JsonArray countRows(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      out.add(new JsonObject().put("prefecture", r.getString(0)).put("county", r.getString(1))
          .put("stage", r.getString(2)).put("state", r.getString(3)).put("tier", r.getString(4))
          .put("count", r.getLong(5)));
    }
    return out;
  }

  /**
   * {@code {today, month, byTierStage[]}}: each {met, late, overdue, total, rate}; by tier and stage for the month.
   * {@code counts} is the result of {@link #counts} at the same instant (its OVERDUE rows).
   */
  Future<JsonObject> onTime(String org, Instant dayStart, Instant monthStart, JsonArray counts) {
    return pool.preparedQuery(ON_TIME)
        .execute(Tuple.of(org, SlaStore.odt(dayStart), SlaStore.odt(monthStart))).map(rows -> {
          List<Object[]> byTier = new ArrayList<>();
          for (Row r : rows) {
            byTier.add(new Object[] {r.getString(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4),
                r.getLong(5)});
          }
          return rates(byTier, counts);
        });
  }

  /** {@code rows}: tier, stage, met today, late today, met in the month, late in the month. */
  private static JsonObject rates(List<Object[]> rows, JsonArray counts) {
    long overdue = 0;
    Map<String, long[]> by = new LinkedHashMap<>();
    for (Object o : counts) {
      JsonObject c = (JsonObject) o;
      if (!"OVERDUE".equals(c.getString("state"))) continue;
      overdue += c.getLong("count");
      by.computeIfAbsent(c.getString("tier") + "|" + c.getString("stage"), k -> new long[3])[2] += c.getLong("count");
    }
    long metToday = 0, lateToday = 0, metMonth = 0, lateMonth = 0;
    for (Object[] r : rows) {
      metToday += (Long) r[2];
      lateToday += (Long) r[3];
      metMonth += (Long) r[4];
      lateMonth += (Long) r[5];
      long[] v = by.computeIfAbsent(r[0] + "|" + r[1], k -> new long[3]);
      v[0] += (Long) r[4];
      v[1] += (Long) r[5];
    }
    JsonArray byTierStage = new JsonArray();
    by.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String[] k = e.getKey().split("\\|");
      byTierStage.add(rate(e.getValue()[0], e.getValue()[1], e.getValue()[2]).put("tier", k[0]).put("stage", k[1]));
    });
    return new JsonObject().put("today", rate(metToday, lateToday, overdue))
        .put("month", rate(metMonth, lateMonth, overdue)).put("byTierStage", byTierStage)
        .put("formula", "met / (met + late + overdue)");
  }

  static JsonObject rate(long met, long late, long overdue) {
    long total = met + late + overdue;
    return new JsonObject().put("met", met).put("late", late).put("overdue", overdue).put("total", total)
        .put("rate", total == 0 ? null : Math.round(1000.0 * met / total) / 1000.0);
  }
}
