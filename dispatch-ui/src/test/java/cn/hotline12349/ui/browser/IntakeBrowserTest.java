package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void suggestOverrideCreateAndMergeADuplicate() throws Exception {
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

  /** The first report about the child, made through the API as the same operator would. */
  private long createEarlierReport() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String token = new JsonObject(send(http, "/api/login", null,
        new JsonObject().put("username", "op-xining").put("password", BrowserHarness.PASSWORD))).getString("token");
    JsonObject body = new JsonObject().put("callerRelation", "NEIGHBOUR").put("category", "VIOLATION")
        .put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH").put("narrative", "邻居说孩子常被打。")
        .put("dispatchTo", "630102").put("children", new JsonArray().add(new JsonObject().put("name", "王小明")
            .put("age", 7).put("gender", "MALE").put("countyCode", "630102")));
    return new JsonObject(send(http, "/api/tickets", token, body)).getLong("id");
  }

  private String send(HttpClient http, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return r.body();
  }
}
