package cn.hotline12349.ui.http;

import cn.hotline12349.core.config.CallerRelations;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketCommand.ReviewDecision;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.intake.store.RiskCheckStore;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.SupervisionOrder;
import cn.hotline12349.core.sla.SupervisionService;
import cn.hotline12349.core.sla.TicketClock;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** /api/tickets: create, list, read with history, and every lifecycle action. */
final class TicketRoutes {
  private final TicketService tickets;
  private final SlaBoard sla;
  private final SupervisionService supervision;
  private final List<DetailExtras> extras;
  private final RiskCheckStore riskChecks;
  private final CallerRelations relations;

  /** What other areas add to a ticket's detail (telephony: linked calls; intake: links, suggestion, caller's tickets). */
  interface DetailExtras {
    Future<JsonObject> add(Actor actor, TicketRecord t, JsonObject json);
  }

  TicketRoutes(TicketService tickets, SlaBoard sla, SupervisionService supervision, List<DetailExtras> extras,
               RiskCheckStore riskChecks, CallerRelations relations) {
    this.riskChecks = riskChecks;
    this.relations = relations;
    this.tickets = tickets;
    this.sla = sla;
    this.supervision = supervision;
    this.extras = List.copyOf(extras);
  }

  void mount(Router api) {
    api.post("/tickets").handler(this::create);
    api.get("/tickets/:id").handler(this::get);
    api.post("/tickets/:id/:action").handler(this::act);
  }

  private void create(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    TicketDraft draft = new TicketDraft(in.string("callerNumber"),
        RelationRoutes.code(relations, in.string("callerRelation")), children(in),
        in.enumValue("category", Category.class), in.string("subcategory"), in.enumValue("severity", Severity.class),
        in.string("narrative"), in.enumValue("suggestedCategory", Category.class),
        in.enumValue("suggestedSeverity", Severity.class), in.string("callId"), in.string("suggestedSubcategory"),
        in.number("suggestedConfidence"));
    // issue 14: the risk check answered on the call is stored with the ticket; an EMERGENCY its answers call for is
    // lowered only with a recorded reason
    TicketService.CreateStep risk = null;
    if (in.value("riskCheck") instanceof JsonObject rc) {
      JsonInput r = JsonInput.of(rc);
      RiskCheck check = RiskCheckJson.answers(r.value("answers"), "riskCheck.answers");
      String reason = r.string("downgradeReason");
      if (draft.severity() != null) {
        check.checkDowngrade(draft.severity(), reason).ifPresent(v -> {
          throw new RuleViolationException(v);
        });
      }
      risk = riskChecks.step(check, reason, Auth.actor(ctx));
    }
    respond(ctx, 201, tickets.create(Auth.actor(ctx), draft, in.string("dispatchTo"), idempotencyKey(ctx), risk));
  }

  /** Idempotency-Key (1 to 200 visible ASCII characters: api/openapi.yaml): a retry with the same key answers the first try's ticket. */
  private static String idempotencyKey(RoutingContext ctx) { return ctx.request().getHeader("Idempotency-Key"); }

  private static List<ChildDraft> children(JsonInput in) {
    List<ChildDraft> out = new ArrayList<>();
    for (JsonInput c : in.objects("children")) {
      out.add(new ChildDraft(c.string("name"), c.integer("age"), c.enumValue("gender", ChildDraft.Gender.class),
          c.string("countyCode"), c.string("address"), c.isTrue("disability"), c.isTrue("noGuardian")));
    }
    return out;
  }

  private void get(RoutingContext ctx) {
    long id = id(ctx);
    AccessAudit.done(ctx); // TicketService.get audits the read (or the denial)
    tickets.get(Auth.actor(ctx), id)
        .compose(t -> Future.all(tickets.history(id), sla.clocks(id), supervision.forTicket(id)).map(all -> {
          JsonArray clocks = new JsonArray();
          all.<List<TicketClock>>resultAt(1).forEach(c -> clocks.add(c.toJson()));
          JsonArray orders = new JsonArray();
          all.<List<SupervisionOrder>>resultAt(2).forEach(o -> orders.add(SlaRoutes.json(o)));
          return TicketJson.ticket(t, Auth.actor(ctx).role())
              .put("history", TicketJson.history(all.resultAt(0)))
              .put("clocks", clocks)
              .put("supervisionOrders", orders);
        }).compose(json -> withExtras(Auth.actor(ctx), t, json)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> withExtras(Actor actor, TicketRecord t, JsonObject json) {
    Future<JsonObject> chain = Future.succeededFuture(json);
    for (DetailExtras e : extras) chain = chain.compose(j -> e.add(actor, t, j));
    return chain;
  }

  private void act(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    if (!ACTIONS.contains(action)) throw Problems.invalid("action", "unknown action " + action);
    JsonInput in = JsonInput.body(ctx); // each action's body is its own operation in api/openapi.yaml
    respond(ctx, 200, tickets.act(Auth.actor(ctx), id(ctx), command(action, in), in.integer("version")));
  }

  private static final java.util.Set<String> ACTIONS = java.util.Set.of("dispatch", "claim", "notes", "result",
      "review", "reply", "close", "resolve-at-intake", "transfer", "suspend", "resume", "reopen");

  private static TicketCommand command(String action, JsonInput in) {
    return switch (action) {
      case "dispatch" -> new TicketCommand.Dispatch(in.string("countyCode"));
      case "claim" -> new TicketCommand.Claim();
      case "notes" -> new TicketCommand.AddNote(in.string("text"), in.isTrue("childContacted"));
      case "result" -> new TicketCommand.SubmitResult(in.string("summary"));
      case "review" -> new TicketCommand.Review(in.enumValue("decision", ReviewDecision.class), in.string("comment"));
      case "reply" -> new TicketCommand.Reply(in.bool("reached"), in.integer("satisfaction"), in.string("comment"));
      case "close" -> new TicketCommand.Close();
      case "resolve-at-intake" -> new TicketCommand.ResolveAtIntake(in.string("answer"));
      case "transfer" -> new TicketCommand.Transfer(in.string("countyCode"), in.string("reason"));
      case "suspend" -> new TicketCommand.Suspend(in.string("reason"));
      case "resume" -> new TicketCommand.Resume();
      case "reopen" -> new TicketCommand.Reopen(in.string("reason"));
      default -> throw new IllegalStateException(action);
    };
  }

  private static void respond(RoutingContext ctx, int status, Future<TicketRecord> result) {
    AccessAudit.done(ctx); // the change is audited in its own transaction
    result.onSuccess(t -> ctx.response().setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .end(TicketJson.ticket(t, Auth.actor(ctx).role()).encode()))
        .onFailure(ctx::fail);
  }

  static long id(RoutingContext ctx) { return QueryParams.pathId(ctx, "id"); }
}
