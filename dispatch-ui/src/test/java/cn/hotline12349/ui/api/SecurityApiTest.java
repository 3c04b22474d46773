package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login throttling and lock, administration without case data, the audit and its search, headers, /metrics, /ready. */
class SecurityApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().clock(CLOCK);

  static RunningApp.Response login(String user, String password) {
    return app.sendWith("POST", "/api/login",
        new JsonObject().put("username", user).put("password", password).encode(), Map.of());
  }

  @Test
  void wrongPasswordsBackOffThenLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
    for (int i = 0; i < 3; i++) assertThat(login("sup-xining", "guess" + i).status()).isEqualTo(401);
    RunningApp.Response throttled = login("sup-xining", RunningApp.PASSWORD);
    assertThat(throttled.status()).as("even the right password waits its turn").isEqualTo(429);
    assertThat(throttled.contentType()).startsWith("application/problem+json");
    // The back-off is decided before any hashing: 40 throttled tries cost no PBKDF2 (each would be ~0.1 s or more).
    long t0 = System.nanoTime();
    for (int i = 0; i < 40; i++) assertThat(login("sup-xining", "x").status()).isEqualTo(429);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));

    int status = 0;
    for (int i = 3; i < 10; i++) {
      CLOCK.advance(Duration.ofMinutes(6)); // past the back-off, inside no window of the address rule
      status = login("sup-xining", "guess" + i).status();
    }
    // locked: answered as a wrong password (a distinct 423 told which names exist: LoginEnumerationApiTest)
    assertThat(status).as("the tenth failure locks").isEqualTo(401);
    CLOCK.advance(Duration.ofMinutes(6));
    assertThat(login("sup-xining", RunningApp.PASSWORD).status()).as("locked: the right password too").isEqualTo(401);
    CLOCK.advance(Duration.ofMinutes(16)); // that try counted for this address too (as an unknown name's would)

    assertThat(app.post("prov", "/api/admin/users/sup-xining/unlock", null).status()).as("not an admin").isEqualTo(403);
    assertThat(app.post("admin", "/api/admin/users/sup-xining/unlock", null).status()).isEqualTo(204);
    assertThat(app.post("admin", "/api/admin/users/nobody/unlock", null).status()).isEqualTo(404);
    assertThat(login("sup-xining", RunningApp.PASSWORD).status()).isEqualTo(200);

    assertThat(auditCount("username = 'sup-xining' and action = 'login-failed'")).isEqualTo(10);
    assertThat(auditCount("username = 'sup-xining' and action = 'account-locked'")).isEqualTo(1);
    assertThat(auditCount("username = 'sup-xining' and action = 'login-throttled'")).isGreaterThanOrEqualTo(41);
    assertThat(auditCount("username = 'sup-xining' and action = 'login-locked'")).isEqualTo(1);
    assertThat(auditCount("username = 'admin' and action = 'account-unlocked' and detail = 'user sup-xining'"))
        .isEqualTo(1);
  }

  @Test
  void oneAddressGuessingManyAccountsIsSlowedDown() {
    CLOCK.advance(Duration.ofHours(1));
    int last = 0;
    for (int i = 0; i < 11; i++) last = login("no-such-user-" + i, "pw").status();
    assertThat(last).as("the 11th failure from one address within 15 min").isEqualTo(429);
    CLOCK.advance(Duration.ofHours(1));
  }

  @Test
  void theAdministratorReadsNoCaseData() {
    assertThat(app.get("admin", "/api/tickets").status()).isEqualTo(403);
    assertThat(app.get("admin", "/api/tickets/1").status()).isEqualTo(403);
    assertThat(app.get("admin", "/api/calls").status()).isEqualTo(403);
    assertThat(app.get("admin", "/api/session").status()).isEqualTo(200);
    assertThat(app.get("admin", "/api/sla/board?org=630000").status()).as("codes and counts").isEqualTo(200);
    // The board's lists, read by the board view after its numbers: codes and refs, as when they were in the board.
    assertThat(app.get("admin", "/api/sla/board/overdue?org=630000").status()).isEqualTo(200);
    assertThat(app.get("admin", "/api/mandatory-reports?org=630000").status()).isEqualTo(200);
  }

  @Test
  void readsAndDenialsAreAuditedAndTheProvinceCanSearchThem() throws Exception {
    seenAuditId = maxAuditId();
    JsonObject list = app.get("prov", "/api/tickets?size=5").json();
    JsonArray items = list.getJsonArray("items");
    assertThat(items).isNotEmpty();
    long first = items.getJsonObject(0).getLong("id");
    JsonObject entry = searchOne("/api/audit?user=prov&action=access&size=1");
    assertThat(entry.getString("detail")).startsWith("GET /api/tickets?size=5 -> 200 ids=" + first);

    // A county asking for another county's ticket gets the answer a missing ticket gets, and the try is audited.
    long yushu = ticketOf("632701");
    RunningApp.Response outside = app.get("h-chengdong", "/api/tickets/" + yushu);
    RunningApp.Response missing = app.get("h-chengdong", "/api/tickets/999999999");
    assertThat(outside.status()).isEqualTo(404).isEqualTo(missing.status());
    assertThat(outside.json().getString("type")).isEqualTo(missing.json().getString("type"));
    assertThat(outside.json().getString("title")).isEqualTo(missing.json().getString("title"));
    assertThat(searchOne("/api/audit?user=h-chengdong&action=denied&ticket=" + yushu + "&size=1").getString("detail"))
        .isEqualTo("GET /api/tickets/" + yushu + " -> 404");
    assertThat(app.get("admin", "/api/tickets").status()).isEqualTo(403);
    assertThat(searchOne("/api/audit?user=admin&action=denied&size=1").getString("detail"))
        .isEqualTo("GET /api/tickets -> 403");

    String to = CLOCK.instant().plusMillis(1).toString(); // entries written while paging come after the bound
    CLOCK.advance(Duration.ofSeconds(1));
    JsonObject page0 = app.get("prov", "/api/audit?size=2&to=" + to).json();
    JsonObject page1 = app.get("prov", "/api/audit?size=2&page=1&to=" + to).json();
    assertThat(page0.getJsonArray("items")).hasSize(2);
    assertThat(page0.getBoolean("more")).isTrue();
    assertThat(page1.getJsonArray("items").getJsonObject(0).getLong("id"))
        .isLessThan(page0.getJsonArray("items").getJsonObject(1).getLong("id"));
    assertThat(app.get("sup-xining", "/api/audit").status()).isEqualTo(403);
    assertThat(app.get("prov", "/api/audit?from=yesterday").status()).isEqualTo(422);
  }

  @Test
  void aReadIsAnsweredOnlyOnceItsAuditEntryIsCommitted() throws Exception {
    RunningApp.Response ok = app.get("prov", "/api/tickets?size=3");
    assertThat(ok.status()).isEqualTo(200);
    long first = ok.json().getJsonArray("items").getJsonObject(0).getLong("id");
    // read straight after the answer, with no waiting: the entry was committed before the answer left
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select detail from audit_log where username = 'prov' and action = 'access' order by id desc limit 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("GET /api/tickets?size=3 -> 200 ids=" + first);
    }

    app.login("h-chengdong"); // logged in (and that audited) before the audit table refuses the service's inserts
    JsonObject mine = app.get("h-chengdong", "/api/tickets?size=1").json().getJsonArray("items").getJsonObject(0);
    long own = mine.getLong("id");
    try (Connection c = app.db.jdbc()) {
      c.createStatement().execute("revoke insert on audit_log from " + app.db.user());
    }
    try {
      // the last three are reads their service audits itself (AccessAudit.done): the same 503, not a 500
      for (String path : new String[] {"/api/tickets?size=3", "/api/follow-ups", "/api/tickets/open-counts",
          "/api/tickets/" + own, "/api/tickets/" + own + "/history", "/api/tickets?q=" + mine.getString("ref")}) {
        RunningApp.Response refused = app.get("h-chengdong", path);
        assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().fieldNames()).as("no data, only the problem")
            .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
        assertThat(refused.json().getString("type")).endsWith("/audit-unavailable");
      }
    } finally {
      try (Connection c = app.db.jdbc()) {
        c.createStatement().execute("grant insert on audit_log to " + app.db.user());
      }
    }
    assertThat(app.get("h-chengdong", "/api/tickets?size=3").status()).as("audited again, answered again").isEqualTo(200);
  }

  @Test
  void aBreakGlassReadNeedsAReasonIsAuditedAndShowsTheNumberMasked() throws Exception {
    seenAuditId = maxAuditId();
    long yushu = ticketOutsideOf("630100");
    assertThat(app.get("sup-xining", "/api/tickets/" + yushu).status()).as("outside Xining's scope").isEqualTo(404);
    RunningApp.Response noReason = app.post("sup-xining", "/api/tickets/" + yushu + "/break-glass", new JsonObject());
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().getString("field")).isEqualTo("reason");
    assertThat(app.post("h-chengdong", "/api/tickets/" + yushu + "/break-glass",
        new JsonObject().put("reason", "want to see it anyway")).status()).isEqualTo(403);
    RunningApp.Response read = app.post("sup-xining", "/api/tickets/" + yushu + "/break-glass",
        new JsonObject().put("reason", "caller moved from Yushu to Xining; same family"));
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().getLong("id")).isEqualTo(yushu);
    String number = read.json().getString("callerNumber");
    if (number != null) assertThat(number).contains("*");
    assertThat(searchOne("/api/audit?action=break-glass&ticket=" + yushu).getString("detail"))
        .isEqualTo("reason: caller moved from Yushu to Xining; same family");
  }

  @Test
  void securityHeadersOnPagesAndApiAndMetricsNeedALogin() {
    for (String path : new String[] {"/", "/api/session", "/health", "/no-such-file"}) {
      var r = raw(path, null);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
          v -> assertThat(v).contains("frame-ancestors 'none'").contains("script-src 'self'"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
      assertThat(r.headers().firstValue("Strict-Transport-Security")).as("no TLS here").isEmpty();
    }
    assertThat(raw("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(raw("/metrics", app.login("h-chengdong")).statusCode()).isEqualTo(403);
    var m = raw("/metrics", app.login("prov"));
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("# TYPE ");
  }

  @Test
  void readyReportsEachCheckInTheVertxFormat() {
    var r = raw("/ready", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("database", "pbx", "cluster", "sla-scheduler");
    JsonObject cluster = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "cluster".equals(c.getString("id"))).findFirst().orElseThrow();
    assertThat(cluster.getJsonObject("data").getString("role")).as("one node, no cluster").isEqualTo("SINGLE");
  }

  @Test
  void expiredSessionsArePurged() throws Exception {
    try (Connection c = app.db.jdbc()) {
      c.createStatement().execute("insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
          + "select 'expired-" + System.nanoTime() + "', id, 'x', now() - interval '2 days', now() - interval '1 day' "
          + "from users where username = 'prov'");
    }
    assertThat(app.app.services().users().purgeExpiredSessions().await()).isGreaterThanOrEqualTo(1);
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from sessions where token_hash like 'expired-%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  private static long ticketOf(String county) throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select id from tickets where county_code = '" + county + "' limit 1")) {
      assertThat(rs.next()).as("a demo ticket at " + county).isTrue();
      return rs.getLong(1);
    }
  }

  /** A ticket neither taken in by the prefecture nor at one of its counties. */
  private static long ticketOutsideOf(String prefecture) throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select id from tickets t "
        + "where t.intake_org <> '" + prefecture + "' and (t.county_code is null or t.county_code not in "
        + "(select code from org_units where parent_code = '" + prefecture + "')) limit 1")) {
      assertThat(rs.next()).as("a demo ticket outside " + prefecture).isTrue();
      return rs.getLong(1);
    }
  }

  /**
   * The newest audit entry the province finds with {@code path}. A request's entry is committed before its answer
   * (AccessAudit), so the entry of the request just made is there at once: it must be newer than every entry seen
   * before that request.
   */
  private static JsonObject searchOne(String path) throws Exception {
    RunningApp.Response r = app.get("prov", path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray items = r.json().getJsonArray("items");
    assertThat(items).as("an audit entry for " + path).isNotEmpty();
    assertThat(items.getJsonObject(0).getLong("id")).as("the entry of the request just made").isGreaterThan(seenAuditId);
    seenAuditId = maxAuditId();
    return items.getJsonObject(0);
  }

  private static long seenAuditId;

  private static long maxAuditId() throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select coalesce(max(id), 0) from audit_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int auditCount(String where) throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select count(*) from audit_log where " + where)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static java.net.http.HttpResponse<String> raw(String path, String token) {
    try {
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.base() + path)).GET();
      if (token != null) b.header("Authorization", "Bearer " + token);
      return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
  }
}
