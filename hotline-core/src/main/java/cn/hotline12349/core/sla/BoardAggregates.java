package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
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

  private final Pool pool;

  BoardAggregates(Pool pool) { this.pool = pool; }

  /** Open clocks by prefecture, county, stage, state (and the owner's tier). */
  Future<JsonArray> counts(String org, Instant now) {
    return pool.preparedQuery(COUNTS)
        .execute(Tuple.of(org, SlaStore.odt(now))).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("prefecture", r.getString(0)).put("county", r.getString(1))
                .put("stage", r.getString(2)).put("state", r.getString(3)).put("tier", r.getString(4))
                .put("count", r.getLong(5)));
          }
          return out;
        });
  }

  /**
   * {@code {today, month, byTierStage[]}}: each {met, late, overdue, total, rate}; by tier and stage for the month.
   * {@code counts} is the result of {@link #counts} at the same instant (its OVERDUE rows).
   */
  Future<JsonObject> onTime(String org, Instant dayStart, Instant monthStart, JsonArray counts) {
    return pool.preparedQuery(ON_TIME)
        .execute(Tuple.of(org, SlaStore.odt(dayStart), SlaStore.odt(monthStart))).map(rows -> {
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
        });
  }

  static JsonObject rate(long met, long late, long overdue) {
    long total = met + late + overdue;
    return new JsonObject().put("met", met).put("late", late).put("overdue", overdue).put("total", total)
        .put("rate", total == 0 ? null : Math.round(1000.0 * met / total) / 1000.0);
  }
}
