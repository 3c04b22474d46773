package cn.hotline12349.core.referral;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The SLA board's list of mandatory reports (强制报告) whose police feedback is still awaited: the police referral was
 * sent or accepted and no feedback is recorded. Codes, refs and times only (the board hangs on a wall).
 */
public final class MandatoryBoard {
  static final int LIMIT = 100;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;

  public MandatoryBoard(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  /** The first {@value #LIMIT} of the list, soonest due first. */
  public Future<JsonArray> awaitingFeedback(Actor actor, String org) {
    return page(actor, org, LIMIT, null).map(p -> p.getJsonArray("items"));
  }

  /**
   * A keyset page of the list, soonest due first (those without a due time last), {@code {items, size, next?}};
   * {@code cursor} is the {@code next} of the page before (the due time, or {@code infinity}, and the referral id).
   */
  public Future<JsonObject> page(Actor actor, String org, int size, String cursor) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    if (orgs.find(code).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + code));
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit"));
    }
    if (size < 1 || size > 200) return failed(RuleViolation.invalid("size", "size must be between 1 and 200"));
    String afterDue = null;
    Long afterId = null;
    if (cursor != null && !cursor.isBlank()) {
      int comma = cursor.lastIndexOf(',');
      try {
        afterDue = cursor.substring(0, comma);
        if (!afterDue.equals("infinity")) afterDue = Instant.parse(afterDue).toString();
        afterId = Long.parseLong(cursor.substring(comma + 1));
      } catch (RuntimeException e) {
        return failed(RuleViolation.invalid("cursor", "cursor is not the next of a page"));
      }
    }
    Instant now = clock.instant();
    // The list is small (reports still awaiting the police), so the sort key need not be indexed; the keyset keeps
    // pages stable while reports are answered in between.
    return pool.preparedQuery("""
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
        .execute(Tuple.of(code, afterDue, afterId, size + 1)).map(rows -> {
          JsonArray out = new JsonArray();
          String next = null;
          for (Row r : rows) {
            Instant due = r.getOffsetDateTime("feedback_due") != null ? r.getOffsetDateTime("feedback_due").toInstant()
                : r.getOffsetDateTime("acceptance_due") == null ? null : r.getOffsetDateTime("acceptance_due").toInstant();
            if (out.size() == size) break;
            out.add(new JsonObject().put("referralId", r.getLong(0)).put("ticketId", r.getLong(1))
                .put("ref", r.getString(2)).put("severity", r.getString(3)).put("status", r.getString(4))
                .put("intakeOrg", r.getString(5)).put("countyCode", r.getString(6)).put("rule", r.getString(7))
                .put("referralStatus", r.getString(8)).put("sentAt", r.getOffsetDateTime(9).toInstant().toString())
                .put("acceptedAt", r.getOffsetDateTime(10) == null ? null : r.getOffsetDateTime(10).toInstant().toString())
                .put("waitingFor", r.getOffsetDateTime(10) == null ? "ACCEPTANCE" : "FEEDBACK")
                .put("dueAt", due == null ? null : due.toString())
                .put("overdue", due != null && !now.isBefore(due))
                .put("remainingSeconds", due == null ? null : Duration.between(now, due).toSeconds()));
            next = (due == null ? "infinity" : due.toString()) + "," + r.getLong(0);
          }
          JsonObject page = new JsonObject().put("items", out).put("size", size);
          if (rows.size() > size) page.put("next", next);
          return page;
        });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
