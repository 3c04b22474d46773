package cn.hotline12349.core.referral;

import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL of referrals and mandatory reports (owner of both tables). Callers own the transaction. */
final class ReferralStore {
  private static final String SELECT = """
      select r.*, p.code as partner_code, p.name as partner_name, p.org_code as partner_org,
             a.due_at as acceptance_due, f.due_at as feedback_due
        from referrals r join partners p on p.id = r.partner_id
        left join sla_deadlines a on a.ticket_id = r.ticket_id and a.clock_key = 'REFERRAL:' || r.id
        left join sla_deadlines f on f.ticket_id = r.ticket_id and f.clock_key = 'REFERRAL_FEEDBACK:' || r.id""";

  /** The ticket facts the referral rules need (from the ticket locked through TicketService.lockIn). */
  record TicketFacts(long id, String ref, String status, String severity, String intakeOrg, String countyCode,
                     String category, String subcategory, String narrative) { }

  Future<Long> insert(SqlClient tx, long ticketId, long partnerId, PartnerKind kind, String rule, String org,
                      long userId, String note, Instant at) {
    return tx.preparedQuery("""
        insert into referrals (ticket_id, partner_id, partner_kind, status, mandatory_rule, referred_by_org,
          referred_by_user, note, sent_at, updated_at) values ($1, $2, $3, 'SENT', $4, $5, $6, $7, $8, $8)
        returning id""").execute(Tuple.tuple().addLong(ticketId).addLong(partnerId).addString(kind.name())
            .addString(rule).addString(org).addLong(userId).addString(note).addOffsetDateTime(odt(at)))
        .map(rs -> rs.iterator().next().getLong(0));
  }

  Future<Void> markMandatory(SqlClient tx, long ticketId, String rule, Instant at) {
    return tx.preparedQuery("insert into mandatory_reports (ticket_id, rule_code, matched_at) values ($1, $2, $3)"
        + " on conflict (ticket_id) do nothing").execute(Tuple.of(ticketId, rule, odt(at))).mapEmpty();
  }

  Future<Integer> standingPoliceReferrals(SqlClient tx, long ticketId) {
    return tx.preparedQuery("select count(*) from referrals where ticket_id = $1 and partner_kind = 'POLICE'"
            + " and status not in ('RETURNED', 'FAILED')").execute(Tuple.of(ticketId))
        .map(rs -> rs.iterator().next().getInteger(0));
  }

  Future<Referral> find(SqlClient db, long ticketId, long id, boolean lock) {
    return db.preparedQuery(SELECT + " where r.id = $1 and r.ticket_id = $2" + (lock ? " for update of r" : ""))
        .execute(Tuple.of(id, ticketId)).map(rs -> rs.size() == 0 ? null : referral(rs.iterator().next()));
  }

  Future<List<Referral>> forTicket(SqlClient db, long ticketId) {
    return db.preparedQuery(SELECT + " where r.ticket_id = $1 order by r.id").execute(Tuple.of(ticketId))
        .map(ReferralStore::referrals);
  }

  /** Writes the new status and receipt; the first acceptance and the first feedback are kept. */
  Future<Void> update(SqlClient tx, long id, ReferralStatus status, String by, String ref, Instant at,
                      String feedback, boolean ended, Instant now) {
    return tx.preparedQuery("""
        update referrals set status = $2, receipt_by = coalesce($3, receipt_by), receipt_ref = coalesce($4, receipt_ref),
          receipt_at = $5, accepted_at = case when $2 = 'ACCEPTED' and accepted_at is null then $5 else accepted_at end,
          feedback_at = case when $6::text is not null and feedback_at is null then $5 else feedback_at end,
          feedback_note = coalesce($6, feedback_note), closed_at = case when $7 then $5 else closed_at end,
          updated_at = $8 where id = $1""")
        .execute(Tuple.tuple().addLong(id).addString(status.name()).addString(by).addString(ref)
            .addOffsetDateTime(odt(at)).addString(feedback).addBoolean(ended).addOffsetDateTime(odt(now)))
        .mapEmpty();
  }

  static List<Referral> referrals(Iterable<Row> rows) {
    List<Referral> out = new ArrayList<>();
    for (Row r : rows) out.add(referral(r));
    return out;
  }

  static Referral referral(Row r) {
    return new Referral(r.getLong("id"), r.getLong("ticket_id"), r.getLong("partner_id"), r.getString("partner_code"),
        r.getString("partner_name"), PartnerKind.valueOf(r.getString("partner_kind")), r.getString("partner_org"),
        ReferralStatus.valueOf(r.getString("status")), r.getString("mandatory_rule"), r.getString("referred_by_org"),
        r.getString("note"), i(r, "sent_at"), i(r, "accepted_at"), r.getString("receipt_by"), r.getString("receipt_ref"),
        i(r, "receipt_at"), i(r, "feedback_at"), r.getString("feedback_note"), i(r, "closed_at"),
        i(r, "acceptance_due"), i(r, "feedback_due"));
  }

  private static Instant i(Row r, String col) {
    OffsetDateTime t = r.getOffsetDateTime(col);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime odt(Instant at) { return at == null ? null : at.atOffset(ZoneOffset.UTC); }

  /** A mandatory report's referral still waiting for the police (the board's row; codes, refs and times only). */
  record AwaitingFeedback(long referralId, long ticketId, String ref, String severity, String status, String intakeOrg,
                          String countyCode, String rule, String referralStatus, Instant sentAt, Instant acceptedAt,
                          Instant feedbackDue, Instant acceptanceDue) { }

  /**
   * Read-only join of {@code tickets} and {@code sla_deadlines} for the mandatory-report board: referrals made by
   * {@code org} or the two levels below it, sent or accepted and without feedback, soonest due first.
   */
  /**
   * A keyset page of the mandatory reports awaiting feedback, soonest due first, those without a due time last;
   * {@code afterDue} ("infinity" or an instant) and {@code afterId} are the last row of the page before, or null.
   * The list is small (reports still awaiting the police), so the sort key need not be indexed; the keyset keeps pages
   * stable while reports are answered in between.
   */
  Future<List<AwaitingFeedback>> awaitingFeedback(SqlClient db, String org, String afterDue, Long afterId, int limit) {
    return db.preparedQuery("""
        select r.id, r.ticket_id, t.ref, t.severity, t.status, t.intake_org, t.county_code, r.mandatory_rule, r.status,
               r.sent_at, r.accepted_at, f.due_at as feedback_due, a.due_at as acceptance_due
          from referrals r join tickets t on t.id = r.ticket_id
          left join sla_deadlines f on f.ticket_id = r.ticket_id and f.clock_key = 'REFERRAL_FEEDBACK:' || r.id
          left join sla_deadlines a on a.ticket_id = r.ticket_id and a.clock_key = 'REFERRAL:' || r.id
         where r.mandatory_rule is not null and r.feedback_at is null and r.status in ('SENT', 'WAITING', 'ACCEPTED')
           and r.referred_by_org in (select code from org_units where code = $1 or parent_code = $1
                  or parent_code in (select code from org_units where parent_code = $1))
           and ($2::text is null or (coalesce(f.due_at, a.due_at, 'infinity'::timestamptz), r.id)
                > (($2::text)::timestamptz, $3::bigint))
         order by coalesce(f.due_at, a.due_at, 'infinity'::timestamptz), r.id limit $4""")
        .execute(Tuple.of(org, afterDue, afterId, limit)).map(rows -> {
          List<AwaitingFeedback> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new AwaitingFeedback(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), instant(r.getOffsetDateTime(9)),
                instant(r.getOffsetDateTime(10)), instant(r.getOffsetDateTime(11)), instant(r.getOffsetDateTime(12))));
          }
          return out;
        });
  }

  private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
