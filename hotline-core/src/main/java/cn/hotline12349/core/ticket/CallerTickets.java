package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Earlier tickets of one caller (same normalized number), within the reader's scope, newest first. */
public final class CallerTickets {
  static final int LIMIT = 20;

  /** {@code countyCode}: where the ticket is dispatched (null before), so a reader can apply the scope rule. */
  public record Entry(long id, String ref, String status, String category, String severity, String intakeOrg,
                      Instant createdAt, String countyCode) {}

  private final Pool pool;
  private final OrgTree orgs;

  public CallerTickets(Pool pool, OrgTree orgs) {
    this.pool = pool;
    this.orgs = orgs;
  }

  /** {@code number} in any format (+86, 0086, with or without the trunk 0); {@code excludeId} may be null. */
  public Future<List<Entry>> of(Actor actor, String number, Long excludeId) {
    String norm = PhoneNumber.normalize(number);
    if (norm == null) return Future.succeededFuture(List.of());
    AccessScope scope = AccessScope.of(actor, orgs);
    return pool.preparedQuery("select " + TicketRows.ENTRY_COLUMNS + " from tickets t where " + scope.sql(1) + " and t.caller_number_norm = $2 and t.id <> $3"
            + " order by t.created_at desc limit " + LIMIT)
        .execute(Tuple.of(scope.orgCode(), norm, excludeId == null ? -1L : excludeId))
        .map(rows -> {
          List<Entry> out = new ArrayList<>();
          for (Row r : rows) out.add(TicketRows.callerEntry(r));
          return out;
        });
  }
}
