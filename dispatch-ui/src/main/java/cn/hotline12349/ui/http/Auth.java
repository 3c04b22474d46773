package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.user.Session;
import cn.hotline12349.core.user.UserService;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Authenticates every /api request by bearer token or session cookie. Cookie requests that change something must
 * also carry the session's CSRF token in {@code X-CSRF-Token}: a cookie is sent by the browser on its own, the header
 * only by our pages.
 */
public final class Auth {
  public static final String COOKIE = "hotline_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION_KEY = "hotline.session";
  private static final String TOKEN_KEY = "hotline.token";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private final UserService users;

  public Auth(UserService users) { this.users = users; }

  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Cookie cookie = ctx.request().getCookie(COOKIE);
    boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    String token = bearer ? header.substring(7).trim() : cookie == null ? null : cookie.getValue();
    if (token == null || token.isEmpty()) {
      Problems.send(ctx, 401, "unauthenticated", "Unauthorized", "log in first", null);
      return;
    }
    users.authenticate(token).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        Problems.send(ctx, 401, "session-expired", "Unauthorized", "the session is unknown or has expired", null);
      } else if (!bearer && !SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, ar.result())) {
        Problems.send(ctx, 403, "csrf", "Forbidden", "missing or wrong " + CSRF_HEADER + " header", CSRF_HEADER);
      } else {
        ctx.put(SESSION_KEY, ar.result());
        ctx.put(TOKEN_KEY, token);
        ctx.next();
      }
    });
  }

  private static boolean csrfMatches(RoutingContext ctx, Session s) {
    String sent = ctx.request().getHeader(CSRF_HEADER);
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        s.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  public static Session session(RoutingContext ctx) { return ctx.get(SESSION_KEY); }

  public static Actor actor(RoutingContext ctx) { return session(ctx).user().actor(); }

  static String token(RoutingContext ctx) { return ctx.get(TOKEN_KEY); }
}
