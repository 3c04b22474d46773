package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.NumberReveal;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * The one way a ticket's full caller number leaves the server: to a role that calls people back
 * ({@code Role.mayRevealCallerNumbers}), for a ticket in its scope, with a purpose. Each reveal is one audit row
 * ({@link NumberReveal#AUDIT_ACTION}: ticket id, user, purpose; never the number). Outside the scope the try is
 * audited as {@code read-denied} and refused as {@code org-scope} (answered like a missing ticket).
 */
public final class CallerNumberReveal {
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final TicketStore store = new TicketStore();
  private final AuditLog audit = new AuditLog();

  public CallerNumberReveal(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  /** The ticket (with its full number) once the reveal is audited; {@code via} names the route, e.g. "via=pbx-callback". */
  public Future<TicketRecord> reveal(Actor actor, long id, NumberReveal why, String via) {
    if (!actor.role().mayRevealCallerNumbers()) {
      return failed(RuleViolation.forbidden("reveal-role", "only intake operators and supervisors call callers back"));
    }
    return store.find(pool, id).compose(t -> {
      if (t == null) return failed(RuleViolation.notFound("no ticket " + id));
      if (!AccessScope.of(actor, orgs).allows(t.intakeOrg(), t.countyCode(), orgs)) {
        return audit.recordRead(pool, actor, "read-denied", id, null, clock.instant())
            .compose(v -> failed(RuleViolation.forbidden("org-scope", "ticket " + id + " is outside your org unit")));
      }
      return audit.recordRead(pool, actor, NumberReveal.AUDIT_ACTION, id, why.auditDetail(via), clock.instant()).map(t);
    });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
