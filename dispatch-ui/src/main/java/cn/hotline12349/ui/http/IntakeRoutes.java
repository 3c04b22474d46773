package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.intake.IntakeRequest;
import cn.hotline12349.core.intake.PriorityScore;
import cn.hotline12349.core.intake.Suggestion;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.ui.IntakeServices;
import cn.hotline12349.ui.push.CallerHistoryScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * /api/intake/*: suggestions, taxonomy, repeat callers, duplicate children; /api/tickets/:id/duplicates and links.
 * Mount before the generic ticket action route. Notes and numbers are never logged.
 */
final class IntakeRoutes {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IntakeRoutes.class);
  private final Vertx vertx;
  private final IntakeServices intake;
  private final TicketService tickets;
  private final OrgTree orgs;
  private final Clock clock;

  IntakeRoutes(Vertx vertx, IntakeServices intake, TicketService tickets, Clock clock) {
    this.vertx = vertx;
    this.intake = intake;
    this.tickets = tickets;
    this.orgs = tickets.orgs();
    this.clock = clock;
  }

  void mount(Router api) {
    api.post("/intake/suggest").handler(this::suggest);
    api.get("/intake/taxonomy").handler(ctx -> AccessAudit.json(ctx, IntakeJson.taxonomy(intake.suggester().taxonomy())));
    api.get("/intake/risk-check").handler(ctx -> AccessAudit.json(ctx, RiskCheckJson.config(intake.riskConfig())));
    api.get("/intake/accuracy").handler(this::accuracy);
    api.post("/intake/model/rebuild").handler(this::rebuild);

    api.post("/intake/caller-history").handler(this::callerHistory);
    api.post("/intake/phone-number").handler(this::phoneNumber);
    api.post("/intake/duplicates").handler(this::duplicatesForDraft);
    api.get("/tickets/:id/duplicates").handler(this::duplicatesOfTicket);
    api.get("/tickets/:id/links").handler(ctx -> tickets.get(Auth.actor(ctx), TicketRoutes.id(ctx))
        .compose(t -> intake.links().forTicket(t.id())).onSuccess(l -> AccessAudit.json(ctx, IntakeJson.links(l))).onFailure(ctx::fail));
    api.post("/tickets/:id/links").handler(this::link);
  }

  private void suggest(RoutingContext ctx) {
    intakeOnly(ctx);
    JsonInput in = JsonInput.body(ctx);
    String notes = in.string("notes");
    Integer age = in.integer("childAge");
    String address = in.string("address");
    String county = in.string("countyCode");
    if (county != null && county.isBlank()) county = null;
    if (county != null && !intake.suggester().gazetteer().place(county).isPresent()) {
      throw Problems.invalid("countyCode", "unknown county or prefecture code " + county);
    }
    IntakeRequest req = new IntakeRequest(notes, age, address, county);
    RiskCheck risk = RiskCheckJson.answers(in.value("risk"), "risk");
    Instant now = clock.instant();
    // Segmentation and the embedding model are CPU work of milliseconds: a worker keeps them off the event loop.
    vertx.executeBlocking(() -> intake.advise(req, risk), false)
        .onSuccess(a -> {
          Suggestion s = a.suggestion();
          PriorityScore.Vulnerability v = s.vulnerability();
          // the risk answers count for the priority too: under 6 when no age is known, alone as without a guardian
          if (risk.yes(RiskQuestion.UNDER6_OR_DISABILITY) && v.childAge() == null) {
            v = new PriorityScore.Vulnerability(5, v.disability(), v.noGuardian());
          }
          if (risk.yes(RiskQuestion.ALONE_NO_CAREGIVER)) v = new PriorityScore.Vulnerability(v.childAge(), v.disability(), true);
          AccessAudit.json(ctx, RiskCheckJson.advice(IntakeJson.suggestion(s, intake.suggester().taxonomy(),
              PriorityScore.score(a.severity(), v, now, now)), a, intake.riskConfig()));
        })
        .onFailure(ctx::fail);
  }

  private void accuracy(RoutingContext ctx) {
    Access.require(ctx, Access.roles(Role.INTAKE_SUPERVISOR, Role.PROVINCE_SUPERVISOR, Role.ADMIN), "supervisor-only",
        "only supervisors see model accuracy");
    int days = QueryParams.integer(ctx, "days", 30, 1, 365);
    intake.examples().accuracy(Auth.actor(ctx), orgs, clock.instant(), days)
        .onSuccess(rows -> AccessAudit.json(ctx, RiskCheckJson.accuracy(rows, days, intake.learned())))
        .onFailure(ctx::fail);
  }

  private void rebuild(RoutingContext ctx) {
    Access.require(ctx, Access.roles(Role.PROVINCE_SUPERVISOR, Role.ADMIN), "province-only",
        "only the province rebuilds the model");
    if (intake.rebuilder() == null) throw new RuleViolationException(RuleViolation.conflict("no-model",
        "the learned intake model is not loaded; suggestions use the phrase rules alone"));
    // Re-embedding every example takes tens of seconds on a busy machine: started here, it runs on in the background
    // (one at a time: a rebuild already running is not started twice) and is audited when it reads the notes.
    intake.rebuilder().rebuildNow().onFailure(e -> log.warn("intake model rebuild failed: {}", e.toString()));
    AccessAudit.send(ctx, 202, () -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("started", true).encode()));
  }

  /** The form's check of a typed number, by the one rule the server stores with (core.domain.PhoneNumber). */
  private void phoneNumber(RoutingContext ctx) {
    intakeOnly(ctx);
    String raw = JsonInput.body(ctx).string("number");
    PhoneNumber n = PhoneNumber.parse(raw).orElseThrow(() -> Problems.invalid("number",
        "not a phone number: digits with + - ( ) . or spaces, or withheld/anonymous/unknown"));
    AccessAudit.json(ctx, new JsonObject().put("normalized", n.normalized()).put("withheld", n.withheld())
        .put("areaCode", n.areaCode().orElse(null)));
  }

  private void callerHistory(RoutingContext ctx) {
    intakeOnly(ctx);
    JsonInput in = JsonInput.body(ctx);
    String raw = in.string("number");
    String norm = PhoneNumber.normalize(raw);
    if (norm == null || norm.length() < 5) throw Problems.invalid("number", "number is not a phone number");
    Long exclude = in.longValue("excludeTicketId");
    Future<JsonArray> own = intake.callerTickets().of(Auth.actor(ctx), norm, exclude).map(IntakeJson::callerTickets);
    Future<JsonObject> calls = intake.callHistory().lookup(norm, null);
    Future.all(own, calls).onSuccess(v -> AccessAudit.json(ctx, new JsonObject().put("number", norm)
            .put("tickets", own.result()).put("calls", CallerHistoryScope.calls(
                calls.result().getJsonArray("calls", new JsonArray()), Auth.actor(ctx), orgs))))
        .onFailure(ctx::fail);
  }

  private void duplicatesForDraft(RoutingContext ctx) {
    intakeOrProvince(ctx);
    JsonInput in = JsonInput.body(ctx);
    List<ChildDraft> kids = new ArrayList<>();
    for (JsonInput c : in.objects("children")) {
      // The form asks before a county is chosen: a blank county is "not yet known", not a wrong code.
      String county = c.string("countyCode");
      kids.add(new ChildDraft(c.string("name"), c.integer("age"), null, county == null || county.isBlank() ? null : county,
          null, false, false));
    }
    List<RuleViolation> wrong = TicketDraft.childViolations(kids, orgs);
    if (!wrong.isEmpty()) throw new RuleViolationException(wrong.get(0));
    intake.duplicates().forChildren(Auth.actor(ctx), kids, null)
        .onSuccess(d -> AccessAudit.json(ctx, new JsonObject().put("duplicates", IntakeJson.duplicates(d)))).onFailure(ctx::fail);
  }

  private void duplicatesOfTicket(RoutingContext ctx) {
    intakeOrProvince(ctx);
    long id = TicketRoutes.id(ctx);
    tickets.get(Auth.actor(ctx), id)
        .compose(t -> intake.duplicates().forChildren(Auth.actor(ctx), t.children(), id))
        .onSuccess(d -> AccessAudit.json(ctx, new JsonObject().put("duplicates", IntakeJson.duplicates(d)))).onFailure(ctx::fail);
  }

  private void link(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    long id = TicketRoutes.id(ctx);
    long other = in.longValue("otherId");
    TicketLinks.Mode mode = in.enumValue("mode", TicketLinks.Mode.class);
    String reason = in.string("reason");
    intake.links().link(Auth.actor(ctx), id, other, mode, reason)
        .onSuccess(l -> AccessAudit.send(ctx, 201, () -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("ticketId", id).put("links", IntakeJson.links(l)).encode())))
        .onFailure(ctx::fail);
  }

  /** Adds links, the suggestion shown at intake and (for intake roles) the caller's other tickets to a detail. */
  Future<JsonObject> detail(Actor actor, TicketRecord t, JsonObject json) {
    Future<JsonArray> links = intake.links().forTicket(t.id()).map(IntakeJson::links);
    Future<JsonObject> shown = intake.suggestions().of(t.id()).map(s -> IntakeJson.shown(s, json));
    Future<JsonArray> caller = actor.role().isIntake() && t.callerNumber() != null
        ? intake.callerTickets().of(actor, t.callerNumber(), t.id()).map(IntakeJson::callerTickets)
        : Future.succeededFuture(null);
    Future<JsonObject> risk = intake.riskChecks().find(t.id()).map(r -> RiskCheckJson.stored(r, intake.riskConfig()));
    return Future.all(links, shown, caller, risk).map(v -> {
      json.put("links", links.result()).put("suggestion", shown.result()).put("riskCheck", risk.result());
      if (caller.result() != null) json.put("callerTickets", caller.result());
      return json;
    });
  }

  private static void intakeOnly(RoutingContext ctx) {
    Access.require(ctx, Access.INTAKE, "intake-only", "only intake operators and supervisors may do this");
  }

  private static void intakeOrProvince(RoutingContext ctx) {
    Access.require(ctx, Access.INTAKE.or(Access.roles(Role.PROVINCE_SUPERVISOR)), "intake-only",
        "only the intake tier or the province may do this");
  }
}
