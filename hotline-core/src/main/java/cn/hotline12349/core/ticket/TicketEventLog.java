package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository of {@code ticket_events}: the only SQL on that table. Each event's {@code seq} comes from the
 * ticket's counter {@code tickets.event_seq}, bumped in the same statement (which takes the ticket's row lock); the
 * bump's text is {@link TicketStore#nextEventSeq}, the owner of {@code tickets}.
 * Who may write what is {@link TicketEventWriter}'s business.
 */
final class TicketEventLog {
  Future<Void> append(SqlClient tx, TicketTransition t) {
    Actor a = t.actor();
    return tx.preparedQuery("with t as (" + TicketStore.nextEventSeq("", "id, event_seq") + ")\n" + """
        insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
          from_status, to_status, reason, payload)
        select t.id, t.event_seq, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 from t""")
        .execute(Tuple.tuple().addLong(t.ticketId()).addString(t.type()).addOffsetDateTime(TicketStore.odt(t.at()))
            .addLong(a.userId()).addString(a.username()).addString(a.role().name()).addString(a.orgCode())
            .addString(name(t.fromStatus())).addString(name(t.toStatus())).addString(t.reason())
            .addValue(new JsonObject(new HashMap<>(t.payload()))))
        .compose(rs -> rs.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("no ticket " + t.ticketId() + " to append to")));
  }

  /**
   * An event by no person ({@code actorName}, e.g. system:sla) unless its idempotency key is already written; its
   * news, or null when the key was there.
   */
  Future<TicketTransition> appendSystem(SqlClient tx, long ticketId, String type, Instant at, String actorName,
      String actorOrg, JsonObject payload) {
    String key = payload.getString("idempotencyKey");
    return tx.preparedQuery("with t as (" + TicketStore.nextEventSeq(" and not exists (select 1 from ticket_events"
            + " where payload ? 'idempotencyKey' and payload ->> 'idempotencyKey' = $6)",
            "id, event_seq, status, intake_org, county_code, severity, version") + "),\n" + """
        ins as (
          insert into ticket_events (ticket_id, seq, type, at, actor_username, actor_org, from_status, to_status,
            payload)
          select t.id, t.event_seq, $2, $3, $4, $5, t.status, t.status, $7 from t
          on conflict ((payload ->> 'idempotencyKey')) where payload ? 'idempotencyKey' do nothing
          returning ticket_id)
        select t.status, t.intake_org, t.county_code, t.severity, t.version from ins join t on t.id = ins.ticket_id""")
        .execute(Tuple.tuple().addLong(ticketId).addString(type).addOffsetDateTime(TicketStore.odt(at))
            .addString(actorName).addString(actorOrg).addString(key).addValue(payload))
        .map(rs -> {
          if (rs.size() == 0) return null;
          Row r = rs.iterator().next();
          TicketStatus status = TicketStatus.valueOf(r.getString(0));
          return new TicketTransition(ticketId, type, status, status, at, null, Severity.valueOf(r.getString(3)),
              r.getString(1), r.getString(2), r.getInteger(4), null, nonNull(payload));
        });
  }

  /**
   * CTE parts writing a new ticket's first events (seqs 1..n; the ticket is inserted with {@code event_seq = n}) and
   * one audit row per event ({@code actions}), for the statement that inserts the ticket as CTE {@code ticket(id)}:
   * creation is one statement. Parameters from {@code $p} on, as {@link #firstArgs} adds them.
   */
  static String firstEventsCte(int p) {
    return """
        events as (
          insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
            from_status, to_status, reason, payload)
          select ticket.id, s.seq, s.type, $%1$d, $%2$d, $%3$d, $%4$d, $%5$d, s.from_status, s.to_status, s.reason,
            s.payload::jsonb
          from ticket, unnest($%6$d::int[], $%7$d::text[], $%8$d::text[], $%9$d::text[], $%10$d::text[], $%11$d::text[])
            as s(seq, type, from_status, to_status, reason, payload)),
        audits as (
          insert into audit_log (at, user_id, username, action, ticket_id)
          select $%1$d, $%2$d, $%3$d, action, ticket.id from ticket, unnest($%12$d::text[]) as action)
        """.formatted(p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11);
  }

  /** The parameters of {@link #firstEventsCte}: the events (all by one actor at one instant) and their actions. */
  static Tuple firstArgs(Tuple args, List<TicketTransition> ts, List<String> actions) {
    TicketTransition t0 = ts.get(0);
    Actor a = t0.actor();
    int n = ts.size();
    Integer[] seq = new Integer[n];
    String[] type = new String[n];
    String[] from = new String[n];
    String[] to = new String[n];
    String[] reason = new String[n];
    String[] payload = new String[n];
    for (int i = 0; i < n; i++) {
      TicketTransition t = ts.get(i);
      seq[i] = i + 1;
      type[i] = t.type();
      from[i] = name(t.fromStatus());
      to[i] = name(t.toStatus());
      reason[i] = t.reason();
      payload[i] = new JsonObject(new HashMap<>(t.payload())).encode();
    }
    return args.addOffsetDateTime(TicketStore.odt(t0.at())).addLong(a.userId()).addString(a.username())
        .addString(a.role().name()).addString(a.orgCode()).addArrayOfInteger(seq).addArrayOfString(type)
        .addArrayOfString(from).addArrayOfString(to).addArrayOfString(reason).addArrayOfString(payload)
        .addArrayOfString(actions.toArray(String[]::new));
  }

  Future<List<TicketEventRecord>> history(SqlClient db, long ticketId) {
    return db.preparedQuery("select " + TicketRows.EVENT_COLUMNS + " from ticket_events where ticket_id = $1"
            + " order by seq").execute(Tuple.of(ticketId))
        .map(rows -> {
          List<TicketEventRecord> out = new ArrayList<>();
          for (Row r : rows) out.add(TicketRows.event(r));
          return out;
        });
  }

  /** Newest first, {@code limit} events with a seq below {@code before} (the history's keyset pages). */
  Future<List<TicketEventRecord>> newestBefore(SqlClient db, long ticketId, int before, int limit) {
    return db.preparedQuery("select " + TicketRows.EVENT_COLUMNS + " from ticket_events where ticket_id = $1"
            + " and seq < $2 order by seq desc limit $3").execute(Tuple.of(ticketId, before, limit))
        .map(rows -> {
          List<TicketEventRecord> out = new ArrayList<>();
          for (Row r : rows) out.add(TicketRows.event(r));
          return out;
        });
  }

  private static Map<String, Object> nonNull(JsonObject payload) {
    Map<String, Object> out = new HashMap<>();
    payload.forEach(e -> { if (e.getValue() != null) out.put(e.getKey(), e.getValue()); });
    return out;
  }

  private static String name(Enum<?> e) { return e == null ? null : e.name(); }
}
