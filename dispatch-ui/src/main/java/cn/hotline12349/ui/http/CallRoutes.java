package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditUnavailableException;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.NumberReveal;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.telephony.CallService;
import cn.hotline12349.telephony.CallRefused;
import cn.hotline12349.telephony.Telephony;
import java.util.function.Supplier;
import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.CallState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * /api/calls: the call list (abandoned-and-pending among its filters), one call with its timeline, and reply calls
 * (for an abandoned call, or for a ticket's reply to its caller: the number is taken from the ticket, never the URL).
 * Scope: the province sees every call, a prefecture the calls routed to it, counties none. Numbers are masked for
 * every role (the full number is an audited reveal, {@link RevealRoutes}); a callback dials the stored number and is
 * audited as a reveal with purpose CALLBACK. Mount before the generic ticket action route.
 */
final class CallRoutes {
  private static final String LINKEDID = "[0-9A-Za-z._-]{1,64}";
  private static final String VIA_CALLBACK = "via=pbx-callback";
  /**
   * Who supervises calls in their scope (intake supervisor: their prefecture's calls; province supervisor: all): they
   * may hang up any call there and play its recording.
   */
  static final Set<Role> SUPERVISORS = Set.of(Role.INTAKE_SUPERVISOR, Role.PROVINCE_SUPERVISOR);

  private final Supplier<Telephony> telephony;
  private final OrgTree orgs;
  private final RevealRoutes reveals;

  CallRoutes(Supplier<Telephony> telephony, OrgTree orgs, RevealRoutes reveals) {
    this.telephony = telephony;
    this.orgs = orgs;
    this.reveals = reveals;
  }

  void mount(Router api) {
    api.get("/calls").handler(this::list);
    api.get("/calls/:linkedid").handler(this::get);
    api.post("/calls/:linkedid/callback").handler(this::callCallback);
    api.post("/calls/:linkedid/transfer").handler(this::transfer);
    api.post("/tickets/:id/callback").handler(this::ticketCallback);
  }

  private void list(RoutingContext ctx) {
    Actor actor = Auth.actor(ctx);
    String scope = scope(actor, orgs);
    String prefecture = ctx.queryParams().get("prefecture");
    if (prefecture != null) {
      if (orgs.find(prefecture).isEmpty()) throw Problems.invalid("prefecture", "unknown org unit " + prefecture);
      if (scope != null && !scope.equals(prefecture)) {
        throw new RuleViolationException(RuleViolation.forbidden("org-scope", "prefecture " + prefecture + " is outside your org unit"));
      }
    }
    CallService.Query q = new CallService.Query(state(ctx.queryParams().get("status")), QueryParams.bool(ctx, "pending"), prefecture,
        QueryParams.time(ctx, "from", false), QueryParams.time(ctx, "to", true), QueryParams.integer(ctx, "limit", 50, 1, 500), QueryParams.integer(ctx, "offset", 0, 0, 1_000_000), ctx.queryParams().get("cursor"));
    if (q.cursor() != null && q.offset() > 0) throw Problems.invalid("offset", "page with cursor or offset, not both");
    telephony.get().calls().page(q, scope).onSuccess(p -> {
      JsonArray out = new JsonArray();
      p.items().forEach(o -> out.add(mask((JsonObject) o)));
      AccessAudit.ids(ctx, out.stream().map(o -> ((JsonObject) o).getString("linkedid")).toList());
      JsonObject body = new JsonObject().put("items", out).put("limit", q.limit()).put("offset", q.offset());
      if (p.next() != null) body.put("next", p.next());
      AccessAudit.json(ctx, body);
    }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Actor actor = Auth.actor(ctx);
    String linkedid = linkedid(ctx);
    inScope(ctx, telephony.get(), actor, orgs, linkedid)
        .onSuccess(c -> AccessAudit.json(ctx, mask(c)))
        .onFailure(ctx::fail);
  }

  private void callCallback(RoutingContext ctx) {
    Actor actor = intake(Auth.actor(ctx));
    String linkedid = linkedid(ctx);
    if (!pbxReady(telephony.get(), ctx)) return;
    inScope(ctx, telephony.get(), actor, orgs, linkedid).compose(c ->
            auditFirst(reveals.auditCall(actor, c, NumberReveal.CALLBACK_DIALLED, VIA_CALLBACK)).compose(v ->
                telephony.get().calls().callback(actor.username(), null, linkedid, c.getLong("ticketId"), actor.orgCode())))
        .onSuccess(id -> accepted(ctx, id, linkedid, null))
        .onFailure(e -> pbxFailure(ctx, e));
  }

  /**
   * Blind or attended transfer of an answered call: {@code {kind: BLIND|ATTENDED, username}} (another operator or a
   * supervisor) or {@code {kind, number}} (an outside number such as a county duty phone). 202 once the PBX accepted it;
   * the transfer is recorded on the call (state TRANSFERRED, timeline).
   */
  private void transfer(RoutingContext ctx) {
    Actor actor = intake(Auth.actor(ctx));
    String linkedid = linkedid(ctx);
    JsonInput in = JsonInput.body(ctx);
    var kind = in.enumValue("kind", cn.hotline12349.telephony.Transfers.Kind.class);
    String username = in.string("username");
    String number = in.string("number");
    if ((username == null) == (number == null)) throw Problems.invalid("username", "give either username or number");
    if (number != null && PhoneNumber.parse(number).flatMap(PhoneNumber::dialable).isEmpty()) {
      throw Problems.invalid("number", "not a dialable number");
    }
    Telephony now = telephony.get();
    if (!pbxReady(now, ctx)) return;
    inScope(ctx, now, actor, orgs, linkedid).compose(c ->
            now.bridge().transfer(linkedid, kind, new cn.hotline12349.telephony.Transfers.Target(username, number),
                actor.username()))
        .onSuccess(exten -> AccessAudit.send(ctx, 202, () -> ctx.response().setStatusCode(202)
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("linkedid", linkedid).put("kind", kind.name()).put("target", exten).encode())))
        .onFailure(e -> pbxFailure(ctx, e));
  }

  private void ticketCallback(RoutingContext ctx) {
    Actor actor = intake(Auth.actor(ctx));
    long id = TicketRoutes.id(ctx);
    if (!pbxReady(telephony.get(), ctx)) return;
    reveals.ticket(actor, id, NumberReveal.CALLBACK_DIALLED, VIA_CALLBACK).compose(t -> t.callerNumber() == null || t.callerNumber().isBlank()
            ? Future.failedFuture(Problems.invalid("callerNumber", "the ticket has no caller number to call back"))
            : telephony.get().calls().callback(actor.username(), t.callerNumber(), t.callId(), id,
                actor.orgCode()))
        .onSuccess(cb -> accepted(ctx, cb, null, id))
        .onFailure(e -> pbxFailure(ctx, e));
  }

  private static void accepted(RoutingContext ctx, String callbackId, String linkedid, Long ticketId) {
    AccessAudit.send(ctx, 202, () -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("callbackId", callbackId).put("linkedid", linkedid).put("ticketId", ticketId)
            .put("status", "REQUESTED").encode()));
  }

  /**
   * /health's {@code pbx}: NOT_CONFIGURED, CONNECTED or DISCONNECTED (with the AMI connection's own state and the AGI
   * port). It does not change the overall status: the hotline must keep taking tickets (typed in from a phone on any
   * line) when the PBX link is down, so a load balancer must not take the node out for it.
   */
  static JsonObject health(Telephony telephony) {
    JsonObject h = telephony.health();
    JsonObject raw = h.getJsonObject("pbx");
    String status = !Boolean.TRUE.equals(raw.getBoolean("enabled")) ? "NOT_CONFIGURED"
        : "CONNECTED".equals(raw.getString("status")) ? "CONNECTED" : "DISCONNECTED";
    return new JsonObject().put("status", status).put("connection", raw.getString("status"))
        .put("lastError", raw.getString("lastError")).put("agiPort", h.getValue("agiPort"))
        .put("agi", h.getJsonObject("agi"));
  }

  /** Null for the province (everything), the prefecture's code for intake users; counties have no calls. */
  static String scope(Actor actor, OrgTree orgs) {
    Tier tier = orgs.get(actor.orgCode()).tier();
    if (tier == Tier.PROVINCE) return null;
    if (tier == Tier.PREFECTURE) return actor.orgCode();
    throw new RuleViolationException(RuleViolation.forbidden("calls-intake-only", "calls are seen at prefecture and province level"));
  }

  /**
   * The call when the actor's scope holds it; otherwise a failed future answered 404, the same for a call that does not
   * exist (so call ids outside the scope cannot be probed) and audited as a denial.
   */
  static Future<JsonObject> inScope(RoutingContext ctx, Telephony telephony, Actor actor, OrgTree orgs, String linkedid) {
    return telephony.calls().get(linkedid, scope(actor, orgs)).compose(c -> {
      if (c != null) return Future.succeededFuture(c);
      ctx.put(Problems.SCOPE_DENIED, Boolean.TRUE);
      return Future.failedFuture(new RuleViolationException(RuleViolation.notFound("no call " + linkedid)));
    });
  }

  /**
   * A control action on a call (personal data) is audited before it is done: when its audit row cannot be written the
   * action is not sent and {@link #pbxFailure} answers 503, like a read whose audit entry failed.
   */
  static Future<Void> auditFirst(Future<Void> row) {
    return row.recover(e -> Future.failedFuture(new AuditUnavailableException(e)));
  }

  static boolean supervises(Role role) {
    return SUPERVISORS.contains(role);
  }

  static Actor intake(Actor actor) {
    return Access.require(actor, Access.INTAKE, "intake-only", "only intake operators place calls");
  }

  /** Answers 503 (and returns false) before anything is tried when there is no PBX or it is not connected. */
  static boolean pbxReady(Telephony telephony, RoutingContext ctx) {
    JsonObject pbx = telephony.calls().pbxStatus();
    String why = !Boolean.TRUE.equals(pbx.getBoolean("enabled")) ? "no PBX is configured"
        : !"CONNECTED".equals(pbx.getString("status")) ? "the PBX is not connected" : null;
    if (why == null) return true;
    Problems.send(ctx, 503, "pbx-unavailable", "Service Unavailable", why, null);
    return false;
  }

  static void pbxFailure(RoutingContext ctx, Throwable e) {
    if (e instanceof AuditUnavailableException) {
      Problems.auditUnavailable(ctx);
    } else if (e instanceof IllegalStateException) {
      Problems.send(ctx, 503, "pbx-unavailable", "Service Unavailable", e.getMessage(), null);
    } else if (e instanceof AmiClient.AmiActionException) {
      Problems.send(ctx, 502, "pbx-refused", "Bad Gateway", "the PBX refused the action", null);
    } else if (e instanceof CallRefused r) {
      switch (r.reason()) {
        case NO_EXTENSION -> Problems.send(ctx, 409, "no-extension", "Conflict",
            "your user has no phone extension in pbx-mapping.yaml", null);
        case NOT_DIALABLE -> Problems.send(ctx, 422, "invalid", "Invalid input", "the caller number cannot be dialled",
            "callerNumber");
        case NOT_IN_QUEUE -> Problems.send(ctx, 409, "not-in-queue", "Conflict", r.getMessage(), null);
        case NOT_TRANSFERABLE -> Problems.send(ctx, 409, "not-transferable", "Conflict", r.getMessage(), null);
        case CALL_ENDED -> Problems.send(ctx, 409, "call-ended", "Conflict", r.getMessage(), null);
        default -> Problems.send(ctx, 404, "not-found", "Not Found", r.getMessage(), null);
      }
    } else {
      ctx.fail(e);
    }
  }

  static JsonObject mask(JsonObject call) {
    JsonObject copy = call.copy();
    copy.remove("callerNumberNorm");
    String n = call.getString("callerNumber");
    copy.put("callerNumber", n == null ? null : PhoneNumber.mask(n));
    return copy;
  }

  static String linkedid(RoutingContext ctx) {
    String id = ctx.pathParam("linkedid");
    if (id == null || !id.matches(LINKEDID)) throw Problems.invalid("linkedid", "not a call id");
    return id;
  }

  private static CallState state(String v) {
    if (v == null || v.isBlank()) return null;
    try {
      return CallState.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problems.invalid("status", "unknown call status " + v.trim());
    }
  }

}
