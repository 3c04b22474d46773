package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /api/tickets/{id}/break-glass {reason}: an intake supervisor's audited read of a ticket outside their scope.
 * The answer shows the caller's number masked (reading the case does not need calling the caller).
 */
final class BreakGlassRoutes {
  private final TicketService tickets;

  BreakGlassRoutes(TicketService tickets) { this.tickets = tickets; }

  void mount(Router api) {
    api.post("/tickets/:id/break-glass").handler(this::read);
  }

  private void read(RoutingContext ctx) {
    long id = TicketRoutes.id(ctx);
    String reason = JsonInput.body(ctx).string("reason");
    AccessAudit.done(ctx); // audited as "break-glass" with the reason
    tickets.breakGlass(Auth.actor(ctx), id, reason)
        .compose(t -> tickets.history(id).map(h -> TicketJson.ticket(t, Role.PROVINCE_SUPERVISOR)
            .put("history", TicketJson.history(h)).put("breakGlass", true)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
