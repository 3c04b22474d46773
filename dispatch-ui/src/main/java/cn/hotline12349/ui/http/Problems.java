package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditUnavailableException;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into an RFC 9457 {@code application/problem+json} answer, naming the field or rule at fault. */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  public static final String TYPE_BASE = "https://12349.hotline/problems/";
  /** Set when a ticket outside the caller's scope was answered as not found (the audit counts it as a denial). */
  static final String SCOPE_DENIED = "hotline.scope-denied";
  private static final java.util.regex.Pattern TICKET_PATH = java.util.regex.Pattern.compile("^/api/tickets/(\\d+)(/.*)?$");

  private Problems() {}

  public static void handle(RoutingContext ctx) {
    Throwable f = ctx.failure();
    var ticketPath = TICKET_PATH.matcher(ctx.normalizedPath());
    if (f instanceof RuleViolationException e && "org-scope".equals(e.violation().rule()) && ticketPath.matches()) {
      // 403 would tell which ticket ids exist: outside the scope a ticket is answered exactly like a missing one
      ctx.put(SCOPE_DENIED, Boolean.TRUE);
      send(ctx, 404, "not-found", "Not Found", "no ticket " + ticketPath.group(1), null);
    } else if (f != null && Unavailable.is(f)) {
      ctx.response().putHeader("Retry-After", Integer.toString(Unavailable.RETRY_AFTER));
      send(ctx, 503, "unavailable", "Service Unavailable",
          "the database cannot be reached right now; nothing was changed, retry shortly", null);
    } else if (f instanceof AuditUnavailableException) {
      // a read its service audits itself (GET /api/tickets/{id}, searches, history): withheld like AccessAudit's
      log.warn("audit entry for {} not written, the answer is withheld: {}", ctx.normalizedPath(), String.valueOf(f.getCause()));
      auditUnavailable(ctx);
    } else if (f instanceof PgException pg && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState())
        || "54000".equals(pg.getSqlState()))) {
      send(ctx, 422, "invalid-text", "Invalid input", "the text contains characters that cannot be stored", "body");
    } else if (f instanceof RuleViolationException e) {
      send(ctx, status(e.violation()), e.violation().rule(), title(e.violation()), e.violation().message(),
          e.violation().field());
    } else if (f instanceof PgException pg && "40001".equals(pg.getSqlState())) {
      send(ctx, 409, "concurrent-change", "Conflict", "the ticket changed meanwhile; reload and retry", null);
    } else if (ctx.statusCode() == 413) {
      send(ctx, 413, "body-too-large", "Payload Too Large", "the request body is larger than allowed", null);
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), "http-" + ctx.statusCode(), "Client error", "the request was refused", null);
    } else {
      // The exception text may quote SQL parameters; log the type and stack only through the logger's throwable.
      log.error("unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), f);
      send(ctx, 500, "internal", "Internal Server Error", "an unexpected error occurred; it has been logged", null);
    }
  }

  public static void send(RoutingContext ctx, int status, String rule, String title, String detail, String field) {
    if (ctx.response().headWritten()) return;
    JsonObject body = new JsonObject().put("type", TYPE_BASE + rule).put("title", title).put("status", status)
        .put("detail", detail).put("instance", ctx.normalizedPath());
    if (field != null) body.put("field", field);
    // a refusal is audited before it is answered (AccessAudit), like a read
    AccessAudit.send(ctx, status, () -> ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json").end(body.encode()));
  }

  /** 503 for a read whose audit entry could not be written: nothing of the read is sent, retry shortly. */
  static void auditUnavailable(RoutingContext ctx) {
    ctx.response().putHeader("Retry-After", Integer.toString(Unavailable.RETRY_AFTER));
    send(ctx, 503, "audit-unavailable", "Service Unavailable",
        "the request cannot be audited right now, so nothing was shown or done; retry shortly", null);
  }

  public static RuleViolationException invalid(String field, String message) {
    return new RuleViolationException(RuleViolation.invalid(field, message));
  }

  private static int status(RuleViolation v) {
    return switch (v.kind()) {
      case INVALID -> 422;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case NOT_FOUND -> 404;
    };
  }

  private static String title(RuleViolation v) {
    return switch (v.kind()) {
      case INVALID -> "Invalid input";
      case FORBIDDEN -> "Forbidden";
      case CONFLICT -> "Conflict";
      case NOT_FOUND -> "Not Found";
    };
  }
}
