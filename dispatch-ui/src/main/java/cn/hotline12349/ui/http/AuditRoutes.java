package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditEntry;
import cn.hotline12349.core.audit.AuditQuery;
import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.domain.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** GET /api/audit: the province supervisor's paged search over the audit log (who read or changed what, denials). */
final class AuditRoutes {
  private final AuditTrail trail;

  AuditRoutes(AuditTrail trail) { this.trail = trail; }

  void mount(Router api) {
    api.get("/audit").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    Access.require(ctx, Access.roles(Role.PROVINCE_SUPERVISOR), "province-only", "the audit log is for the province supervisor");
    var p = ctx.queryParams();
    AuditQuery q = new AuditQuery(text(p.get("user"), "user"), text(p.get("action"), "action"),
        ticket(ctx),
        instant(p.get("from"), "from"), instant(p.get("to"), "to"), QueryParams.integer(ctx, "page", 0, 0, 100_000),
        QueryParams.integer(ctx, "size", 50, 1, AuditQuery.MAX_SIZE));
    trail.search(q).onSuccess(page -> {
      JsonArray items = new JsonArray();
      for (AuditEntry e : page.items()) {
        items.add(new JsonObject().put("id", e.id()).put("at", e.at().toString()).put("userId", e.userId())
            .put("username", e.username()).put("action", e.action()).put("ticketId", e.ticketId())
            .put("detail", e.detail()));
      }
      AccessAudit.json(ctx, new JsonObject().put("items", items).put("page", page.page()).put("size", page.size())
          .put("more", page.more()));
    }).onFailure(ctx::fail);
  }

  private static Long ticket(RoutingContext ctx) {
    Integer id = QueryParams.optionalInteger(ctx, "ticket", 0, Integer.MAX_VALUE);
    return id == null ? null : id.longValue();
  }

  private static String text(String v, String field) {
    return v == null || v.isEmpty() ? null : v; // at most 64 characters: api/openapi.yaml
  }

  private static Instant instant(String v, String field) {
    if (v == null || v.isEmpty()) return null;
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw Problems.invalid(field, field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }
}
