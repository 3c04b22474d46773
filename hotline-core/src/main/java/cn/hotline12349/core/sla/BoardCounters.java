package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Owner of {@code board_counts} and {@code board_count_deltas} (V150): the SLA board's counters, written by triggers on
 * sla_deadlines in the writer's transaction as appended deltas. {@link #compact} folds the deltas into the counters so
 * that what a board request adds up stays small; correctness never depends on it running.
 */
public final class BoardCounters {
  /** Deltas folded into counters, in key order (no deadlock between two compactions); zero counters dropped. */
  private static final String COMPACT = """
      with d as (delete from board_count_deltas returning owner_org, stage, status, warned, day, n),
           s as (select owner_org, stage, status, warned, day, sum(n) as n from d group by 1, 2, 3, 4, 5
                  having sum(n) <> 0 order by 1, 2, 3, 4, 5)
      insert into board_counts (owner_org, stage, status, warned, day, n) select * from s
      on conflict (owner_org, stage, status, warned, day) do update set n = board_counts.n + excluded.n""";

  private final Pool pool;

  public BoardCounters(Pool pool) { this.pool = pool; }

  /** Folds the committed deltas; one node at a time (the others skip). Returns the number of counters changed. */
  public Future<Integer> compact() {
    return pool.withTransaction(tx -> tx.query("select pg_try_advisory_xact_lock(1508150)").execute()
        .compose(lock -> !lock.iterator().next().getBoolean(0) ? Future.succeededFuture(0)
            : tx.query(COMPACT).execute().compose(folded ->
                tx.query("delete from board_counts where n = 0").execute().map(v -> folded.rowCount()))));
  }
}
