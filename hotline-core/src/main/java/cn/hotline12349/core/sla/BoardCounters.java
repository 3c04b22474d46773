package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Owner of {@code board_counts}, {@code board_hour_counts} and {@code board_count_deltas} (V150, V210): the SLA board's
 * counters, written by triggers on sla_deadlines in the writer's transaction as appended deltas. {@link #compact}
 * folds the deltas into the counters so that what a board request adds up stays small; correctness never depends on it
 * running.
 */
public final class BoardCounters {
  /** Deltas folded into counters, in key order (no deadlock between two compactions); zero counters dropped. */
  private static final String COMPACT = """
      with d as (delete from board_count_deltas returning owner_org, stage, status, warned, day, hour, n),
           h as (select day, hour, owner_org, stage, warned, sum(n) as n from d where hour is not null
                  group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5),
           hours as (insert into board_hour_counts (day, hour, owner_org, stage, warned, n) select * from h
                  on conflict (day, hour, owner_org, stage, warned) do update set n = board_hour_counts.n + excluded.n),
           s as (select status, owner_org, stage, warned, day, sum(n) as n from d group by 1, 2, 3, 4, 5
                  having sum(n) <> 0 order by 1, 2, 3, 4, 5)
      insert into board_counts (status, owner_org, stage, warned, day, n) select * from s
      on conflict (status, owner_org, stage, warned, day) do update set n = board_counts.n + excluded.n""";
  /** Hour buckets (V210) before yesterday: a reader only adds up today's. */
  private static final String PRUNE_HOURS = "delete from board_hour_counts where day < $1::date - 1 or n = 0";
  /**
   * Zero counters, and stopped clocks' counters older than any period the board shows (the month; kept two), so
   * the table holds about one row per owner, stage and day of the last two months.
   */
  private static final String PRUNE = """
      delete from board_counts where n = 0
         or (status in ('MET', 'LATE') and day < $1::date - 62)""";

  private final Pool pool;

  public BoardCounters(Pool pool) { this.pool = pool; }

  /**
   * Folds the committed deltas, one node at a time (the others skip), and prunes; {@code now} is the application's
   * clock (the pruning's today). Returns the number of counters changed.
   */
  public Future<Integer> compact(java.time.Instant now) {
    java.time.LocalDate today = now.atZone(SlaBoard.COUNTER_ZONE).toLocalDate();
    return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(1508150)").execute()
        .compose(lock -> !lock.iterator().next().getBoolean(0) ? Future.succeededFuture(0)
            : tx.query(COMPACT).execute().compose(folded ->
                tx.preparedQuery(PRUNE).execute(io.vertx.sqlclient.Tuple.of(today))
                    .compose(v -> tx.preparedQuery(PRUNE_HOURS).execute(io.vertx.sqlclient.Tuple.of(today)))
                    .map(v -> folded.rowCount()))));
  }
}
