package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14: a supervisor reclassifies a ticket on its page (Chinese, then English): lowering an EMERGENCY asks for
 * the downgrade reason, the change is one RECLASSIFIED line in the history, and the page shows the final labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReclassifyBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @Test
  void aSupervisorLowersAnEmergencyOnlyWithAReasonAndTheHistoryShowsIt() {
    JsonObject draft = new JsonObject().put("callerRelation", "NEIGHBOUR")
        .put("children", new JsonArray().add(new JsonObject().put("age", 9).put("countyCode", "630102")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "EMERGENCY")
        .put("narrative", "邻居说孩子正在被打，哭喊声很大");
    long id = h.api("op-xining", "POST", "/api/tickets", draft).getLong("id");

    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/ticket/" + id);
    assertThat(sup.locator("#reclassify")).isVisible();
    assertThat(sup.locator("#reclassify")).containsText("改动原因");
    sup.locator("#reclass-category").selectOption("VIOLATION");
    sup.locator("#reclass-subcategory").selectOption("DOMESTIC_VIOLENCE");
    sup.locator("#reclass-severity").selectOption("HIGH");
    assertThat(sup.locator("#reclass-downgrade")).isVisible();
    sup.locator("#reclass-reason").fill("回电核实：父母争吵，孩子未受伤");
    sup.locator("#reclass-submit").click();
    // the server refuses a silent downgrade and the form marks the field it named
    assertThat(sup.locator("#reclass-downgrade[aria-invalid='true']")).isVisible();
    assertThat(h.api("sup-xining", "GET", "/api/tickets/" + id, null).getString("severity")).isEqualTo("EMERGENCY");
    sup.locator("#reclass-downgrade").fill("孩子已由奶奶接走，现场安全");
    h.shot(sup, "reclassify-zh-CN");
    sup.locator("#reclass-submit").click();

    assertThat(sup.locator("tr[data-event='RECLASSIFIED']")).containsText("重新分类");
    assertThat(sup.locator("tr[data-event='RECLASSIFIED']")).containsText("孩子已由奶奶接走，现场安全");
    assertThat(sup.locator(".row:has(#tk-" + id + ") .sev-HIGH")).isVisible();
    JsonObject after = h.api("sup-xining", "GET", "/api/tickets/" + id, null);
    assertThat(after.getString("severity")).isEqualTo("HIGH");
    assertThat(after.getString("subcategory")).isEqualTo("DOMESTIC_VIOLENCE");

    sup.locator("#lang").click();
    assertThat(sup.locator("html")).hasAttribute("lang", "en");
    sup.navigate(h.base + "/#/ticket/" + id);
    assertThat(sup.locator("#reclassify")).containsText("Reason for the change");
    assertThat(sup.locator("tr[data-event='RECLASSIFIED']")).containsText("Reclassified");
    h.shot(sup, "reclassify-en");
  }
}
