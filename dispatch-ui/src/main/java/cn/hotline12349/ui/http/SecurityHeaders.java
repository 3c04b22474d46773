package cn.hotline12349.ui.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries, set at the root router so routes added anywhere get them: no framing, no MIME
 * sniffing, no referrer leaking ticket URLs, scripts only from this origin; HSTS once the site is served over TLS.
 */
final class SecurityHeaders {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";
  private final boolean tls;

  SecurityHeaders(boolean tls) { this.tls = tls; }

  void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      MultiMap h = ctx.response().headers();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      h.set("Cross-Origin-Opener-Policy", "same-origin");
      h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
      if (tls || ctx.request().isSSL()) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    });
    ctx.next();
  }
}
