package cn.hotline12349.ui.http;

import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.SupervisionOrder;
import cn.hotline12349.core.sla.SupervisionService;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The SLA board and supervision orders (督办). Mount before the generic ticket action route. */
final class SlaRoutes {
  private final SlaBoard board;
  private final SupervisionService supervision;
  private final TicketService tickets;

  SlaRoutes(SlaBoard board, SupervisionService supervision, TicketService tickets) {
    this.board = board;
    this.supervision = supervision;
    this.tickets = tickets;
  }

  void mount(Router api) {
    // Numbers only; the view reads the lists from /sla/board/{list} and /mandatory-reports after painting them.
    api.get("/sla/board").handler(ctx -> board.board(Auth.actor(ctx), ctx.queryParams().get("org"))
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
    api.get("/sla/board/:list").handler(ctx -> board.list(Auth.actor(ctx), ctx.queryParams().get("org"),
            ctx.pathParam("list"), QueryParams.integer(ctx, "size", 50, 1, 200), ctx.queryParams().get("cursor"))
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
    api.get("/sla/clocks").handler(ctx -> board.clockList(Auth.actor(ctx), ctx.queryParams().get("org"),
            ctx.queryParams().get("stage"), ctx.queryParams().get("state"), QueryParams.integer(ctx, "size", 50, 1, 200),
            ctx.queryParams().get("cursor"))
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
    api.post("/tickets/:id/supervision").handler(this::issue);
    api.post("/supervision/:orderId/fulfil").handler(ctx -> {
      long orderId = QueryParams.pathId(ctx, "orderId");
      supervision.fulfil(Auth.actor(ctx), orderId).onSuccess(o -> AccessAudit.json(ctx, json(o))).onFailure(ctx::fail);
    });
  }

  private void issue(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    long id = TicketRoutes.id(ctx);
    String target = in.string("targetOrg");
    String reason = in.string("reason");
    String duration = in.string("duration");
    // Reading the ticket first applies the same org-scope check (and audit) as every other ticket access.
    tickets.get(Auth.actor(ctx), id)
        .compose(t -> supervision.issue(Auth.actor(ctx), id, target, reason, duration))
        .onSuccess(o -> AccessAudit.send(ctx, 201, () -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json").end(json(o).encode())))
        .onFailure(ctx::fail);
  }

  static JsonObject json(SupervisionOrder o) {
    return new JsonObject().put("id", o.id()).put("ticketId", o.ticketId()).put("issuedByOrg", o.issuedByOrg())
        .put("targetOrg", o.targetOrg()).put("reason", o.reason()).put("duration", o.duration())
        .put("issuedAt", String.valueOf(o.issuedAt())).put("dueAt", String.valueOf(o.dueAt()))
        .put("status", o.status()).put("closedAt", o.closedAt() == null ? null : o.closedAt().toString());
  }
}
