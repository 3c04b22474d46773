package cn.hotline12349.ui.http;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.user.Session;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit entry per API request that read data or was refused; mounted on the API router so routes added later are
 * audited without edits. A read's answer goes out through {@link #json} or {@link #send}, and a refusal through
 * {@link Problems#send}, which commit the entry first: a crash cannot lose the audit of data that left, and when the
 * entry cannot be written the answer is 503 and carries no data. An answer that bypassed those is still recorded as
 * it ends (with a warning in the log). A route that reads
 * a list puts the ids it returned with {@link #ids}; a route whose service already audited (ticket changes, ticket
 * reads) calls {@link #done}.
 */
final class AccessAudit {
  private static final Logger log = LoggerFactory.getLogger(AccessAudit.class);
  private static final String IDS = "hotline.audit.ids";
  private static final String DONE = "hotline.audit.done";
  private static final String SELF = "hotline.audit.self";
  /** Set once this request's entry is committed (or its answer was refused for want of it). */
  private static final String WRITTEN = "hotline.audit.written";
  /** Answers that carry no personal data (or are audited where they are decided, like logins). */
  private static final List<String> QUIET = List.of("/api/login", "/api/logout", "/api/session", "/api/org-units",
      "/api/openapi.yaml", "/api/intake/taxonomy", "/api/events", "/api/sla/board", "/api/intake/relations");
  /** A ticket's own routes, whose id the audit row names (compiled once, not per request). */
  private static final Pattern TICKET_PATH = Pattern.compile("^/api/tickets/(\\d{1,18})(/.*)?$");
  /** The search box's text (a typed name or number) is not kept: a refused search's entry carried it verbatim. */
  private static final Pattern SEARCH_TEXT = Pattern.compile("(^|&)q=[^&]*");
  private final AuditTrail trail;

  AccessAudit(AuditTrail trail) { this.trail = trail; }

  static void ids(RoutingContext ctx, Collection<?> ids) { ctx.put(IDS, ids); }

  static void done(RoutingContext ctx) { ctx.put(DONE, Boolean.TRUE); }

  /** Answers {@code body} as JSON (200) once the request's audit entry is committed. */
  static void json(RoutingContext ctx, Object body) { send(ctx, 200, () -> ctx.json(body)); }

  /** {@link #json} as a future's success handler. */
  static <T> Handler<T> json(RoutingContext ctx) { return body -> json(ctx, body); }

  /**
   * Runs {@code answer} (which sends a {@code status} answer) once the request's audit entry is committed; when the
   * entry cannot be written, answers 503 instead and sends nothing of the data.
   */
  static void send(RoutingContext ctx, int status, Runnable answer) {
    AccessAudit audit = ctx.get(SELF);
    if (audit == null || ctx.get(WRITTEN) != null || !needsEntry(ctx, status)) {
      answer.run();
      return;
    }
    ctx.put(WRITTEN, Boolean.TRUE);
    audit.write(ctx, status, denied(ctx, status)).onComplete(r -> {
      if (r.succeeded()) {
        answer.run();
      } else {
        log.warn("audit entry for {} not written, the answer is withheld: {}", ctx.normalizedPath(), r.cause().toString());
        Problems.auditUnavailable(ctx);
      }
    });
  }

  void handle(RoutingContext ctx) {
    ctx.put(SELF, this);
    ctx.addEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (ctx.get(WRITTEN) != null || !needsEntry(ctx, status)) return;
      boolean denied = denied(ctx, status);
      // A read answered without its entry first: still recorded, but its route should answer through json/send.
      if (!denied) log.warn("{} {} answered before its audit entry", ctx.request().method(), ctx.normalizedPath());
      write(ctx, status, denied)
          .onFailure(e -> log.warn("audit entry for {} not written: {}", ctx.normalizedPath(), e.getMessage()));
    });
    ctx.next();
  }

  /** A refusal (other than a login's, which UserService audits) or an answer that may carry unaudited data. */
  private static boolean needsEntry(RoutingContext ctx, int status) {
    if (denied(ctx, status)) return !"/api/login".equals(ctx.normalizedPath());
    return recordsAnswer(ctx, status);
  }

  /** Whether a successful answer with this status needs an entry (it may carry data and nobody audited it yet). */
  private static boolean recordsAnswer(RoutingContext ctx, int status) {
    return status < 300 && !Boolean.TRUE.equals(ctx.get(DONE)) && !QUIET.contains(ctx.normalizedPath());
  }

  private static boolean denied(RoutingContext ctx, int status) {
    return status == 401 || status == 403 || status == 423 || status == 429
        || Boolean.TRUE.equals(ctx.get(Problems.SCOPE_DENIED));
  }

  private Future<Void> write(RoutingContext ctx, int status, boolean denied) {
    String path = ctx.normalizedPath();
    Session s = Auth.session(ctx);
    StringBuilder detail = new StringBuilder(ctx.request().method().name()).append(' ').append(path);
    if (ctx.request().query() != null) detail.append('?').append(SEARCH_TEXT.matcher(ctx.request().query()).replaceAll("$1q=…"));
    detail.append(" -> ").append(status);
    Collection<?> ids = ctx.get(IDS);
    if (ids != null) detail.append(" ids=").append(ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
    return trail.record(s == null ? null : s.user().id(), s == null ? null : s.user().username(),
        denied ? "denied" : "access", ticketId(path), detail.toString()).mapEmpty();
  }

  private static Long ticketId(String path) {
    var m = TICKET_PATH.matcher(path);
    return m.matches() ? Long.valueOf(m.group(1)) : null;
  }
}
