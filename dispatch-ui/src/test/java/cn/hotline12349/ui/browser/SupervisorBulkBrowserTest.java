package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A supervisor acts on a selection of the ticket list; each ticket goes its own way and its outcome is shown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorBulkBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private long newTicket(String child) {
    JsonObject body = new JsonObject().put("callerNumber", "13800004444").put("callerRelation", "NEIGHBOUR")
        .put("category", "LIFE_DIFFICULTY").put("subcategory", "UNATTENDED").put("severity", "NORMAL")
        .put("narrative", "邻居反映孩子经常一个人在家。")
        .put("children", new JsonArray().add(new JsonObject().put("name", child).put("age", 9).put("gender", "FEMALE")
            .put("countyCode", "630102").put("address", "城东区")));
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }

  private String status(long id) { return h.api("prov", "GET", "/api/tickets/" + id, null).getString("status"); }

  private static void check(Page p, long id) { p.locator("input[data-select='" + id + "']").check(); }

  @Test
  void reDispatchSuperviseAndCloseDuplicatesOnASelectionEachTicketThroughItsOwnPath() {
    long a = newTicket("李一");
    long b = newTicket("李二");
    long c = newTicket("李一");
    long done = newTicket("李三");
    h.api("op-xining", "POST", "/api/tickets/" + done + "/resolve-at-intake", new JsonObject().put("answer", "已电话解答"));

    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/tickets/order%3Drecent%26open%3D");
    assertThat(sup.locator("input[data-select='" + done + "']")).isVisible();

    // Re-dispatch three; the one resolved at intake is refused by the server, the others go.
    check(sup, a);
    check(sup, b);
    check(sup, done);
    assertThat(sup.locator("#bulk-count")).containsText("3");
    sup.locator("#bulk-action").selectOption("redispatch");
    sup.locator("#bulk-county").selectOption("630103");
    sup.locator("#bulk-run").click();
    assertThat(sup.locator("#bulk-summary")).isVisible();
    assertThat(sup.locator("#bulk-results li[data-bulk-result='" + a + "']")).hasAttribute("data-ok", "true");
    assertThat(sup.locator("#bulk-results li[data-bulk-result='" + b + "']")).hasAttribute("data-ok", "true");
    Locator refused = sup.locator("#bulk-results li[data-bulk-result='" + done + "']");
    assertThat(refused).hasAttribute("data-ok", "false");
    assertThat(refused.locator(".err").last()).not().isEmpty();
    assertThat(sup.locator("#bulk-summary")).containsText("2");
    h.shot(sup, "bulk-redispatch");
    JsonObject ta = h.api("prov", "GET", "/api/tickets/" + a, null);
    assertThat(ta.getString("status")).isEqualTo("DISPATCHED");
    assertThat(ta.getString("countyCode")).isEqualTo("630103");
    assertThat(status(b)).isEqualTo("DISPATCHED");
    assertThat(status(done)).isEqualTo("RESOLVED_AT_INTAKE");

    // 督办 to the county each ticket sits in.
    sup.locator("#bulk-results li").first().waitFor();
    sup.navigate(h.base + "/#/tickets/order%3Drecent%26open%3Dtrue");
    check(sup, b);
    sup.locator("#bulk-action").selectOption("supervise");
    sup.locator("#bulk-reason").fill("请尽快入户核实");
    sup.locator("#bulk-run").click();
    assertThat(sup.locator("#bulk-results li[data-bulk-result='" + b + "']")).hasAttribute("data-ok", "true");
    JsonArray orders = h.api("sup-xining", "GET", "/api/sla/board/supervision?org=630100", null).getJsonArray("items");
    assertThat(orders.stream().map(o -> ((JsonObject) o).getLong("ticketId"))).contains(b);

    // Close a duplicate into the ticket kept.
    sup.navigate(h.base + "/#/tickets/order%3Drecent%26open%3Dtrue");
    check(sup, a);
    check(sup, c);
    sup.locator("#bulk-action").selectOption("merge");
    sup.locator("#bulk-survivor").selectOption(String.valueOf(a));
    sup.locator("#bulk-reason").fill("同一儿童重复来电");
    assertThat(sup.locator("#bulk-run")).containsText("1");
    sup.locator("#bulk-run").click();
    assertThat(sup.locator("#bulk-results li[data-bulk-result='" + c + "']")).hasAttribute("data-ok", "true");
    assertThat(sup.locator("#bulk-results li[data-bulk-result='" + a + "']")).hasCount(0);
    assertThat(status(c)).isEqualTo("CLOSED");
    assertThat(status(a)).isEqualTo("DISPATCHED");
  }
}
