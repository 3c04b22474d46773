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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The SLA board's list of mandatory reports (强制报告) whose police feedback is still awaited: the police referral was
 * sent or accepted and no feedback is recorded. Codes, refs and times only (the board hangs on a wall). Its rows are
 * read by {@link ReferralStore#awaitingFeedback}.
 */
public final class MandatoryBoard {
  static final int LIMIT = 100;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final ReferralStore store = new ReferralStore();

  public MandatoryBoard(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  public Future<JsonArray> awaitingFeedback(Actor actor, String org) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    if (orgs.find(code).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + code));
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit"));
    }
    Instant now = clock.instant();
    return store.awaitingFeedback(pool, code, LIMIT).map(rows -> {
      JsonArray out = new JsonArray();
      for (ReferralStore.AwaitingFeedback r : rows) {
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
      }
      return out;
    });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
