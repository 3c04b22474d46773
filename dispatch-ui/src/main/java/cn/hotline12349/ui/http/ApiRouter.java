package cn.hotline12349.ui.http;

import cn.hotline12349.core.attachment.AttachmentService;
import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.config.CallerRelations;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.draft.IntakeDrafts;
import cn.hotline12349.core.ticket.TicketHistoryPages;
import cn.hotline12349.core.ticket.TicketLists;
import cn.hotline12349.core.ticket.TicketSummaries;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.Housekeeping;
import cn.hotline12349.ui.Services;
import cn.hotline12349.ui.cluster.PbxForwarding;
import cn.hotline12349.ui.push.EventStream;
import cn.hotline12349.ui.push.PushAudit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/** Every HTTP route of the system, in one place. */
public final class ApiRouter {
  /** Large enough for a long narrative and twenty children; anything bigger is refused before parsing. */
  public static final long MAX_BODY = 256 * 1024;
  private final Vertx vertx;
  private final Services services;
  private final AppSettings settings;

  public ApiRouter(Vertx vertx, Services services, AppSettings settings) {
    this.vertx = vertx;
    this.services = services;
    this.settings = settings;
  }

  /** The routes, each request checked against {@code contract} (api/openapi.yaml) once the caller is known. */
  public Router router(ApiContract contract) {
    Router root = Router.router(vertx);
    root.route().handler(new SecurityHeaders(settings.secureCookies())::handle);
    root.get("/health").handler(this::health);
    ReadyRoute.mount(vertx, root, services);
    new MetricsRoute(services.registry(), settings.metricsToken(), services.users()).mount(root);
    AuditTrail trail = new AuditTrail(services.pool(), services.clock());

    Router api = Router.router(vertx);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY);
    BodyHandler uploads = AttachmentRoutes.uploadBodies();
    api.route().handler(ctx -> (AttachmentRoutes.isUpload(ctx) ? uploads : bodies).handle(ctx));
    api.route().handler(new AccessAudit(trail)::handle);
    api.route().handler(InputGuard::handle);
    api.route().handler(ctx -> { ctx.response().putHeader("Cache-Control", "no-store"); ctx.next(); });
    api.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(contract.text()));
    SessionRoutes sessions = new SessionRoutes(services.users(), services.orgs(), settings.secureCookies(),
        settings.trustedProxies());
    api.route().handler(contract::handlePublic);
    sessions.mountPublic(api);
    api.route().handler(new Auth(services.users())::handle);
    api.route().handler(CaseDataFence::handle);
    api.route().handler(contract::handle);
    sessions.mount(api);
    new AdminRoutes(services.users(), Housekeeping.retention(vertx, services, settings.configDir())).mount(api);
    new AuditRoutes(trail).mount(api);
    new BreakGlassRoutes(services.tickets()).mount(api); // before /tickets/:id/:action, which would take the path
    RevealRoutes reveals = new RevealRoutes(new cn.hotline12349.core.ticket.CallerNumberReveal(services.pool(),
        services.orgs(), services.clock()), trail, services::telephony, services.orgs());
    reveals.mount(api); // likewise
    api.get("/org-units").handler(this::orgUnits);
    new SlaRoutes(services.slaBoard(), services.supervision(), services.tickets()).mount(api);
    new AssignRoutes(services.tickets(), services.users(), services.orgs()).mount(api);
    new ReclassifyRoutes(services.tickets(), () -> services.intake().suggester().taxonomy()).mount(api); // likewise
    AttachmentRoutes files = new AttachmentRoutes(
        new AttachmentService(services.pool(), services.tickets(), vertx.eventBus(), services.clock()));
    files.mount(api);
    PbxForwarding.mount(api, vertx, services.pbx());
    new CallRoutes(services::telephony, services.orgs(), reveals).mount(api);
    new CallControlRoutes(services::telephony, services.orgs(), services.pool(), services.clock()).mount(api);
    new QueueRoutes(services::telephony, services.orgs()).mount(api);
    new RecordingRoutes(services::telephony, services.pool(), services.orgs(), services.clock()).mount(api);
    new ReferralRoutes(services.loop(), services.tickets()).mount(api);
    new StatsRoutes(vertx, services.loop(), services.clock()).mount(api);
    new CaseSheetRoutes(services.tickets(), services.slaBoard(), services.loop()).mount(api);
    IntakeRoutes intake = new IntakeRoutes(vertx, services.intake(), services.tickets(), services.clock());
    intake.mount(api);
    CallerRelations relations = CallerRelations.load(settings.configDir());
    RelationRoutes.mount(api, relations);
    new DraftRoutes(new IntakeDrafts(services.pool(), services.clock())).mount(api);
    new TicketListRoutes(new TicketLists(services.pool(), services.orgs(), services.clock()),
        new TicketHistoryPages(services.pool(), services.orgs(), services.clock()), services.slaBoard()).mount(api);
    new TicketRoutes(services.tickets(), services.slaBoard(), services.supervision(), List.of(
        (actor, t, json) -> services.telephony().calls().forTicket(t.id(), t.callId()).map(a -> json.put("calls", a)),
        intake::detail, files::detail,
        (actor, t, json) -> Future.all(services.loop().referrals().forTicket(t.id()),
            services.loop().attempts().forTicket(t.id())).map(all -> json
                .put("referrals", ReferralRoutes.referrals(all.resultAt(0))).put("callbackAttempts", all.resultAt(1)))),
        services.intake().riskChecks(), relations).mount(api);
    SessionStreams.mount(vertx, api, EventStream.PATH, services.clock()); // a stream ends with its session
    EventStream.mount(vertx, api, services.orgs(), Auth::actor, new TicketSummaries(services.pool())::summary)
        .auditPushes(PushAudit.start(vertx, trail));
    api.route().handler(ctx -> Problems.send(ctx, 404, "no-such-route", "Not Found",
        "no API route " + ctx.request().method() + " " + ctx.normalizedPath(), null));
    api.route().failureHandler(Problems::handle);
    root.route("/api/*").subRouter(api);
    root.route().failureHandler(Problems::handle);

    root.route(EventStream.VENDOR_PATH).handler(EventStream.vendorFiles());
    root.route().handler(StaticHandler.create("webroot").setCachingEnabled(false));
    return root;
  }

  private void health(RoutingContext ctx) {
    services.pool().query("select 1").execute()
        .onSuccess(r -> ctx.json(new JsonObject().put("status", "UP").put("database", "UP")
            .put("pbx", services.pbx().describe(CallRoutes.health(services.telephony())))))
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", "DOWN").put("database", "DOWN")
                .put("pbx", services.pbx().describe(CallRoutes.health(services.telephony()))).encode()));
  }

  private void orgUnits(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (OrgUnit u : services.orgs().all()) {
      out.add(new JsonObject().put("code", u.code()).put("nameZh", u.nameZh()).put("nameEn", u.nameEn())
          .put("tier", u.tier().name()).put("parentCode", u.parentCode()));
    }
    ctx.json(out);
  }
}
