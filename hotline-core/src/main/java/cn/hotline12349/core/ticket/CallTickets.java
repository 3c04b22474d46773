package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ticket side of the join between calls and tickets ({@code tickets.call_id}) and of a caller's history, for
 * telephony-bridge and the UI: they call this instead of running SQL on {@code tickets} (docs/architecture.md).
 * Nothing here checks a reader's scope: callers are the screen-pop and call lists, which show ticket ids and codes.
 */
public final class CallTickets {
  private final Pool pool;

  public CallTickets(Pool pool) { this.pool = pool; }

  /** For each call id, the first ticket created during that call (index tickets_call_id). */
  public Future<Map<String, Long>> firstTicketOfCalls(Collection<String> callIds) {
    if (callIds.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("select call_id, min(id) from tickets where call_id = any($1) group by call_id")
        .execute(Tuple.of(callIds.toArray(String[]::new))).map(rows -> {
          Map<String, Long> out = new HashMap<>();
          for (Row r : rows) out.put(r.getString(0), r.getLong(1));
          return out;
        });
  }

  /** The call a ticket was created during, or null. */
  public Future<String> callIdOf(long ticketId) {
    return pool.preparedQuery("select call_id from tickets where id = $1").execute(Tuple.of(ticketId))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString(0));
  }

  /** The newest tickets of a caller by normalised number (index tickets_caller), newest first. */
  public Future<List<CallerTickets.Entry>> recentOfCaller(String normalizedNumber, int limit) {
    return pool.preparedQuery("select " + TicketRows.ENTRY_COLUMNS + " from tickets t"
            + " where t.caller_number_norm = $1 order by t.created_at desc limit $2")
        .execute(Tuple.of(normalizedNumber, limit)).map(rows -> {
          List<CallerTickets.Entry> out = new ArrayList<>();
          for (Row r : rows) out.add(TicketRows.callerEntry(r));
          return out;
        });
  }
}
