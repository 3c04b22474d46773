package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.user.LoginOutcome;
import cn.hotline12349.core.user.Session;
import cn.hotline12349.core.user.UserService;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Login, logout and "who am I". */
final class SessionRoutes {
  private final UserService users;
  private final OrgTree orgs;
  private final boolean secureCookies;

  private final Set<String> trustedProxies;

  SessionRoutes(UserService users, OrgTree orgs, boolean secureCookies, Set<String> trustedProxies) {
    this.users = users;
    this.orgs = orgs;
    this.secureCookies = secureCookies;
    this.trustedProxies = trustedProxies;
  }

  void mountPublic(Router api) {
    api.post("/login").handler(this::login);
  }

  void mount(Router api) {
    api.get("/session").handler(ctx -> ctx.json(sessionJson(Auth.session(ctx))));
    api.post("/logout").handler(this::logout);
  }

  private void login(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    String username = in.string("username");
    String password = in.string("password");
    String from = ClientAddress.of(ctx.request().remoteAddress().hostAddress(),
        ctx.request().getHeader("X-Forwarded-For"), trustedProxies);
    users.attempt(username.trim(), password, from).onSuccess(outcome -> {
      if (outcome instanceof LoginOutcome.Throttled t) {
        long secs = Math.max(1, t.retryAfter().toSeconds());
        ctx.response().putHeader("Retry-After", Long.toString(secs));
        Problems.send(ctx, 429, "login-throttled", "Too Many Requests",
            "too many failed logins: try again in " + secs + " s", "password");
      } else if (outcome instanceof LoginOutcome.Success s) {
        UserService.LoginResult r = s.result();
        ctx.response().addCookie(Cookie.cookie(Auth.COOKIE, r.token()).setHttpOnly(true).setPath("/")
            .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies));
        ctx.json(sessionJson(r.session()).put("token", r.token()));
      } else {
        // A locked account (LoginOutcome.Locked) answers exactly as a wrong password or an unknown name: a distinct
        // 423 told which names exist (ten failures lock a real account, never an unknown one). The audit has it
        // (login-locked, account-locked) and the administrator's unlock lifts it.
        Problems.send(ctx, 401, "bad-credentials", "Unauthorized", "wrong username or password", "password");
      }
    }).onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    users.logout(Auth.token(ctx)).onSuccess(v -> {
      SessionStreams.ended(ctx.vertx(), Auth.token(ctx)); // open event streams of this session close too
      ctx.response().addCookie(Cookie.cookie(Auth.COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private JsonObject sessionJson(Session s) {
    var org = orgs.get(s.user().orgCode());
    return new JsonObject()
        .put("user", new JsonObject().put("username", s.user().username()).put("displayName", s.user().displayName())
            .put("role", s.user().role().name()).put("orgCode", org.code()).put("orgName", org.nameZh())
            .put("orgNameEn", org.nameEn()).put("tier", org.tier().name()))
        .put("csrfToken", s.csrfToken())
        .put("expiresAt", s.expiresAt().toString());
  }
}
