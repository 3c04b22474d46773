package cn.hotline12349.core.referral;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.paging.KeysetCursor;
import cn.hotline12349.core.paging.KeysetCursor.Part;
import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The SLA board's list of mandatory reports (强制报告) whose police feedback is still awaited: the police referral was
 * sent or accepted and no feedback is recorded. Codes, refs and times only (the board hangs on a wall). Its rows are
 * read by {@link ReferralStore#awaitingFeedback}.
 */
public final class MandatoryBoard {
  static final int LIMIT = 100;
  /** A page's key: the last row's due time (epoch micros, Long.MAX_VALUE for none: 'infinity') and referral id. */
  private static final KeysetCursor CURSOR = KeysetCursor.of("mandatory-reports", Part.LONG, Part.LONG);
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final ReferralStore store = new ReferralStore();

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
   * {@code cursor} is the {@code next} of the page before (opaque; see {@link #CURSOR}).
   */
  public Future<JsonObject> page(Actor actor, String org, int size, String cursor) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    if (orgs.find(code).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + code));
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit"));
    }
    if (size < 1 || size > 200) return failed(RuleViolation.invalid("size", "size must be between 1 and 200"));
    KeysetCursor.Key key;
    try {
      key = CURSOR.decode(cursor);
    } catch (RuleViolationException e) {
      return Future.failedFuture(e);
    }
    String afterDue = key == null ? null : key.number(0) == Long.MAX_VALUE ? "infinity"
        : Instant.EPOCH.plus(key.number(0), ChronoUnit.MICROS).toString();
    Long afterId = key == null ? null : key.number(1);
    Instant now = clock.instant();
    return store.awaitingFeedback(pool, code, afterDue, afterId, size + 1).map(rows -> {
      JsonArray out = new JsonArray();
      String next = null;
      for (ReferralStore.AwaitingFeedback r : rows) {
        if (out.size() == size) break;
        Instant due = r.feedbackDue() != null ? r.feedbackDue() : r.acceptanceDue();
        out.add(new JsonObject().put("referralId", r.referralId()).put("ticketId", r.ticketId())
            .put("ref", r.ref()).put("severity", r.severity()).put("status", r.status())
            .put("intakeOrg", r.intakeOrg()).put("countyCode", r.countyCode()).put("rule", r.rule())
            .put("referralStatus", r.referralStatus()).put("sentAt", r.sentAt().toString())
            .put("acceptedAt", r.acceptedAt() == null ? null : r.acceptedAt().toString())
            .put("waitingFor", r.acceptedAt() == null ? "ACCEPTANCE" : "FEEDBACK")
            .put("dueAt", due == null ? null : due.toString())
            .put("overdue", due != null && !now.isBefore(due))
            .put("remainingSeconds", due == null ? null : Duration.between(now, due).toSeconds()));
        next = CURSOR.encode(due == null ? Long.MAX_VALUE : ChronoUnit.MICROS.between(Instant.EPOCH, due),
            r.referralId());
      }
      JsonObject page = new JsonObject().put("items", out).put("size", size);
      if (rows.size() > size) page.put("next", next);
      return page;
    });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
