package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.user.Session;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit entry per API request that read data or was refused, written when the answer is sent; mounted on the
 * API router so routes added later are audited without edits. A route that reads a list puts the ids it returned
 * with {@link #ids}; a route whose service already audited (ticket changes, ticket reads) calls {@link #done}.
 */
final class AccessAudit {
  private static final Logger log = LoggerFactory.getLogger(AccessAudit.class);
  private static final String IDS = "hotline.audit.ids";
  private static final String DONE = "hotline.audit.done";
  /** Answers that carry no personal data (or are audited where they are decided, like logins). */
  private static final List<String> QUIET = List.of("/api/login", "/api/logout", "/api/session", "/api/org-units",
      "/api/openapi.yaml", "/api/intake/taxonomy", "/api/events", "/api/sla/board", "/api/intake/relations");
  private final AuditTrail trail;

  AccessAudit(AuditTrail trail) { this.trail = trail; }

  static void ids(RoutingContext ctx, Collection<?> ids) { ctx.put(IDS, ids); }

  static void done(RoutingContext ctx) { ctx.put(DONE, Boolean.TRUE); }

  void handle(RoutingContext ctx) {
    ctx.addEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      String path = ctx.normalizedPath();
      boolean denied = status == 401 || status == 403 || status == 423 || status == 429
          || Boolean.TRUE.equals(ctx.get(Problems.SCOPE_DENIED));
      if (!denied && (status >= 300 || Boolean.TRUE.equals(ctx.get(DONE)) || QUIET.contains(path))) return;
      if (denied && "/api/login".equals(path)) return; // UserService audits every login outcome itself
      Session s = Auth.session(ctx);
      StringBuilder detail = new StringBuilder(ctx.request().method().name()).append(' ').append(path);
      if (ctx.request().query() != null) detail.append('?').append(ctx.request().query());
      detail.append(" -> ").append(status);
      Collection<?> ids = ctx.get(IDS);
      if (ids != null) detail.append(" ids=").append(ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
      trail.record(s == null ? null : s.user().id(), s == null ? null : s.user().username(),
              denied ? "denied" : "access", ticketId(path), detail.toString())
          .onFailure(e -> log.warn("audit entry for {} not written: {}", path, e.getMessage()));
    });
    ctx.next();
  }

  private static Long ticketId(String path) {
    var m = java.util.regex.Pattern.compile("^/api/tickets/(\\d{1,18})(/.*)?$").matcher(path);
    return m.matches() ? Long.valueOf(m.group(1)) : null;
  }
}
