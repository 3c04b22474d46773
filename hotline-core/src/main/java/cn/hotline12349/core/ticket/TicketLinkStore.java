package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The repository of {@code ticket_links}: one row per pair of tickets, whichever way round it was made. */
final class TicketLinkStore {
  private static final String LINK_COLUMNS =
      "l.ticket_id, l.other_id, l.mode, l.reason, l.created_at, u.username, o.id as oid, o.ref, o.status";

  /** The mode of the pair's link, or null. */
  Future<String> existing(SqlClient tx, long a, long b) {
    return tx.preparedQuery("select mode from ticket_links where least(ticket_id, other_id) = least($1::bigint, $2::bigint)"
            + " and greatest(ticket_id, other_id) = greatest($1::bigint, $2::bigint)")
        .execute(Tuple.of(a, b)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** A MERGE of a pair that was only LINKed turns that row into the merge. */
  Future<Void> save(SqlClient tx, Actor actor, long id, long otherId, TicketLinks.Mode mode, String reason,
      Instant at) {
    return tx.preparedQuery("""
        insert into ticket_links (ticket_id, other_id, mode, reason, created_by, created_at)
        values ($1, $2, $3, $4, $5, $6)
        on conflict ((least(ticket_id, other_id)), (greatest(ticket_id, other_id)))
        do update set ticket_id = excluded.ticket_id, other_id = excluded.other_id, mode = excluded.mode,
          reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at""")
        .execute(Tuple.tuple().addLong(id).addLong(otherId).addString(mode.name()).addString(reason)
            .addLong(actor.userId()).addOffsetDateTime(TicketStore.odt(at)))
        .mapEmpty();
  }

  Future<List<TicketLinks.Link>> forTicket(SqlClient db, long id) {
    return db.preparedQuery("select " + LINK_COLUMNS + """
         from ticket_links l join users u on u.id = l.created_by
          join tickets o on o.id = case when l.ticket_id = $1 then l.other_id else l.ticket_id end
        where l.ticket_id = $1 or l.other_id = $1 order by l.created_at, l.id""").execute(Tuple.of(id))
        .map(rows -> {
          List<TicketLinks.Link> out = new ArrayList<>();
          for (Row r : rows) out.add(link(r, id));
          return out;
        });
  }

  /** A link as seen from ticket {@code from}. */
  private static TicketLinks.Link link(Row r, long from) {
    return new TicketLinks.Link(r.getLong("oid"), r.getString("ref"), r.getString("status"),
        TicketLinks.Mode.valueOf(r.getString("mode")), r.getLong("ticket_id") == from ? "OUT" : "IN",
        r.getString("reason"), r.getString("username"), r.getOffsetDateTime("created_at").toInstant());
  }
}
