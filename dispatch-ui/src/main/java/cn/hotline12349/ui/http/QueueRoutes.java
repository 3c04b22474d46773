package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.telephony.domain.QueueMembers;
import cn.hotline12349.ui.push.CallerHistoryScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * /api/queue: an intake operator joins, leaves and pauses in their own org unit's queue (QueueAdd / QueueRemove /
 * QueuePause from the phone in pbx-mapping.yaml); {@code GET /queue/agents} lists members in the caller's scope.
 * Each POST answers {@code {queue, state}} with state LOGGED_IN, LOGGED_OUT, PAUSED or AVAILABLE.
 */
final class QueueRoutes {
  private final Supplier<Telephony> telephony;
  private final OrgTree orgs;

  QueueRoutes(Supplier<Telephony> telephony, OrgTree orgs) {
    this.telephony = telephony;
    this.orgs = orgs;
  }

  void mount(Router api) {
    api.post("/queue/login").handler(ctx -> change(ctx, "LOGGED_IN",
        a -> telephony.get().calls().queueLogin(a.username(), a.orgCode())));
    api.post("/queue/logout").handler(ctx -> change(ctx, "LOGGED_OUT",
        a -> telephony.get().calls().queueLogout(a.username(), a.orgCode())));
    api.post("/queue/pause").handler(this::pause);
    api.get("/queue/agents").handler(this::agents);
    api.get("/queue/state").handler(this::state);
    api.get("/queue/call").handler(this::call);
    api.get("/queue/panel").handler(this::panel);
  }

  /** The operator's own agent state: LOGGED_OUT, AVAILABLE, PAUSED (reason), RINGING, ON_CALL, WRAP_UP, UNAVAILABLE. */
  private void state(RoutingContext ctx) {
    Actor actor = CallRoutes.intake(Auth.actor(ctx));
    CallRoutes.scope(actor, orgs);
    telephony.get().bridge().agentState(actor.username()).onSuccess(a -> AccessAudit.json(ctx, a == null
            ? new JsonObject().put("username", actor.username()).put("state", "NO_PHONE")
            : cn.hotline12349.telephony.QueuePanelJson.agent(a)))
        .onFailure(ctx::fail);
  }

  /**
   * The operator's own current call (on their phone, else ringing on it) as the screen-pop body, or {@code {call:
   * null}}: the console reads it when it opens, so a reload mid-call does not lose the call. Under /queue/ so a
   * standby node forwards it to the node holding the PBX (only that node tracks live calls). Full number as in the
   * pop: this operator is on the call; a call answered is audited (with its id) like any other read.
   */
  private void call(RoutingContext ctx) {
    Actor actor = CallRoutes.intake(Auth.actor(ctx));
    CallRoutes.scope(actor, orgs);
    telephony.get().bridge().currentCall(actor.username())
        .onSuccess(pop -> {
          if (pop != null) AccessAudit.ids(ctx, java.util.List.of(pop.getString("callId")));
          else AccessAudit.done(ctx); // no call: nothing personal answered, no audit row for every console opened
          AccessAudit.json(ctx, pop == null ? new JsonObject().put("call", (Object) null)
              : CallerHistoryScope.pop(pop, actor, orgs));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The supervisor's live panel: per queue the waiting callers (longest first), the longest wait and the operators by
   * state. A prefecture sees its own queue, the province every queue. Supervisors and the province only.
   */
  private void panel(RoutingContext ctx) {
    Actor actor = Access.require(ctx, Access.roles(cn.hotline12349.core.domain.Role.OPERATOR,
        cn.hotline12349.core.domain.Role.COUNTY_HANDLER).negate(), "supervisors-only", "the queue panel is for supervisors");
    String scope = CallRoutes.scope(actor, orgs);
    Telephony now = telephony.get();
    java.util.List<String> queues = scope == null
        ? now.mapping().queues().values().stream().distinct().sorted().toList()
        : java.util.List.of(now.mapping().queueOf(scope));
    now.bridge().queuePanel(queues).onSuccess(v -> AccessAudit.json(ctx, cn.hotline12349.telephony.QueuePanelJson.panel(v)
            .put("pbx", now.calls().pbxStatus().getString("status"))))
        .onFailure(ctx::fail);
  }

  private void pause(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    boolean paused = in.bool("paused");
    String reason = in.string("reason"); // at most 64 letters, digits, spaces, _ . - (api/openapi.yaml)
    change(ctx, paused ? "PAUSED" : "AVAILABLE",
        a -> telephony.get().calls().queuePause(a.username(), a.orgCode(), paused, reason));
  }

  private void change(RoutingContext ctx, String state, java.util.function.Function<Actor, Future<Void>> action) {
    Actor actor = CallRoutes.intake(Auth.actor(ctx));
    CallRoutes.scope(actor, orgs);
    if (!CallRoutes.pbxReady(telephony.get(), ctx)) return;
    action.apply(actor)
        .onSuccess(v -> AccessAudit.json(ctx, new JsonObject().put("queue", telephony.get().mapping().queueOf(actor.orgCode()))
            .put("state", state)))
        .onFailure(e -> CallRoutes.pbxFailure(ctx, e));
  }

  private void agents(RoutingContext ctx) {
    String scope = CallRoutes.scope(Auth.actor(ctx), orgs);
    String queue = scope == null ? null : telephony.get().mapping().queueOf(scope);
    telephony.get().calls().agents().onSuccess(members -> {
      JsonArray out = new JsonArray();
      for (QueueMembers.Member m : members) {
        if (queue != null && !queue.equals(m.queue())) continue;
        out.add(new JsonObject().put("queue", m.queue()).put("interface", m.memberInterface())
            .put("memberName", m.memberName())
            .put("username", telephony.get().mapping().usernameOf(m.memberInterface()).orElse(null))
            .put("availability", m.availability()).put("paused", m.paused()).put("reason", m.pausedReason())
            .put("inCall", m.inCall()));
      }
      AccessAudit.json(ctx, new JsonObject().put("items", out).put("pbx", telephony.get().calls().pbxStatus().getString("status")));
    }).onFailure(ctx::fail);
  }
}
