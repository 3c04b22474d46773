package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.generate.GenerateTickets;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The paged ticket list in Chromium on 10,000 generated tickets: searches, filters (kept in the URL), pages, and a
 * new ticket appears without a reload; a burst of news costs a handful of list requests.
 */
class TicketListBrowserTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void searchFilterPageAndFollowNewTicketsWithoutReload() throws Exception {
    try (BrowserHarness h = new BrowserHarness()) {
      System.out.println(GenerateTickets.load(h.db.config(), 10_000, Instant.now()));
      Page page = h.login("prov");
      page.navigate(h.base + "/#/tickets/");
      Locator rows = page.locator("table[data-list=tickets] tbody tr");
      assertThat(rows).hasCount(50);
      assertThat(page.locator("[data-count]")).containsText(Pattern.compile("\\d"));
      page.evaluate("() => { window.__sameDocument = true; }");

      String first = rows.first().getAttribute("data-ticket-id");
      page.locator("[data-page=next]").click();
      assertThat(rows.first()).not().hasAttribute("data-ticket-id", first);
      @SuppressWarnings("unchecked")
      List<String> second = (List<String>) rows.evaluateAll("rs => rs.map(r => r.dataset.ticketId)");
      assertThat(second).doesNotContain(first);
      page.locator("[data-page=prev]").click();
      assertThat(rows.first()).hasAttribute("data-ticket-id", first);

      page.locator("select[name=severity]").selectOption("EMERGENCY");
      page.locator("[data-action=search]").click();
      assertThat(page).hasURL(Pattern.compile("severity%3DEMERGENCY"));
      assertThat(rows.first().locator(".badge.sev-EMERGENCY")).isVisible();
      assertThat(page.locator("table[data-list=tickets] .badge[class*=sev-]:not(.sev-EMERGENCY)")).hasCount(0);

      // Search by a reference number (kept in the URL) and by pinyin initials (kept out of it).
      page.locator("select[name=severity]").selectOption("");
      page.locator("select[name=open]").selectOption("");
      JsonObject some = h.api("prov", "GET", "/api/tickets?order=recent&size=1&open=false", null).getJsonArray("items").getJsonObject(0);
      page.locator("input[name=q]").fill(some.getString("ref"));
      page.locator("[data-action=search]").click();
      assertThat(rows).hasCount(1);
      assertThat(rows.first()).hasAttribute("data-ticket-id", String.valueOf(some.getLong("id")));
      page.locator("input[name=q]").fill("xl");
      page.locator("[data-action=search]").click();
      assertThat(rows.first().locator("[data-child]")).not().hasText("");
      assertThat(page).not().hasURL(Pattern.compile("xl"));

      // Newest first, open only: a ticket created elsewhere appears without a reload.
      page.locator("input[name=q]").fill("");
      page.locator("select[name=open]").selectOption("true");
      page.locator("select[name=order]").selectOption("recent");
      page.locator("[data-action=search]").click();
      assertThat(page).hasURL(Pattern.compile("order%3Drecent"));
      int before = h.urls.size();
      long id = h.api("op-xining", "POST", "/api/tickets", ticket("新来电，孩子独自在家。")).getLong("id");
      assertThat(page.locator("tr[data-ticket-id='" + id + "']")).isVisible();
      assertThat((Boolean) page.evaluate("() => window.__sameDocument === true")).as("no reload").isTrue();

      // A burst of 30 new tickets (60 pushed changes) sent at once: the open page reloads a handful of times.
      String token = h.api("op-xining", "POST", "/api/login", new JsonObject().put("username", "op-xining")
          .put("password", BrowserHarness.PASSWORD)).getString("token");
      int mark = h.urls.size();
      long t0 = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        burst.add(http.sendAsync(HttpRequest.newBuilder(URI.create(h.base + "/api/tickets"))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(ticket("第" + i + "个来电。").encode())).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (var f : burst) assertThat(f.get().statusCode()).isEqualTo(201);
      long burstMs = (System.nanoTime() - t0) / 1_000_000;
      page.waitForTimeout(3000);
      long listCalls = h.urls.subList(mark, h.urls.size()).stream().filter(u -> u.contains("/api/tickets?")).count();
      assertThat(listCalls).as("list requests for 60 pushed changes in %d ms", burstMs)
          .isBetween(1L, 2L + burstMs / 2000 + 1);
      assertThat(listCalls).isLessThan(10);
      assertThat(h.urls.size()).isGreaterThan(before);
      // Claimers are named from one read of the province's handlers for the page's life (js/people.js), not one
      // request per county on the page.
      if (page.locator("[data-claimer]").count() > 0) {
        assertThat(page.locator("[data-claimer][title]").first()).isAttached();
      }
      List<String> handlerCalls = h.urls.stream().filter(u -> u.contains("/handlers")).toList();
      assertThat(handlerCalls).as("handler-name requests over the page's life").hasSizeLessThanOrEqualTo(1)
          .allMatch(u -> u.contains("/api/org-units/630000/handlers?subtree=true"));
      h.shot(page, "ticket-list");
      page.context().close();
    }
  }

  private static JsonObject ticket(String narrative) {
    return new JsonObject().put("callerNumber", "13897012345").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小明").put("age", 6).put("countyCode", "630102")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH")
        .put("narrative", narrative).put("dispatchTo", "630102");
  }
}
