package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.TicketState;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.intake.PriorityScore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQL for tickets, their children and their events. Callers own the transaction. */
final class TicketStore {
  private static final String COLUMNS = TicketRows.TICKET_COLUMNS;
  private static final String FROM = " from tickets t left join users u on u.id = t.claimed_by ";

  /**
   * Inserts a new ticket already in {@code s}, the state its first events {@code firsts} lead to, its children, those
   * events and their audit rows ({@link TicketEventLog#firstEventsCte}) in one statement; the reply is built from
   * what was written and RETURNING (id, ref), not read back. {@code firsts} carry no ticket id yet.
   */
  Future<TicketRecord> insert(SqlConnection tx, TicketDraft d, Actor by, TicketState s, int version,
      List<TicketTransition> firsts, List<String> actions, Instant at) {
    String sql = """
        with ticket as (
          insert into tickets (ref, status, intake_org, county_code, version, event_seq, caller_number,
            caller_number_norm, caller_relation, category, subcategory, severity, suggested_category,
            suggested_severity, narrative, call_id, created_by, created_at, updated_at, suggested_subcategory,
            suggested_confidence)
          values (next_ticket_ref($17), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $17, $18, $19)
          returning id, ref),
        children as (
          insert into ticket_children (ticket_id, position, name, age, gender, county_code, address, disability,
            no_guardian)
          select ticket.id, k.position - 1, k.name, k.age, k.gender, k.county_code, k.address, k.disability,
            k.no_guardian
          from ticket, unnest($20::text[], $21::int[], $22::text[], $23::text[], $24::text[], $25::bool[], $26::bool[])
            with ordinality as k(name, age, gender, county_code, address, disability, no_guardian, position)),
        """ + TicketEventLog.firstEventsCte(27) + "select id, ref from ticket";
    Tuple args = Tuple.tuple().addString(s.status().name()).addString(s.intakeOrg()).addString(s.countyCode())
        .addInteger(version).addInteger(firsts.size()).addString(d.callerNumber())
        .addString(PhoneNumber.normalize(d.callerNumber())).addString(d.callerRelation())
        .addString(d.category().name()).addString(d.subcategory()).addString(d.severity().name())
        .addString(name(d.suggestedCategory())).addString(name(d.suggestedSeverity())).addString(d.narrative())
        .addString(d.callId()).addLong(by.userId()).addOffsetDateTime(odt(at))
        .addString(d.suggestedSubcategory()).addDouble(d.suggestedConfidence());
    List<ChildDraft> kids = d.children();
    args.addArrayOfString(kids.stream().map(ChildDraft::name).toArray(String[]::new))
        .addArrayOfInteger(kids.stream().map(ChildDraft::age).toArray(Integer[]::new))
        .addArrayOfString(kids.stream().map(c -> name(c.gender())).toArray(String[]::new))
        .addArrayOfString(kids.stream().map(ChildDraft::countyCode).toArray(String[]::new))
        .addArrayOfString(kids.stream().map(ChildDraft::address).toArray(String[]::new))
        .addArrayOfBoolean(kids.stream().map(ChildDraft::disability).toArray(Boolean[]::new))
        .addArrayOfBoolean(kids.stream().map(ChildDraft::noGuardian).toArray(Boolean[]::new));
    TicketEventLog.firstArgs(args, firsts, actions);
    return tx.preparedQuery(sql).execute(args).map(rows -> {
      Row r = rows.iterator().next();
      Instant stored = at.truncatedTo(ChronoUnit.MICROS);
      return new TicketRecord(r.getLong(0), r.getString(1), s.status(), version, s.intakeOrg(), s.countyCode(),
          d.callerNumber(), d.callerRelation(), d.category(), d.subcategory(), d.severity(), d.suggestedCategory(),
          d.suggestedSeverity(), d.narrative(), s.claimedBy(), null, s.suspendedFrom(), s.replyAttempts(), null,
          d.callId(), stored, stored, null, kids);
    });
  }

  /** The ticket an Idempotency-Key of this user already made, or null. */
  Future<Long> keyedTicket(SqlClient db, long userId, String key) {
    return db.preparedQuery("select ticket_id from ticket_idempotency where user_id = $1 and key = $2")
        .execute(Tuple.of(userId, key)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** Remembers the key with the ticket it made, in the creating transaction (a concurrent twin fails on the key). */
  Future<Void> keepKey(SqlConnection tx, long userId, String key, long ticketId, Instant at) {
    return tx.preparedQuery("insert into ticket_idempotency (user_id, key, ticket_id, created_at) values ($1, $2, $3, $4)")
        .execute(Tuple.of(userId, key, ticketId, odt(at))).mapEmpty();
  }

  /**
   * The ticket's event counter bumped by one for the event being appended (it takes the ticket's row lock): an
   * {@code update tickets} for a CTE of {@link TicketEventLog}'s insert, with the ticket id as {@code $1}, the extra
   * condition {@code andWhere} (SQL, may be empty) and the columns {@code returning}.
   */
  static String nextEventSeq(String andWhere, String returning) {
    return "update tickets set event_seq = event_seq + 1 where id = $1" + andWhere + " returning " + returning;
  }

  /** {@link QueueRank}'s function: PriorityScore's rank over this ticket's children (their SQL lives here). */
  static String queueRankFunction() {
    return "create or replace function hotline_queue_rank(severity text, closed boolean, tid bigint) returns smallint"
        + " language sql stable as $$\n"
        + "  select case when closed then -1 else "
        + PriorityScore.rankExpression("severity", "v.min_age", "v.disability",
            "v.no_guardian") + " end::smallint\n"
        + "  from (select min(c.age) as min_age, bool_or(c.disability) as disability, bool_or(c.no_guardian) as no_guardian\n"
        + "          from ticket_children c where c.ticket_id = tid) v\n$$";
  }

  Future<TicketRecord> lockForUpdate(SqlConnection tx, long id) {
    return tx.preparedQuery("select " + COLUMNS + FROM + "where t.id = $1 for update of t")
        .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : ticket(rows.iterator().next()));
  }

  Future<Void> update(SqlConnection tx, long id, TicketState s, Instant at, boolean childContacted) {
    String sql = """
        update tickets set status = $2, county_code = $3, claimed_by = $4, suspended_from = $5, reply_attempts = $6,
          version = version + 1, updated_at = $7,
          first_contact_at = case when $8 and first_contact_at is null then $7 else first_contact_at end,
          closed_at = case when $2 in ('CLOSED', 'RESOLVED_AT_INTAKE') then $7 else null end
        where id = $1""";
    Tuple args = Tuple.tuple().addLong(id).addString(s.status().name()).addString(s.countyCode())
        .addLong(s.claimedBy()).addString(name(s.suspendedFrom())).addInteger(s.replyAttempts())
        .addOffsetDateTime(odt(at)).addBoolean(childContacted);
    return tx.preparedQuery(sql).execute(args).mapEmpty();
  }

  /** A reclassification: the ticket's final labels (the V170 trigger carries them into its training example). */
  Future<Void> relabel(SqlConnection tx, long id, Category category, String subcategory, Severity severity,
      Instant at) {
    return tx.preparedQuery("""
        update tickets set category = $2, subcategory = $3, severity = $4, version = version + 1, updated_at = $5
        where id = $1""").execute(Tuple.tuple().addLong(id).addString(category.name()).addString(subcategory)
        .addString(severity.name()).addOffsetDateTime(odt(at))).mapEmpty();
  }

  Future<TicketRecord> find(SqlClient db, long id) {
    return db.preparedQuery("select " + COLUMNS + FROM + "where t.id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(null) : withChildren(db, ticket(rows.iterator().next())));
  }

  private Future<TicketRecord> withChildren(SqlClient db, TicketRecord t) {
    return db.preparedQuery("select " + TicketRows.CHILD_COLUMNS + " from ticket_children where ticket_id = $1"
            + " order by position").execute(Tuple.of(t.id()))
        .map(rows -> {
          List<ChildDraft> kids = new ArrayList<>();
          for (Row r : rows) kids.add(TicketRows.child(r));
          return t.withChildren(kids);
        });
  }

  /**
   * Locks tickets {@code a} and {@code b} in id order (no deadlock between two opposite merges): id → {ref, status}
   * of those that exist.
   */
  Future<Map<Long, String[]>> lockPair(SqlConnection tx, long a, long b) {
    return tx.preparedQuery("select id, ref, status from tickets where id = any($1) order by id for update")
        .execute(Tuple.of(new Long[] {a, b})).map(rows -> {
          Map<Long, String[]> out = new java.util.HashMap<>();
          for (Row r : rows) out.put(r.getLong(0), new String[] {r.getString(1), r.getString(2)});
          return out;
        });
  }

  private static TicketRecord ticket(Row r) { return TicketRows.ticket(r); }

  static OffsetDateTime odt(Instant at) { return at.atOffset(ZoneOffset.UTC); }

  private static String name(Enum<?> e) { return e == null ? null : e.name(); }
}
