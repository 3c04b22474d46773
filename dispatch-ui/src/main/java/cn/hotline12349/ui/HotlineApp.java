package cn.hotline12349.ui;

import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.ui.http.ReadyRoute;
import cn.hotline12349.core.db.Migrations;
import cn.hotline12349.core.db.Pools;
import cn.hotline12349.core.db.ReferenceData;
import cn.hotline12349.core.demo.DemoData;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.intake.store.IntakeExamples;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.sla.MicrometerSlaMetrics;
import cn.hotline12349.core.sla.SlaAddresses;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaFirer;
import cn.hotline12349.core.sla.SlaScheduler;
import cn.hotline12349.core.sla.SlaStoreReader;
import cn.hotline12349.core.sla.SlaTransitionHook;
import cn.hotline12349.core.sla.SupervisionService;
import java.time.Duration;
import cn.hotline12349.core.ticket.CallerTickets;
import cn.hotline12349.core.ticket.DuplicateFinder;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.ticket.TicketSuggestion;
import cn.hotline12349.telephony.store.PgCallerHistory;
import cn.hotline12349.core.user.UserService;
import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.ui.cluster.PbxForwarding;
import cn.hotline12349.ui.cluster.PbxOwnership;
import cn.hotline12349.ui.ops.OpsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import cn.hotline12349.core.followup.FollowUpHook;
import cn.hotline12349.core.followup.FollowUps;
import cn.hotline12349.core.partner.PartnerDirectoryFile;
import cn.hotline12349.core.partner.PartnerEntry;
import cn.hotline12349.core.partner.PartnerService;
import cn.hotline12349.core.referral.LoopConfig;
import cn.hotline12349.core.referral.MandatoryBoard;
import cn.hotline12349.core.referral.MandatoryReportGate;
import cn.hotline12349.core.referral.ReferralService;
import cn.hotline12349.core.reply.CallbackAttempts;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.stats.StatsRepository;
import cn.hotline12349.core.stats.TicketExport;

/** Wires the services of every module and deploys the verticles; the launcher and the tests both start it. */
public final class HotlineApp {
  private static final int POOL_SIZE = 16;
  private final Vertx vertx;
  private final Pool pool;
  private final Services services;
  private final int httpPort;

  private HotlineApp(Vertx vertx, Pool pool, Services services, int httpPort) {
    this.vertx = vertx;
    this.pool = pool;
    this.services = services;
    this.httpPort = httpPort;
  }

  public static Future<HotlineApp> start(Vertx vertx, AppSettings settings, DatabaseConfig db,
      PrometheusMeterRegistry registry, Clock clock) {
    // HanLP loads its dictionaries for seconds: on a worker, alongside the migrations, never on the event loop.
    Future<IntakeParts> suggester = vertx.executeBlocking(() -> IntakeParts.load(settings), false);
    return vertx.executeBlocking(() -> {
          // Flyway and the org-tree sync use JDBC: keep them off the event loop.
          OrgTree orgs = OrgUnitsCsv.load(settings.configDir());
          SlaConfig sla = SlaConfig.load(settings.configDir());
          LoopConfig loop = LoopConfig.load(settings.configDir());
          List<PartnerEntry> partners = PartnerDirectoryFile.load(settings.configDir(), orgs);
          Migrations.migrate(db);
          ReferenceData.sync(db, orgs);
          return new Config(orgs, sla, null, loop, partners);
        })
        .compose(cfg -> suggester.map(s -> new Config(cfg.orgs(), cfg.sla(), s, cfg.loop(), cfg.partners())))
        .compose(cfg -> {
          OrgTree orgs = cfg.orgs();
          Pool pool = Pools.create(vertx, db, POOL_SIZE);
          Pool callWrites = Pools.create(vertx, db, Telephony.WRITE_CONNECTIONS); // opens connections only when used
          TicketService tickets = new TicketService(pool, vertx.eventBus(), orgs, clock, cfg.loop().reply());
          tickets.addHook(new SlaTransitionHook(cfg.sla(),
              at -> vertx.eventBus().publish(SlaAddresses.WAKE, at.toEpochMilli())));
          IntakeExamples intakeExamples = new IntakeExamples(pool);
          tickets.addHook(intakeExamples);
          LoopServices loop = loopServices(vertx, pool, orgs, tickets, cfg, clock);
          UserService users = new UserService(vertx, pool, orgs, clock, settings.sessionLength());
          SlaFirer firer = new SlaFirer(pool, vertx.eventBus(), orgs, cfg.sla(), clock,
              new MicrometerSlaMetrics(registry), 500);
          Future<Boolean> demo = settings.demo()
              ? new DemoData(users, tickets).seedIfEmpty(settings.demoPassword()) : Future.succeededFuture(false);
          // Entries with fictional contact details (demo: true) are seeded only into a demo installation.
          List<PartnerEntry> seed = cfg.partners().stream().filter(e -> settings.demo() || !e.demo()).toList();
          return loop.partners().seed(seed).compose(n -> demo)
              // the PBX lease has a connection of its own: behind a burst of call writes in the shared pool's queue
              // its renewal came too late and the owner gave the PBX up mid-burst (two-node bench, 2026-12-07)
              // and the call write-behind its own few (Telephony.WRITE_CONNECTIONS): a burst's writes no longer
              // queue behind the screen-pops' look-ups, nor fill the shared pool's queue for the SLA firer and HTTP
              .compose(v -> PbxOwnership.start(vertx, Pools.create(vertx, db, 1), settings.cluster(), settings.telephony(),
                  t -> Telephony.start(vertx, pool, callWrites, t, settings.configDir(), clock)))
              .compose(pbx -> {
                Services services = new Services(pool, orgs, tickets, users, new SlaBoard(pool, orgs, cfg.sla(), clock),
                    new SupervisionService(pool, vertx.eventBus(), orgs, cfg.sla(), clock), registry, clock, pbx,
                    cfg.intake().services(vertx, pool, settings, clock, intakeExamples, new CallerTickets(pool, orgs),
                        new PgCallerHistory(pool), new DuplicateFinder(vertx, pool, orgs),
                        new TicketLinks(pool, vertx.eventBus(), tickets, clock), new TicketSuggestion(pool)), loop);
                CallTicketLink.wire(vertx, services);
                OpsMetrics.register(vertx, registry, pool, POOL_SIZE, pbx, settings.gaugeRefresh());
                ApiVerticle api = new ApiVerticle(services, settings);
                return vertx.deployVerticle(new SlaScheduler(firer, new SlaStoreReader(pool), clock, Duration.ofSeconds(1)))
                    .onSuccess(id -> vertx.sharedData().getLocalMap(ReadyRoute.MAP).put(ReadyRoute.SLA_SCHEDULER, id))
                    .compose(v -> vertx.deployVerticle(new Housekeeping(services, settings.configDir(), Duration.ofMinutes(10))))
                    .compose(v -> vertx.deployVerticle(api))
                    .compose(v -> apiInstances() == 1 ? Future.succeededFuture(v)
                        : vertx.deployVerticle(() -> new ApiVerticle(services, settings),
                            new DeploymentOptions().setInstances(apiInstances() - 1)))
                    .compose(id -> PbxForwarding.serve(vertx, pbx.node(), api.port()).map(id))
                    .map(id -> new HotlineApp(vertx, pool, services, api.port()))
                    .onFailure(e -> pbx.close());
              });
        });
  }

  public int httpPort() { return httpPort; }

  /** One HTTP verticle per core, as many as Vert.x has event loops for. */
  public static int apiInstances() { return Math.max(1, Runtime.getRuntime().availableProcessors()); }

  private record Config(OrgTree orgs, SlaConfig sla, IntakeParts intake, LoopConfig loop,
                        List<PartnerEntry> partners) {}

  /** Issue 16's services; the mandatory-report gate and the follow-up hook join every ticket transaction. */
  private static LoopServices loopServices(Vertx vertx, Pool pool, OrgTree orgs, TicketService tickets, Config cfg,
      Clock clock) {
    ExternalClocks clocks = new ExternalClocks(cfg.sla());
    PartnerService partners = new PartnerService(pool, orgs, clock);
    ReferralService referrals = new ReferralService(pool, vertx.eventBus(), orgs, tickets, partners, clocks, cfg.loop(), clock);
    tickets.addHook(new MandatoryReportGate(referrals));
    tickets.addHook(new FollowUpHook(cfg.loop(), clocks));
    return new LoopServices(cfg.loop(), partners, referrals, new MandatoryBoard(pool, orgs, clock),
        new CallbackAttempts(pool, vertx.eventBus(), tickets, clock),
        new FollowUps(pool, vertx.eventBus(), orgs, tickets, clocks, clock), new StatsRepository(pool, orgs),
        new TicketExport(pool, orgs, clock));
  }

  public Services services() { return services; }

  /** Stops the telephony bridge (AMI logoff, FastAGI port released, PBX lease given up) before the pool it writes through. */
  public Future<Void> close() {
    return services.pbx().close().eventually(pool::close);
  }
}
