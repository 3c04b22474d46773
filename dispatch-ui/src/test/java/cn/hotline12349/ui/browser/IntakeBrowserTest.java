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
 * Intelligent intake in the browser: typing notes shows the suggestion, the operator applies it and overrides the
 * severity, a likely duplicate is hinted; the ticket page shows suggestion against final choice; a supervisor merges
 * the duplicate (并单).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @Test
  void suggestOverrideCreateAndMergeADuplicate() {
    long earlier = createEarlierReport();

    Page op = h.login("op-xining");
    op.locator("#tf-narrative").fill("孩子打电话说爸爸正在用皮带打他，满脸是血，躲在厕所里不敢出来");
    assertThat(op.locator("#suggestion [data-suggested-severity='EMERGENCY']")).isVisible();
    assertThat(op.locator("#suggestion [data-suggested-category='VIOLATION']")).isVisible();
    assertThat(op.locator("#suggestion .reasons")).containsText("生命优先");
    op.locator("#apply-suggestion").click();
    assertThat(op.locator("#tf-category")).hasValue("VIOLATION");
    assertThat(op.locator("#tf-severity")).hasValue("EMERGENCY");
    op.locator("#tf-severity").selectOption("HIGH");
    assertThat(op.locator("#override-note")).isVisible();

    op.locator("#tf-relation").selectOption("CHILD_SELF");
    op.locator("#tf-child-0-name").fill("王晓明");
    op.locator("#tf-child-0-age").fill("7");
    op.locator("#tf-child-0-gender").selectOption("MALE");
    op.locator("#tf-child-0-county").selectOption("630102");
    assertThat(op.locator("#duplicate-hints [data-duplicate='" + earlier + "']")).isVisible();
    op.locator("#tf-dispatch").selectOption("630102");
    h.shot(op, "intake-suggestion-override");
    op.locator("#create-dispatch").click();
    String createdId = op.locator("[data-created-id]").getAttribute("data-created-id");
    assertThat(createdId).isNotBlank();

    op.navigate(h.base + "/#/ticket/" + createdId);
    assertThat(op.locator("#suggestion-vs-final [data-suggested-severity='EMERGENCY']")).isVisible();
    assertThat(op.locator("#suggestion-vs-final [data-final-severity='HIGH']")).isVisible();
    assertThat(op.locator("#suggestion-vs-final .overridden")).containsText("已改动");
    h.shot(op, "intake-ticket-suggestion-vs-final");
    assertThat(op.locator("[data-merge-into-other]")).hasCount(0);

    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/ticket/" + createdId);
    assertThat(sup.locator("#duplicates [data-duplicate='" + earlier + "']")).isVisible();
    sup.locator("#link-reason").fill("同一孩子的两次报告，并入先前工单");
    h.shot(sup, "intake-duplicates-before-merge");
    sup.locator("[data-merge-into-other='" + earlier + "']").click();
    assertThat(sup.locator("section[data-ticket='" + createdId + "']")).hasAttribute("data-status", "CLOSED");
    assertThat(sup.locator("#ticket-links [data-mode='MERGE'][data-direction='OUT']")).containsText("本单已并入");
    h.shot(sup, "intake-merged");

    sup.navigate(h.base + "/#/ticket/" + earlier);
    assertThat(sup.locator("#ticket-links [data-link='" + createdId + "'][data-direction='IN']")).isVisible();
    assertThat(sup.locator("section[data-ticket='" + earlier + "']")).hasAttribute("data-status", "DISPATCHED");
  }

  @Test
  void aConsultationIsAnsweredAndResolvedAtIntake() {
    Page op = h.login("op-xining");
    op.locator("#tf-relation").selectOption("GRANDPARENT");
    op.locator("#tf-child-0-age").fill("10");
    op.locator("#tf-child-0-gender").selectOption("MALE");
    op.locator("#tf-child-0-county").selectOption("630102");
    op.locator("#tf-narrative").fill("奶奶咨询孙子的低保和孤儿救助政策怎么申请。");
    op.locator("#tf-category").selectOption("CONSULTATION");
    op.locator("#tf-subcategory").selectOption("WELFARE_POLICY");
    op.locator("#tf-severity").selectOption("CONSULT");
    op.locator("#tf-answer").fill("已告知向户籍所在地乡镇民政所申请及所需材料。");
    op.locator("#resolve-intake").click();
    String id = op.locator("[data-created-id]").getAttribute("data-created-id");
    assertThat(h.api("op-xining", "GET", "/api/tickets/" + id, null).getString("status"))
        .isEqualTo("RESOLVED_AT_INTAKE");
    assertThat(op.locator("#tf-narrative")).hasValue("");
  }

  @Test
  void aGarbageCallerNumberIsMarkedByTheServersRuleAndNothingIsCreated() {
    Page op = h.login("op-xining");
    op.locator("#tf-caller").fill("12345abc");
    op.locator("#tf-relation").selectOption("GRANDPARENT");
    op.locator("#tf-child-0-age").fill("10");
    op.locator("#tf-child-0-gender").selectOption("MALE");
    op.locator("#tf-child-0-county").selectOption("630102");
    op.locator("#tf-narrative").fill("奶奶咨询孙子的低保政策。");
    op.locator("#tf-category").selectOption("CONSULTATION");
    op.locator("#tf-subcategory").selectOption("WELFARE_POLICY");
    op.locator("#tf-severity").selectOption("CONSULT");
    op.locator("#tf-answer").fill("已告知申请材料。");
    op.locator("#resolve-intake").click();
    op.waitForFunction("() => document.querySelector('#tf-caller').validationMessage.length > 0");
    assertThat((String) op.evaluate("() => document.querySelector('#tf-caller').validationMessage"))
        .startsWith("不是电话号码");
    assertThat(String.valueOf(op.evaluate("() => [...document.querySelectorAll('#ticket-form input:invalid,"
        + " #ticket-form select:invalid, #ticket-form textarea:invalid')].map((e) => e.id).join(',')")))
        .as("the number is the only field at fault").isEqualTo("tf-caller");
    assertThat(op.locator("[data-created-id]")).hasCount(0);
    op.locator("#tf-caller").fill("withheld");
    op.locator("#resolve-intake").click();
    String id = op.locator("[data-created-id]").getAttribute("data-created-id");
    assertThat(h.api("op-xining", "GET", "/api/tickets/" + id, null).getString("callerNumber")).isEqualTo("withheld");
  }

  @Test
  void aFailedDispatchKeepsTheTypedTextAndTheRetryOnlyDispatches() {
    Page op = h.login("op-xining");
    String narrative = "邻居说孩子晚上一个人在家，已经两天没见到大人。";
    BrowserHarness.fillNeighbourReport(op, "6", "FEMALE", narrative);
    // The server answers the create but the dispatch fails once (a network fault or restart between the two steps).
    op.route("**/api/tickets/*/dispatch", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
        .setStatus(503).setContentType("application/problem+json")
        .setBody("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"restarting\"}")));
    int before = h.api("op-xining", "GET", "/api/tickets?size=200", null).getJsonArray("items").size();
    op.locator("#create-dispatch").click();
    assertThat(op.locator("#ticket-form .notice.err")).containsText("派单失败");
    assertThat(op.locator("#tf-narrative")).hasValue(narrative);
    assertThat(op.locator("#tf-child-0-age")).hasValue("6");

    op.unrouteAll();
    op.locator("#create-dispatch").click();
    String id = op.locator("[data-created-id]").getAttribute("data-created-id");
    JsonObject ticket = h.api("op-xining", "GET", "/api/tickets/" + id, null);
    assertThat(ticket.getString("status")).isEqualTo("DISPATCHED");
    assertThat(ticket.getString("narrative")).isEqualTo(narrative);
    assertThat(h.api("op-xining", "GET", "/api/tickets?size=200", null).getJsonArray("items").size())
        .as("the retry dispatched the ticket already created instead of creating another").isEqualTo(before + 1);
  }

  /** The first report about the child, made through the API as the same operator would. */
  private long createEarlierReport() {
    JsonObject body = new JsonObject().put("callerRelation", "NEIGHBOUR").put("category", "VIOLATION")
        .put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH").put("narrative", "邻居说孩子常被打。")
        .put("dispatchTo", "630102").put("children", new JsonArray().add(new JsonObject().put("name", "王小明")
            .put("age", 7).put("gender", "MALE").put("countyCode", "630102")));
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }
}
