package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The board's lists for one org unit's subtree: overdue clocks, clocks past their warning mark (due soon) and open
 * supervision orders. Codes, refs and times only: the board is shown on a wall, so no names, numbers or narratives.
 */
final class SlaBoardLists {
  static final int LIMIT = 100;
  private static final String SCOPE = "(%s in (select code from org_units where code = $1 or parent_code = $1"
      + " or parent_code in (select code from org_units where parent_code = $1)))";
  private static final String CLOCK_ROWS = """
      select d.ticket_id, t.ref, t.severity, t.status, t.intake_org, t.county_code, d.stage, d.clock_key, d.owner_org,
             d.due_at
        from sla_deadlines d join tickets t on t.id = d.ticket_id
       where d.status = 'RUNNING' and\s""" + SCOPE.formatted("d.owner_org");

  private final Pool pool;

  SlaBoardLists(Pool pool) { this.pool = pool; }

  Future<JsonArray> overdue(String org, Instant now) {
    return pool.preparedQuery(CLOCK_ROWS + " and d.due_at <= $2 order by d.due_at, d.ticket_id limit " + LIMIT)
        .execute(Tuple.of(org, SlaStore.odt(now))).map(rows -> clockRows(rows, now));
  }

  /** Running clocks past their warning mark but not yet due. */
  Future<JsonArray> dueSoon(String org, Instant now) {
    return pool.preparedQuery(CLOCK_ROWS + " and d.due_at > $2 and (d.next_mark > 0 or d.next_fire_at <= $2)"
            + " order by d.due_at, d.ticket_id limit " + LIMIT)
        .execute(Tuple.of(org, SlaStore.odt(now))).map(rows -> clockRows(rows, now));
  }

  /** Open orders issued by or addressed to a unit of the subtree. */
  Future<JsonArray> supervision(String org, Instant now) {
    return pool.preparedQuery("""
        select o.id, o.ticket_id, t.ref, t.severity, t.status, o.issued_by_org, o.target_org, o.issued_at, o.due_at
          from supervision_orders o join tickets t on t.id = o.ticket_id
         where o.status = 'OPEN' and (%s or %s) order by o.due_at, o.id limit %d"""
            .formatted(SCOPE.formatted("o.target_org"), SCOPE.formatted("o.issued_by_org"), LIMIT))
        .execute(Tuple.of(org)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            Instant due = r.getOffsetDateTime("due_at").toInstant();
            out.add(new JsonObject().put("orderId", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
                .put("ref", r.getString("ref")).put("severity", r.getString("severity"))
                .put("status", r.getString("status")).put("issuedByOrg", r.getString("issued_by_org"))
                .put("targetOrg", r.getString("target_org")).put("issuedAt", time(r.getOffsetDateTime("issued_at")))
                .put("dueAt", due.toString()).put("overdue", !now.isBefore(due))
                .put("remainingSeconds", java.time.Duration.between(now, due).toSeconds()));
          }
          return out;
        });
  }

  private static JsonArray clockRows(Iterable<Row> rows, Instant now) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      Instant due = r.getOffsetDateTime("due_at").toInstant();
      out.add(new JsonObject().put("ticketId", r.getLong("ticket_id")).put("ref", r.getString("ref"))
          .put("severity", r.getString("severity")).put("status", r.getString("status"))
          .put("intakeOrg", r.getString("intake_org")).put("countyCode", r.getString("county_code"))
          .put("stage", r.getString("stage")).put("clockKey", r.getString("clock_key"))
          .put("ownerOrg", r.getString("owner_org")).put("dueAt", due.toString())
          .put("remainingSeconds", java.time.Duration.between(now, due).toSeconds()));
    }
    return out;
  }

  private static String time(OffsetDateTime t) { return t == null ? null : t.toInstant().toString(); }
}
