package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provincial SLA board follows the system live: a ticket created and dispatched by an operator (through the REST
 * API) shows in the counts, and when the app's hand-moved clock passes its claim deadline the escalation fired by the
 * scheduler turns the prefecture's tile and the overdue list without a reload. The province then issues a 督办 from
 * the board.
 */
class SlaBoardBrowserTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theBoardFollowsANewTicketAndItsEscalationWithoutReload() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (BrowserHarness h = new BrowserHarness(clock)) {
      Page board = h.login("prov");
      assertThat(board.locator("#live")).hasAttribute("data-state", "on");
      Locator open = board.locator("[data-kpi=open]");
      Locator dispatched = board.locator("[data-cell='630102-DISPATCHED']");
      Locator claimOnTime = board.locator("[data-sla-cell='CLAIM-ON_TIME']");
      Locator xining = board.locator("[data-pref='630100']");
      Locator overdueKpi = board.locator("[data-kpi=overdue]");
      assertThat(claimOnTime).isVisible();
      int open0 = number(open), dispatched0 = number(dispatched), claim0 = number(claimOnTime);
      String tile0 = xining.getAttribute("data-overdue");
      String overdue0 = overdueKpi.textContent().trim();
      board.evaluate("() => { window.__sameDocument = true; }");

      String token = login(h, "op-xining");
      int mark = h.urls.size();
      JsonObject ticket = new JsonObject().put("callerNumber", "13897012345").put("callerRelation", "邻居")
          .put("children", new JsonArray().add(new JsonObject().put("name", "小明").put("age", 6).put("countyCode", "630102")))
          .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "EMERGENCY")
          .put("narrative", "邻居听到孩子哭喊。").put("dispatchTo", "630102");
      HttpResponse<String> created = post(h, token, "/api/tickets", ticket);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = new JsonObject(created.body()).getLong("id");

      assertThat(open).hasText(String.valueOf(open0 + 1));
      assertThat(dispatched).hasText(String.valueOf(dispatched0 + 1));
      assertThat(claimOnTime).hasText(String.valueOf(claim0 + 1));
      // News of a ticket in none of the lists, moving no overdue or due-soon total: the numbers are re-read, no list.
      board.waitForTimeout(1500);
      List<String> since = List.copyOf(h.urls.subList(mark, h.urls.size()));
      assertThat(since).as("numbers re-read").anyMatch(u -> u.contains("/api/sla/board?"));
      assertThat(since).as("no list re-read for a new on-time ticket")
          .noneMatch(u -> u.contains("/api/sla/board/") || u.contains("/api/mandatory-reports"));
      h.shot(board, "sla-board-before");
      // A new EMERGENCY ticket alerts the province supervisor too (js/alerts.js).
      assertThat(board.locator("#alerts li[data-kind=emergency]")).containsText("#" + id);

      clock.advance(Duration.ofMinutes(31)); // EMERGENCY: claim within 30 min; the scheduler sees it within 1 s
      Locator row = board.locator("[data-list=overdue] tr[data-ticket-id='" + id + "'][data-stage=CLAIM]");
      assertThat(row).isVisible();
      assertThat(row.locator(".sla-cd")).hasClass(java.util.regex.Pattern.compile("over"));
      assertThat(xining).not().hasAttribute("data-overdue", tile0);
      assertThat(overdueKpi).not().hasText(overdue0);
      assertThat(xining).hasClass(java.util.regex.Pattern.compile("h[1-3]"));
      // The escalation raises its own alert; acknowledging clears the band and the title's count.
      // (the demo data's own clocks escalate too: the alert of this ticket among them)
      assertThat(board.locator("#alerts li[data-kind=escalated]", new Page.LocatorOptions()
          .setHasText(java.util.regex.Pattern.compile("#" + id + "\\b")))).hasCount(1);
      assertThat(board).hasTitle(java.util.regex.Pattern.compile("^\\(\\d+\\) "));
      board.locator("#alerts button.ack").click();
      assertThat(board.locator("#alerts")).isHidden();
      assertThat(board).hasTitle(java.util.regex.Pattern.compile("^[^(]"));
      assertThat((Boolean) board.evaluate("() => window.__sameDocument === true")).as("no reload").isTrue();
      h.shot(board, "sla-board-escalated");

      row.locator("[data-action=supervise]").click();
      Locator form = board.locator("form[data-form=supervision]");
      form.locator("select[name=targetOrg]").selectOption("630102");
      form.locator("select[name=duration]").selectOption("2h");
      form.locator("textarea[name=reason]").fill("超时未签收，请立即处置。");
      form.locator("button[type=submit]").click();
      Locator order = board.locator("[data-list=supervision] tr[data-ticket-id='" + id + "']");
      assertThat(order).isVisible();
      assertThat(board.locator("form[data-form=supervision]")).hasCount(0);
      h.shot(board, "sla-board-supervision");
      board.context().close();
    }
  }

  private static int number(Locator cell) { return Integer.parseInt(cell.textContent().trim()); }

  private String login(BrowserHarness h, String user) throws Exception {
    HttpResponse<String> r = post(h, null, "/api/login",
        new JsonObject().put("username", user).put("password", BrowserHarness.PASSWORD));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("token");
  }

  private HttpResponse<String> post(BrowserHarness h, String token, String path, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
