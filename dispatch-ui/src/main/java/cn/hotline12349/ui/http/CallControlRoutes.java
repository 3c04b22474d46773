package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AuditLog;
import cn.hotline12349.telephony.CallRefused;
import cn.hotline12349.telephony.Telephony;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Call controls on the console beyond transfer and callback: {@code POST /api/calls/{linkedid}/hangup}. The operator
 * who answered the call, or a supervisor whose scope holds it (intake supervisor: their prefecture's calls; province
 * supervisor: all), may hang it up; it is written to the audit log first ({@value #HUNG_UP}: no audit row, no hang-up,
 * 503), then done by the PBX owner's bridge (AMI Hangup on the caller's channel) and put on the call's timeline. The
 * row records the request: when the bridge or the PBX then refuses it, the row stays and the answer says why. Hold has
 * no route: AMI cannot hold a PJSIP call (the operator's phone does, and the console shows it from AMI Hold/Unhold).
 */
final class CallControlRoutes {
  static final String HUNG_UP = "CALL_HUNG_UP";
  private static final Set<String> ENDED = Set.of("ENDED", "ABANDONED");

  private final Supplier<Telephony> telephony;
  private final OrgTree orgs;
  private final Pool pool;
  private final Clock clock;
  private final AuditLog audit = new AuditLog();

  CallControlRoutes(Supplier<Telephony> telephony, OrgTree orgs, Pool pool, Clock clock) {
    this.telephony = telephony;
    this.orgs = orgs;
    this.pool = pool;
    this.clock = clock;
  }

  void mount(Router api) {
    api.post("/calls/:linkedid/hangup").handler(this::hangup);
  }

  private void hangup(RoutingContext ctx) {
    Actor actor = Access.require(ctx, r -> r == Role.OPERATOR || CallRoutes.supervises(r), "call-control",
        "only operators and supervisors control calls");
    String linkedid = CallRoutes.linkedid(ctx);
    Telephony now = telephony.get();
    if (!CallRoutes.pbxReady(now, ctx)) return;
    CallRoutes.inScope(ctx, now, actor, orgs, linkedid).compose(c -> {
      if (!CallRoutes.supervises(actor.role()) && !actor.username().equals(c.getString("operator"))) {
        return Future.failedFuture(new RuleViolationException(RuleViolation.forbidden("call-holder-only",
            "only the operator on the call or a supervisor may hang it up")));
      }
      if (ENDED.contains(c.getString("state"))) {
        return Future.failedFuture(new CallRefused(CallRefused.Reason.CALL_ENDED, "the call has already ended"));
      }
      return audit.recordRead(pool, actor, HUNG_UP, c.getLong("ticketId"), "call " + linkedid,
          clock.instant()).compose(v -> now.bridge().hangup(linkedid, actor.username()));
    }).onSuccess(v -> {
      AccessAudit.done(ctx); // written above as CALL_HUNG_UP
      ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("linkedid", linkedid).put("status", "HANGUP_REQUESTED").encode());
    }).onFailure(e -> CallRoutes.pbxFailure(ctx, e));
  }
}
