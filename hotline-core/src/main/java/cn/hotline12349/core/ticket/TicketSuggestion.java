package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The intake suggestion the operator saw when creating a ticket (V40 columns), read beside the final choice. */
public final class TicketSuggestion {
  public record Shown(String category, String subcategory, String severity, Double confidence) {}

  private final Pool pool;

  public TicketSuggestion(Pool pool) { this.pool = pool; }

  /** Null when the ticket was created without a suggestion. */
  public Future<Shown> of(long ticketId) {
    return pool.preparedQuery("select suggested_category, suggested_subcategory, suggested_severity,"
            + " suggested_confidence from tickets where id = $1").execute(Tuple.of(ticketId))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          if (r.getString(0) == null && r.getString(2) == null) return null;
          return new Shown(r.getString(0), r.getString(1), r.getString(2), r.getDouble(3));
        });
  }
}
