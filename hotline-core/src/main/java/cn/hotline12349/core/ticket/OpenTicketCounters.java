package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Owner of {@code open_ticket_counts} and {@code open_ticket_count_deltas} (V265): open tickets by the unit holding
 * them and state, written by triggers on tickets in the writer's transaction as appended deltas. {@link #compact}
 * folds the deltas into the counters so that what a request adds up stays small; correctness never depends on it
 * running (a reader adds both, in one snapshot).
 */
public final class OpenTicketCounters {
  /**
   * The counters and the unfolded deltas of a scope ($2 = 'PROVINCE', 'PREFECTURE' or 'COUNTY'), added up; sorted
   * bytewise (codes and states are ASCII), which at ~1,700 rows is most of the query's time otherwise (EXPLAIN at 1M).
   */
  private static final String READ = """
      select org, status, n, county, intake_org from (
        select coalesce(nullif(county_code, ''), intake_org) as org, status, sum(n) as n,
               nullif(county_code, '') as county, intake_org
          from (select intake_org, county_code, county_pref, status, n from open_ticket_counts
                union all
                select intake_org, county_code, county_pref, status, n from open_ticket_count_deltas) c
         where case $2 when 'PROVINCE' then $1::text is not null
                       when 'PREFECTURE' then intake_org = $1 or county_pref = $1
                       else county_code = $1 end
         group by 1, 2, 4, 5 having sum(n) <> 0) k
       order by org collate "C", status collate "C", county collate "C", intake_org collate "C"
      """;
  /** Deltas folded into counters, in key order (no deadlock between two compactions); zero counters dropped. */
  private static final String COMPACT = """
      with d as (delete from open_ticket_count_deltas returning intake_org, county_code, county_pref, status, n),
           s as (select intake_org, county_code, county_pref, status, sum(n) as n from d group by 1, 2, 3, 4
                  having sum(n) <> 0 order by 1, 2, 3, 4)
      insert into open_ticket_counts (intake_org, county_code, county_pref, status, n) select * from s
      on conflict (intake_org, county_code, county_pref, status) do update set n = open_ticket_counts.n + excluded.n""";
  private static final String PRUNE = "delete from open_ticket_counts where n = 0";

  private final Pool pool;

  public OpenTicketCounters(Pool pool) { this.pool = pool; }

  /**
   * {@code [{org, status, count, county, intakeOrg}]} of the open tickets of a scope ({@code tier} of
   * {@code orgCode}): by county and intake unit apart, so the board adds a unit's count up as the ticket list's org=
   * filter selects (a prefecture: taken in there, or at one of its counties).
   */
  Future<JsonArray> read(String orgCode, String tier) {
    return pool.preparedQuery(READ).execute(Tuple.of(orgCode, tier)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("org", r.getString(0)).put("status", r.getString(1))
            .put("count", r.getLong(2)).put("county", r.getString(3)).put("intakeOrg", r.getString(4)));
      }
      return out;
    });
  }

  /** Folds the committed deltas, one node at a time (the others skip), and drops zero counters; returns the folds. */
  public Future<Integer> compact() {
    return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(1508265)").execute()
        .compose(lock -> !lock.iterator().next().getBoolean(0) ? Future.succeededFuture(0)
            : tx.query(COMPACT).execute().compose(folded -> tx.query(PRUNE).execute().map(v -> folded.rowCount()))));
  }
}
