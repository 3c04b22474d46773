package cn.hotline12349.core.referral;

import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.TicketTransition;
import cn.hotline12349.core.ticket.TransitionHook;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * 强制报告: a ticket matching a statutory situation is not dispatched until a police referral stands (sent, accepted,
 * waiting or completed). Runs inside the dispatch transaction, so a refused dispatch stores nothing.
 */
public final class MandatoryReportGate implements TransitionHook {
  private final ReferralService referrals;

  public MandatoryReportGate(ReferralService referrals) { this.referrals = referrals; }

  @Override
  public Future<Void> onTransition(SqlConnection tx, TicketTransition t) {
    if (!"DISPATCHED".equals(t.type())) return Future.succeededFuture();
    return referrals.unmetMandatoryRule(tx, t.ticketId()).compose(rule -> rule.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(new RuleViolationException(new RuleViolation(RuleViolation.Kind.INVALID,
            "mandatory-report/" + rule.get().code(), "referrals",
            "mandatory report (强制报告) rule " + rule.get().code() + " (" + rule.get().labelZh() + "): refer the ticket"
                + " to the police (110) before dispatching it"))));
  }
}
