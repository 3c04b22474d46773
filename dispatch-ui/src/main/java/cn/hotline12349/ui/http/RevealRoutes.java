package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.NumberReveal;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.CallerNumberReveal;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.telephony.Telephony;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The audited reveal of a caller's full number (every read shows it masked): {@code POST /api/tickets/{id}/caller-number}
 * and {@code POST /api/calls/{linkedid}/caller-number} with {@code {purpose: CALLBACK|REPLY|OTHER, reason}}, for intake
 * roles in scope (403 for other roles, 404 outside the scope). One audit row per reveal, action
 * {@code caller-number-revealed}: ticket id, user, purpose and reason, the call's id; never the number. Callbacks placed
 * from the console (CallRoutes) are audited the same way, as the PBX dials the number to the user's phone.
 * Mount before the generic ticket action route.
 */
final class RevealRoutes {
  private final CallerNumberReveal tickets;
  private final AuditTrail trail;
  private final Supplier<Telephony> telephony;
  private final OrgTree orgs;

  RevealRoutes(CallerNumberReveal tickets, AuditTrail trail, Supplier<Telephony> telephony, OrgTree orgs) {
    this.tickets = tickets;
    this.trail = trail;
    this.telephony = telephony;
    this.orgs = orgs;
  }

  void mount(Router api) {
    api.post("/tickets/:id/caller-number").handler(this::ticketNumber);
    api.post("/calls/:linkedid/caller-number").handler(this::callNumber);
  }

  private void ticketNumber(RoutingContext ctx) {
    mayReveal(Auth.actor(ctx));
    long id = TicketRoutes.id(ctx);
    NumberReveal why = purpose(ctx);
    ticket(Auth.actor(ctx), id, why, null)
        .onSuccess(t -> {
          AccessAudit.done(ctx); // the reveal is its own audit row
          AccessAudit.json(ctx, new JsonObject().put("ticketId", id).put("callerNumber", t.callerNumber())
              .put("purpose", why.purpose().name()));
        })
        .onFailure(ctx::fail);
  }

  private void callNumber(RoutingContext ctx) {
    Actor actor = Auth.actor(ctx);
    mayReveal(actor);
    String linkedid = CallRoutes.linkedid(ctx);
    NumberReveal why = purpose(ctx);
    CallRoutes.inScope(ctx, telephony.get(), actor, orgs, linkedid)
        .compose(c -> auditCall(actor, c, why, null).map(c))
        .onSuccess(c -> {
          AccessAudit.done(ctx);
          AccessAudit.json(ctx, new JsonObject().put("linkedid", linkedid).put("callerNumber", c.getString("callerNumber"))
              .put("purpose", why.purpose().name()));
        })
        .onFailure(ctx::fail);
  }

  /** A ticket's full number after the audited reveal (or the refusal); {@code via} e.g. "via=pbx-callback". */
  Future<TicketRecord> ticket(Actor actor, long id, NumberReveal why, String via) {
    return tickets.reveal(actor, id, why, via);
  }

  /** The reveal row for a call the actor may see (the caller checked the scope). */
  Future<Void> auditCall(Actor actor, JsonObject call, NumberReveal why, String via) {
    String target = "call=" + call.getString("linkedid") + (via == null ? "" : " " + via);
    return trail.record(actor.userId(), actor.username(), NumberReveal.AUDIT_ACTION, call.getLong("ticketId"),
        why.auditDetail(target));
  }

  static void mayReveal(Actor actor) {
    if (!actor.role().mayRevealCallerNumbers()) {
      throw new RuleViolationException(RuleViolation.forbidden("reveal-role",
          "only intake operators and supervisors call callers back"));
    }
  }

  private static NumberReveal purpose(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    return NumberReveal.of(in.string("purpose"), in.string("reason"));
  }
}
