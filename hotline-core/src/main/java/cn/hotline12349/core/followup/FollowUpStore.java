package cn.hotline12349.core.followup;

import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository of table {@code follow_ups}: its only SQL and its row mapping. The workbench list is a read-only join
 * of {@code tickets} (ref, severity, scope) and {@code sla_deadlines} (the clock's reminder mark). Callers own the
 * transaction.
 */
final class FollowUpStore {
  /** A row of the county workbench; {@code nextMark} is the FOLLOW_UP clock's (null without one). */
  record Item(long id, long ticketId, String ref, String severity, String countyCode, Instant dueAt, String status,
              Instant createdAt, Instant doneAt, Integer nextMark) { }

  /** The facts {@code done} checks, read with the row locked. */
  record Locked(long ticketId, String countyCode, String status) { }

  /** Follow-ups of tickets in {@code scope} (bound to {@code orgCode}), open ones first, soonest due first. */
  Future<List<Item>> list(SqlClient db, AccessScope scope, String orgCode, boolean openOnly, int limit) {
    return db.preparedQuery("""
        select f.id, f.ticket_id, t.ref, t.severity, f.county_code, f.due_at, f.status, f.created_at, f.done_at,
               d.next_mark
          from follow_ups f join tickets t on t.id = f.ticket_id
          left join sla_deadlines d on d.ticket_id = f.ticket_id and d.clock_key = 'FOLLOW_UP:' || f.id
         where\s""" + scope.sql(1) + (openOnly ? " and f.status = 'OPEN'" : "")
            + " order by f.status = 'OPEN' desc, f.due_at, f.id limit " + limit)
        .execute(Tuple.of(orgCode)).map(rs -> {
          List<Item> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new Item(r.getLong("id"), r.getLong("ticket_id"), r.getString("ref"), r.getString("severity"),
                r.getString("county_code"), instant(r.getOffsetDateTime("due_at")), r.getString("status"),
                instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("done_at")),
                r.getInteger("next_mark")));
          }
          return out;
        });
  }

  /** Locks the follow-up; null when there is none. */
  Future<Locked> lock(SqlClient tx, long id) {
    return tx.preparedQuery("select ticket_id, county_code, status from follow_ups where id = $1 for update")
        .execute(Tuple.of(id)).map(rs -> {
          if (rs.size() == 0) return null;
          Row f = rs.iterator().next();
          return new Locked(f.getLong(0), f.getString(1), f.getString(2));
        });
  }

  Future<Void> markDone(SqlClient tx, long id, Instant at, long userId, String note) {
    return tx.preparedQuery("update follow_ups set status = 'DONE', done_at = $2, done_by = $3, note = $4 where id = $1")
        .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), userId, note)).mapEmpty();
  }

  /** Opens the ticket's follow-up unless one is open; its id, or null when one was. */
  Future<Long> open(SqlClient tx, long ticketId, String countyCode, OffsetDateTime due, Instant at) {
    return tx.preparedQuery("""
        insert into follow_ups (ticket_id, county_code, due_at, status, created_at) values ($1, $2, $3, 'OPEN', $4)
        on conflict (ticket_id) where status = 'OPEN' do nothing returning id""")
        .execute(Tuple.of(ticketId, countyCode, due, at.atOffset(ZoneOffset.UTC)))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getLong(0));
  }

  /** Cancels the ticket's open follow-ups; their ids. */
  Future<List<Long>> cancelOpen(SqlClient tx, long ticketId, Instant at) {
    return tx.preparedQuery("update follow_ups set status = 'CANCELLED', done_at = $2 where ticket_id = $1"
            + " and status = 'OPEN' returning id").execute(Tuple.of(ticketId, at.atOffset(ZoneOffset.UTC)))
        .map(rs -> {
          List<Long> ids = new ArrayList<>();
          for (Row r : rs) ids.add(r.getLong(0));
          return ids;
        });
  }

  private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
