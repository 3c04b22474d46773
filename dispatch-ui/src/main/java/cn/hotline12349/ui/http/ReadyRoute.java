package cn.hotline12349.ui.http;

import cn.hotline12349.ui.Services;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * GET /ready, in the Vert.x health-check format: 200 while the node can do its work, 503 while it cannot (database
 * unreachable, the PBX configured but not connected, the SLA scheduler not running), with this node's cluster role.
 * /health stays the liveness
 * answer. Each check answers within two seconds.
 */
public final class ReadyRoute {
  /** Local-map key under which the launcher records the SLA scheduler's deployment id. */
  public static final String MAP = "hotline.ready";
  public static final String SLA_SCHEDULER = "sla-scheduler";
  private static final long TIMEOUT_MS = 2_000;

  private ReadyRoute() {}

  static void mount(Vertx vertx, Router root, Services services) {
    HealthChecks checks = HealthChecks.create(vertx)
        .register("database", TIMEOUT_MS, p -> services.pool().query("select 1").execute()
            .onSuccess(r -> p.tryComplete(Status.OK()))
            .onFailure(e -> p.tryComplete(Status.KO(new JsonObject().put("error", e.getClass().getSimpleName())))))
        .register("pbx", TIMEOUT_MS, p -> {
          JsonObject pbx = CallRoutes.health(services.telephony());
          String s = pbx.getString("status");
          p.tryComplete("DISCONNECTED".equals(s) ? Status.KO(new JsonObject().put("status", s))
              : Status.OK(new JsonObject().put("status", s)));
        })
        // This node's part in the cluster (SINGLE without one, OWNER holding the PBX, STANDBY) and who owns the PBX:
        // a standby node is ready; it serves everything but the PBX, which it forwards to the owner.
        .register("cluster", TIMEOUT_MS, p -> p.tryComplete(Status.OK(new JsonObject()
            .put("role", services.pbx().role().name()).put("pbxOwner", services.pbx().owner()))))
        .register(SLA_SCHEDULER, TIMEOUT_MS, p -> {
          Object id = vertx.sharedData().getLocalMap(MAP).get(SLA_SCHEDULER);
          p.tryComplete(id != null && vertx.deploymentIDs().contains(id.toString()) ? Status.OK() : Status.KO());
        });
    root.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(checks));
  }
}
