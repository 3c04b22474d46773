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
    if ("true".equals(ctx.queryParams().get("subtree"))) {
      subtree(ctx, code);
      return;
    }
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

  /**
   * The handlers of a unit's whole subtree, a page at a time by login name: one request names the claimers of a
   * province's list (js/people.js) instead of one per county on the page.
   */
  private void subtree(RoutingContext ctx, String code) {
    if (orgs.find(code).isEmpty()) throw Problems.invalid("code", "unknown org unit " + code);
    if (!AccessScope.of(Auth.actor(ctx), orgs).covers(code, orgs)) {
      throw new RuleViolationException(RuleViolation.notFound("no org unit " + code + " in your org unit"));
    }
    int size = QueryParams.integer(ctx, "size", 500, 1, 1000);
    String cursor = ctx.queryParams().get("cursor");
    users.handlersUnder(code, cursor == null || cursor.isBlank() ? null : cursor, size + 1).onSuccess(list -> {
      JsonArray items = new JsonArray();
      for (User u : list.subList(0, Math.min(size, list.size()))) {
        items.add(new JsonObject().put("username", u.username()).put("displayName", u.displayName())
            .put("orgCode", u.orgCode()));
      }
      JsonObject out = new JsonObject().put("items", items).put("size", size);
      if (list.size() > size) out.put("next", list.get(size - 1).username());
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
