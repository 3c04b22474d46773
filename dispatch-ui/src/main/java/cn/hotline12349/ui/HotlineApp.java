package cn.hotline12349.ui;

import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.Migrations;
import cn.hotline12349.core.db.Pools;
import cn.hotline12349.core.db.ReferenceData;
import cn.hotline12349.core.demo.DemoData;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.user.UserService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** Wires the services of every module and deploys the verticles; the launcher and the tests both start it. */
public final class HotlineApp {
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
    return vertx.executeBlocking(() -> {
          // Flyway and the org-tree sync use JDBC: keep them off the event loop.
          OrgTree orgs = OrgUnitsCsv.load(settings.configDir());
          Migrations.migrate(db);
          ReferenceData.sync(db, orgs);
          return orgs;
        })
        .compose(orgs -> {
          Pool pool = Pools.create(vertx, db, 16);
          TicketService tickets = new TicketService(pool, vertx.eventBus(), orgs, clock);
          UserService users = new UserService(vertx, pool, orgs, clock, settings.sessionLength());
          Services services = new Services(pool, orgs, tickets, users, registry, clock);
          Future<Boolean> demo = settings.demo()
              ? new DemoData(users, tickets).seedIfEmpty(settings.demoPassword()) : Future.succeededFuture(false);
          ApiVerticle api = new ApiVerticle(services, settings);
          return demo
              .compose(v -> vertx.deployVerticle(api))
              .map(id -> new HotlineApp(vertx, pool, services, api.port()));
        });
  }

  public int httpPort() { return httpPort; }

  public Services services() { return services; }

  public Future<Void> close() { return pool.close(); }
}
