package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.retention.RetentionJob;
import cn.hotline12349.core.user.UserService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/admin: user administration and retention, for the ADMIN role only (which in turn reads no case data). */
final class AdminRoutes {
  private final UserService users;
  private final java.util.function.Supplier<io.vertx.core.Future<RetentionJob>> retention;

  AdminRoutes(UserService users, java.util.function.Supplier<io.vertx.core.Future<RetentionJob>> retention) {
    this.users = users;
    this.retention = retention;
  }

  void mount(Router api) {
    api.route("/admin/*").handler(ctx -> {
      Access.require(ctx, Access.roles(Role.ADMIN), "admin-only", "user administration is for administrators");
      ctx.next();
    });
    api.post("/admin/users/:username/unlock").handler(this::unlock);
    // dry run: what the retention job would anonymise now; the ids are counted into the audit like any read
    api.get("/admin/retention").handler(ctx -> retention.get().compose(RetentionJob::dryRun)
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
    api.post("/admin/retention/run").handler(ctx -> retention.get().compose(RetentionJob::run)
        .onSuccess(n -> AccessAudit.json(ctx, new io.vertx.core.json.JsonObject().put("anonymised", n))).onFailure(ctx::fail));
    api.get("/admin/users/:username/lock").handler(ctx -> users.locked(ctx.pathParam("username"))
        .onSuccess(l -> AccessAudit.json(ctx, new io.vertx.core.json.JsonObject().put("username", ctx.pathParam("username"))
            .put("locked", l)))
        .onFailure(ctx::fail));
  }

  private void unlock(RoutingContext ctx) {
    String username = ctx.pathParam("username");
    users.unlock(Auth.session(ctx).user(), username).onSuccess(found -> {
      if (!found) {
        Problems.send(ctx, 404, "no-such-user", "Not Found", "no user " + username, "username");
      } else {
        AccessAudit.send(ctx, 204, () -> ctx.response().setStatusCode(204).end());
      }
    }).onFailure(ctx::fail);
  }
}
