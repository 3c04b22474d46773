package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/** Open tickets by category and severity for the on-call gauges; an index-only scan of V131's partial index. */
public final class TicketCounts {
  public record Count(String category, String severity, long tickets) {}

  private final Pool pool;

  public TicketCounts(Pool pool) { this.pool = pool; }

  public Future<List<Count>> openByCategoryAndSeverity() {
    return pool.query("select category, severity, count(*) from tickets "
        + "where status not in ('CLOSED', 'RESOLVED_AT_INTAKE') group by category, severity").execute().map(rs -> {
      List<Count> out = new ArrayList<>();
      for (Row r : rs) out.add(new Count(r.getString(0), r.getString(1), r.getLong(2)));
      return out;
    });
  }
}
