package cn.hotline12349.ui.http;

import cn.hotline12349.core.referral.Referral;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.TicketClock;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.ui.LoopServices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * GET /api/tickets/{id}/case-sheet: one ticket as a printable page (A4, print CSS) — facts, children, history,
 * referrals, reply calls and clocks — what a county takes to a home visit or files. Read like the ticket's detail
 * (same scope check and audit; numbers masked for roles that do not call back).
 */
final class CaseSheetRoutes {
  private final TicketService tickets;
  private final SlaBoard sla;
  private final LoopServices loop;

  CaseSheetRoutes(TicketService tickets, SlaBoard sla, LoopServices loop) {
    this.tickets = tickets;
    this.sla = sla;
    this.loop = loop;
  }

  void mount(Router api) {
    api.get("/tickets/:id/case-sheet").handler(this::sheet);
  }

  private void sheet(RoutingContext ctx) {
    long id = TicketRoutes.id(ctx);
    var actor = Auth.actor(ctx);
    tickets.get(actor, id).compose(t -> Future.all(tickets.history(id), loop.referrals().forTicket(id),
            loop.attempts().forTicket(id), sla.clocks(id)).map(all -> {
          JsonObject ticket = TicketJson.ticket(t, actor.role());
          JsonArray history = TicketJson.history(all.resultAt(0));
          List<Referral> referrals = all.resultAt(1);
          JsonArray attempts = all.resultAt(2);
          List<TicketClock> clocks = all.resultAt(3);
          return CaseSheet.render(ticket, history, referrals, attempts, clocks, actor.username(), tickets.orgs());
        }))
        .onSuccess(html -> AccessAudit.send(ctx, 200, () -> ctx.response()
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            .end(html)))
        .onFailure(ctx::fail);
  }
}
