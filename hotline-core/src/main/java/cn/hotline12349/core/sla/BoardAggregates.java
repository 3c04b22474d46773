package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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

  /** Counters and not yet folded deltas (V150) of the owners in $1's subtree, of some statuses. */
  private static String counters(String statuses) {
    return """
        select owner_org, stage, status, warned, day, n from board_counts d where status in (%1$s) and""".formatted(statuses)
        + SCOPE + """
         union all
        select owner_org, stage, status, warned, day, n from board_count_deltas d where status in (%1$s) and"""
        .formatted(statuses) + SCOPE;
  }

  /**
   * {@link #COUNTS} from the counters: $1 org, $2 now, $3 today's date, $4 its start, $5 the next day's start (the
   * board's zone, Asia/Shanghai, as the counters' days). A counted running clock due before today is overdue, one due
   * after today is not; the clocks due today and the warnings due but not yet fired (next_mark still 0) are read
   * from sla_deadlines, both a few rows (sla_deadlines_running_due, sla_deadlines_fire).
   */
  public static final String COUNTS_FROM_COUNTERS = """
        with k as (""" + counters("'RUNNING', 'PAUSED'") + """
        ), s as (
          select owner_org, stage,
                 case when status = 'PAUSED' then 'PAUSED' when day < $3 then 'OVERDUE' when warned then 'WARNED'
                      else 'ON_TIME' end as state, sum(n) as n
            from k where status = 'PAUSED' or (status = 'RUNNING' and day <> $3)
           group by 1, 2, 3
          union all
          select d.owner_org, d.stage,
                 case when d.due_at <= $2 then 'OVERDUE' when d.next_mark > 0 or d.next_fire_at <= $2 then 'WARNED'
                      else 'ON_TIME' end, count(*)
            from sla_deadlines d where d.status = 'RUNNING' and d.due_at >= $4 and d.due_at < $5 and""" + SCOPE + """
           group by 1, 2, 3
          union all
          select d.owner_org, d.stage, x.state, sum(x.n)
            from sla_deadlines d, (values ('WARNED', 1), ('ON_TIME', -1)) x (state, n)
           where d.next_fire_at <= $2 and d.status = 'RUNNING' and d.next_mark = 0
             and (d.due_at >= $5 or d.due_at is null) and""" + SCOPE + """
           group by 1, 2, 3
        )
        select case when o.tier = 'COUNTY' then o.parent_code else o.code end as prefecture,
               case when o.tier = 'COUNTY' then o.code end as county, s.stage, s.state, o.tier, sum(s.n)::bigint as n
          from s join org_units o on o.code = s.owner_org
         group by 1, 2, 3, 4, 5 having sum(s.n) <> 0 order by 1, 2, 3, 4""";

  /** {@link #ON_TIME} from the counters: $1 org, $2 today's date, $3 the month's first date. */
  public static final String ON_TIME_FROM_COUNTERS = """
        with k as (""" + counters("'MET', 'LATE'") + """
        )
        select o.tier, k.stage,
               coalesce(sum(k.n) filter (where k.status = 'MET' and k.day >= $2), 0)::bigint,
               coalesce(sum(k.n) filter (where k.status = 'LATE' and k.day >= $2), 0)::bigint,
               coalesce(sum(k.n) filter (where k.status = 'MET'), 0)::bigint,
               coalesce(sum(k.n) filter (where k.status = 'LATE'), 0)::bigint
          from k join org_units o on o.code = k.owner_org
         where k.status in ('MET', 'LATE') and k.day >= $3
         group by 1, 2 having sum(k.n) <> 0""";

  private final Pool pool;

  BoardAggregates(Pool pool) { this.pool = pool; }

  /** Open clocks by prefecture, county, stage, state and tier, from the counters (the board's zone is their zone). */
  Future<JsonArray> countsFromCounters(String org, Instant now, LocalDate today, Instant dayStart, Instant dayEnd) {
    return pool.preparedQuery(COUNTS_FROM_COUNTERS)
        .execute(Tuple.of(org, SlaStore.odt(now), today, SlaStore.odt(dayStart), SlaStore.odt(dayEnd)))
        .map(BoardAggregates::countRows);
  }

  /** {@link #onTime} from the counters. */
  Future<JsonObject> onTimeFromCounters(String org, LocalDate today, LocalDate monthStart, JsonArray counts) {
    return pool.preparedQuery(ON_TIME_FROM_COUNTERS).execute(Tuple.of(org, today, monthStart))
        .map(rows -> rates(rows, counts));
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
        .execute(Tuple.of(org, SlaStore.odt(dayStart), SlaStore.odt(monthStart))).map(rows -> rates(rows, counts));
  }

  private static JsonObject rates(Iterable<Row> rows, JsonArray counts) {
    long overdue = 0;
    Map<String, long[]> by = new LinkedHashMap<>();
    for (Object o : counts) {
      JsonObject c = (JsonObject) o;
      if (!"OVERDUE".equals(c.getString("state"))) continue;
      overdue += c.getLong("count");
      by.computeIfAbsent(c.getString("tier") + "|" + c.getString("stage"), k -> new long[3])[2] += c.getLong("count");
    }
    long metToday = 0, lateToday = 0, metMonth = 0, lateMonth = 0;
    for (Row r : rows) {
      metToday += r.getLong(2);
      lateToday += r.getLong(3);
      metMonth += r.getLong(4);
      lateMonth += r.getLong(5);
      long[] v = by.computeIfAbsent(r.getString(0) + "|" + r.getString(1), k -> new long[3]);
      v[0] += r.getLong(4);
      v[1] += r.getLong(5);
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
