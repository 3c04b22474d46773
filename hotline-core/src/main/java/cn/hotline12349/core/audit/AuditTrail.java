package cn.hotline12349.core.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Security and access entries of {@code audit_log} that are not a ticket change (those are written inside the
 * change's transaction by {@code core.ticket.AuditLog}): reads of personal data, denials, exports, break-glass reads;
 * and the province's paged search over the whole log. Details hold ids, codes and paths, never personal data.
 */
public final class AuditTrail {
  public static final int MAX_DETAIL = 2000;
  private final Pool pool;
  private final Clock clock;

  public AuditTrail(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Future<Void> record(Long userId, String username, String action, Long ticketId, String detail) {
    String d = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    return pool.preparedQuery("""
        insert into audit_log (at, user_id, username, action, ticket_id, detail) values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), userId, username == null ? "anonymous" : username,
            action, ticketId, d))
        .mapEmpty();
  }

  /** Newest first; every filter optional. Served by the indexes of V82. */
  public Future<AuditPage> search(AuditQuery q) {
    List<String> where = new ArrayList<>();
    Tuple args = Tuple.tuple();
    if (q.username() != null) where.add("username = $" + args.addString(q.username()).size());
    if (q.action() != null) where.add("action = $" + args.addString(q.action()).size());
    if (q.ticketId() != null) where.add("ticket_id = $" + args.addLong(q.ticketId()).size());
    if (q.from() != null) where.add("at >= $" + args.addOffsetDateTime(q.from().atOffset(ZoneOffset.UTC)).size());
    if (q.to() != null) where.add("at < $" + args.addOffsetDateTime(q.to().atOffset(ZoneOffset.UTC)).size());
    String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
    int limitArg = args.addInteger(q.size() + 1).size();
    int offsetArg = args.addLong((long) q.page() * q.size()).size();
    String sql = "select id, at, user_id, username, action, ticket_id, detail from audit_log" + filter
        + " order by at desc, id desc limit $" + limitArg + " offset $" + offsetArg;
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<AuditEntry> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new AuditEntry(r.getLong(0), r.getOffsetDateTime(1).toInstant(), r.getLong(2), r.getString(3),
            r.getString(4), r.getLong(5), r.getString(6)));
      }
      boolean more = out.size() > q.size();
      return new AuditPage(more ? out.subList(0, q.size()) : out, q.page(), q.size(), more);
    });
  }
}
