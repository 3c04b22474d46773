package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Reclassification;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.Subcategory;
import cn.hotline12349.core.intake.Taxonomy;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * POST /api/tickets/:id/reclassify (issue 14): an operator, supervisor or the claiming handler corrects a ticket's
 * class, sub-class and level with a reason. The sub-class must be one of the class's in the configured taxonomy.
 * Mount before the generic ticket action route, which would take the path.
 */
final class ReclassifyRoutes {
  private final TicketService tickets;
  private final Supplier<Taxonomy> taxonomy;

  ReclassifyRoutes(TicketService tickets, Supplier<Taxonomy> taxonomy) {
    this.tickets = tickets;
    this.taxonomy = taxonomy;
  }

  void mount(Router api) { api.post("/tickets/:id/reclassify").handler(this::reclassify); }

  private void reclassify(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    long id = TicketRoutes.id(ctx);
    Category category = in.enumValue("category", Category.class);
    if (category == null) throw Problems.invalid("category", "category is required");
    Severity severity = in.enumValue("severity", Severity.class);
    if (severity == null) throw Problems.invalid("severity", "severity is required");
    String sub = in.string("subcategory");
    if (sub != null) {
      Subcategory known = taxonomy.get().find(sub).orElseThrow(() ->
          Problems.invalid("subcategory", "unknown sub-class " + sub));
      if (known.category() != category) {
        throw Problems.invalid("subcategory", "sub-class " + sub + " belongs to " + known.category() + ", not " + category);
      }
    }
    Reclassification r = new Reclassification(category, sub, severity, in.string("reason"),
        in.string("downgradeReason"));
    AccessAudit.done(ctx); // the change is audited in its own transaction
    tickets.reclassify(Auth.actor(ctx), id, r, in.integer("version"))
        .onSuccess(t -> ctx.response().putHeader("Content-Type", "application/json")
            .end(TicketJson.ticket(t, Auth.actor(ctx).role()).encode()))
        .onFailure(ctx::fail);
  }
}
