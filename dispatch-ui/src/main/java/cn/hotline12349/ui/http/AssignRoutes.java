package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.user.User;
import cn.hotline12349.core.user.UserService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Assigning a ticket to a named handler: the handlers a county has, and the assign action, which needs the handler
 * resolved from a user name before the lifecycle rules can judge it. Mount before the generic ticket action route.
 */
final class AssignRoutes {
  private final TicketService tickets;
  private final UserService users;
  private final OrgTree orgs;

  AssignRoutes(TicketService tickets, UserService users, OrgTree orgs) {
    this.tickets = tickets;
    this.users = users;
    this.orgs = orgs;
  }

  void mount(Router api) {
    api.get("/org-units/:code/handlers").handler(this::handlers);
    api.post("/tickets/:id/assign").handler(this::assign);
  }

  private void handlers(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (orgs.find(code).filter(u -> u.tier() == Tier.COUNTY).isEmpty()) {
      throw Problems.invalid("code", "unknown county code " + code);
    }
    if (!AccessScope.of(Auth.actor(ctx), orgs).covers(code, orgs)) {
      // Outside one's scope answers like an unknown county would: no list of another county's staff.
      throw new RuleViolationException(RuleViolation.notFound("no county " + code + " in your org unit"));
    }
    users.handlersOf(code).onSuccess(list -> {
      JsonArray out = new JsonArray();
      for (User u : list) out.add(new JsonObject().put("username", u.username()).put("displayName", u.displayName()));
      AccessAudit.json(ctx, out);
    }).onFailure(ctx::fail);
  }

  private void assign(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    long id = TicketRoutes.id(ctx);
    String handler = in.string("handler");
    String reason = in.string("reason");
    Integer version = in.integer("version");
    users.find(handler).compose(u -> u == null
            ? Future.failedFuture(Problems.invalid("handler", "no user " + handler))
            : tickets.act(Auth.actor(ctx), id, new TicketCommand.Assign(u.id(), u.role(), u.orgCode(), reason), version))
        .onSuccess(t -> AccessAudit.json(ctx, TicketJson.ticket(t, Auth.actor(ctx).role())))
        .onFailure(ctx::fail);
  }
}
