package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Role;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Administration and case access are separate: an ADMIN manages users and configuration and reads no child's report
 * or call. Deny by default, so API routes added later are closed to administrators unless listed here.
 */
final class CaseDataFence {
  // The SLA board, its clock lists and the live event stream carry ids, codes and counts only (no names, numbers or text).
  // The board's lists (overdue, due soon, supervision, mandatory reports) were part of /api/sla/board's answer until
  // the board view read them page by page: the same codes and refs, so the same fence.
  private static final List<String> ADMIN_PATHS = List.of("/api/session", "/api/logout", "/api/org-units",
      "/api/openapi.yaml", "/api/admin/", "/api/sla/board", "/api/events", "/api/partners",
      "/api/tickets/open-counts", "/api/sla/clocks", "/api/sla/board/", "/api/mandatory-reports");

  private CaseDataFence() {}

  static void handle(RoutingContext ctx) {
    if (Auth.actor(ctx).role() == Role.ADMIN
        && ADMIN_PATHS.stream().noneMatch(p -> ctx.normalizedPath().equals(p) || p.endsWith("/") && ctx.normalizedPath().startsWith(p))) {
      Problems.send(ctx, 403, "admin-no-case-data", "Forbidden",
          "administrators manage users and configuration; case data is for case roles", null);
      return;
    }
    ctx.next();
  }
}
