package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The row a list shows of one ticket, read once per change and pushed with its news (so open lists patch the row
 * instead of refetching): codes, reference, the first child's name and a one-line summary; never a phone number.
 * The push channel forwards it only to users whose scope covers the ticket.
 */
public final class TicketSummaries {
  private final Pool pool;

  public TicketSummaries(Pool pool) { this.pool = pool; }

  public Future<JsonObject> summary(long id) {
    return pool.preparedQuery("""
        select t.id, t.ref, t.status, t.severity, t.category, t.version, t.intake_org, t.county_code, t.queue_rank,
               case when t.queue_due = 'infinity' then null else t.queue_due end, t.created_at, u.username,
               (select c.name from ticket_children c where c.ticket_id = t.id order by c.position limit 1), t.narrative
          from tickets t left join users u on u.id = t.claimed_by where t.id = $1""").execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong(0)).put("ref", r.getString(1)).put("status", r.getString(2))
              .put("severity", r.getString(3)).put("category", r.getString(4)).put("version", r.getInteger(5))
              .put("intakeOrg", r.getString(6)).put("countyCode", r.getString(7)).put("priority", r.getInteger(8))
              .put("dueAt", time(r.getOffsetDateTime(9))).put("createdAt", time(r.getOffsetDateTime(10)))
              .put("claimedBy", r.getString(11)).put("childName", r.getString(12)).put("summary", oneLine(r.getString(13)));
        });
  }

  /** The narrative's first sentence, at most 40 characters: what a list row shows. */
  public static String oneLine(String narrative) {
    String n = narrative == null ? "" : narrative.strip();
    int end = n.length();
    for (String stop : List.of("。", "；", "\n")) {
      int at = n.indexOf(stop);
      if (at > 0 && at < end) end = at;
    }
    String s = n.substring(0, end);
    return s.codePointCount(0, s.length()) <= 40 ? s : s.substring(0, s.offsetByCodePoints(0, 40)) + "…";
  }

  private static String time(OffsetDateTime t) { return t == null ? null : t.toInstant().toString(); }
}
