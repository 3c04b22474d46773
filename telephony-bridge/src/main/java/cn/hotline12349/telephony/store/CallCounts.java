package cn.hotline12349.telephony.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * What the on-call gauges read from the calls table: calls waiting now and the longest wait (V131's partial index),
 * today's answered calls and those answered within 15 s of queueing (GB/T 33358).
 */
public final class CallCounts {
  public record Now(long waiting, double longestWaitSeconds, long answeredToday, long answeredWithin15sToday) {}

  private final Pool pool;

  public CallCounts(Pool pool) { this.pool = pool; }

  public Future<Now> now() {
    return pool.query("""
        select (select count(*) from calls where state = 'QUEUED') as waiting,
               (select coalesce(extract(epoch from now() - min(queued_at)), 0) from calls where state = 'QUEUED') as longest,
               count(*) filter (where answered_at is not null) as answered,
               count(*) filter (where answered_at is not null and answered_at - coalesce(queued_at, started_at)
                 <= interval '15 seconds') as within15
          from calls where started_at >= date_trunc('day', now())""").execute().map(rs -> {
      Row r = rs.iterator().next();
      return new Now(r.getLong("waiting"), r.getNumeric("longest").doubleValue(), r.getLong("answered"),
          r.getLong("within15"));
    });
  }
}
