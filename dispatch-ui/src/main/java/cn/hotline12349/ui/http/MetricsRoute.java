package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.user.UserService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * GET /metrics, not open to anyone who can reach the port: a scraper sends {@code Authorization: Bearer
 * <HOTLINE_METRICS_TOKEN>}; otherwise a logged-in administrator or province supervisor may read it.
 */
final class MetricsRoute {
  private final PrometheusMeterRegistry registry;
  private final String token;
  private final Auth auth;

  MetricsRoute(PrometheusMeterRegistry registry, String token, UserService users) {
    this.registry = registry;
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.auth = new Auth(users);
  }

  void mount(Router root) {
    root.get("/metrics").handler(this::scraperToken).handler(auth::handle).handler(ctx -> {
      Role r = Auth.actor(ctx).role();
      if (r != Role.ADMIN && r != Role.PROVINCE_SUPERVISOR) {
        Problems.send(ctx, 403, "metrics-forbidden", "Forbidden", "metrics are for administrators", null);
        return;
      }
      scrape(ctx);
    });
  }

  private void scraperToken(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (token != null && h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) && MessageDigest.isEqual(
        h.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      scrape(ctx);
      return;
    }
    ctx.next();
  }

  private void scrape(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(registry.scrape());
  }
}
