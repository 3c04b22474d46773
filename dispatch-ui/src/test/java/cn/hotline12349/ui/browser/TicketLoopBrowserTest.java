package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 6's browser scenario on the real server: every demo user lands on their screen; a call pops on the operator's
 * screen, the ticket is created and dispatched, the county handler sees it arrive live, claims it and submits a
 * result, the intake supervisor accepts it and records the reply, and the province board follows each step live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketLoopBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @ParameterizedTest
  @CsvSource({"prov,board,省级督导", "op-xining,operator,热线接线员", "sup-xining,review,受理主管",
      "h-chengdong,county,县区处置员", "h-yushu,county,县区处置员", "h-chengdong2,county,县区处置员",
      "op-haixi,operator,热线接线员", "h-golmud,county,县区处置员", "admin,board,系统管理员"})
  void eachDemoUserLandsOnTheirScreen(String user, String view, String roleLabel) {
    Page page = h.login(user);
    assertThat(page).hasURL(Pattern.compile("#/" + view + "$"));
    assertThat(page.locator("#whoami")).containsText(roleLabel);
    assertThat(page.locator("main h2").first()).isVisible();
    h.shot(page, "landing-" + user);
    page.locator("#logout").click();
    assertThat(page.locator("#username")).isVisible();
    page.context().close();
  }

  @Test
  void theWholeLoopLiveAcrossScreens() {
    Page board = h.login("prov");
    Locator dispatched = board.locator("[data-cell='630102-DISPATCHED']");
    Locator claimed = board.locator("[data-cell='630102-CLAIMED']");
    Locator submitted = board.locator("[data-cell='630102-RESULT_SUBMITTED']");
    Locator reviewed = board.locator("[data-cell='630102-REVIEWED']");
    Locator replied = board.locator("[data-cell='630102-REPLIED']");
    int d0 = count(dispatched), c0 = count(claimed), s0 = count(submitted), r0 = count(reviewed), p0 = count(replied);

    Page handler = h.login("h-chengdong");
    Page operator = h.login("op-xining");
    assertThat(operator.locator("#live")).hasAttribute("data-state", "on");
    assertThat(operator.locator("#abandoned")).isVisible();

    // The telephony bridge publishes the screen-pop on this address when the operator answers.
    h.vertx.eventBus().publish("hotline.ui.operator.op-xining", new JsonObject()
        .put("callerNumber", "13912345678").put("queue", "630100"));
    assertThat(operator.locator("#call-panel")).containsText("13912345678");
    assertThat(operator.locator("#tf-caller")).hasValue("13912345678");

    BrowserHarness.fillNeighbourReport(operator, "8", "MALE", "邻居反映孩子经常被父亲打，身上有伤。");
    assertThat(operator.locator("#tf-dispatch")).hasValue("630102");
    h.shot(operator, "operator-console");
    operator.locator("#create-dispatch").click();
    Locator created = operator.locator("[data-created-id]");
    assertThat(created).isVisible();
    String id = created.getAttribute("data-created-id");
    assertThat(operator.locator("#tf-narrative")).hasValue("");

    assertThat(dispatched).hasText(String.valueOf(d0 + 1));

    Locator row = handler.locator("tr[data-ticket-id='" + id + "']");
    assertThat(row).isVisible();
    assertThat(row).hasAttribute("data-status", "DISPATCHED");
    row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
    Locator detail = handler.locator("section[data-ticket='" + id + "']");
    detail.locator("[data-action=claim]").click();
    assertThat(handler.locator("section[data-ticket='" + id + "']")).hasAttribute("data-status", "CLAIMED");
    assertThat(claimed).hasText(String.valueOf(c0 + 1));
    assertThat(dispatched).hasText(String.valueOf(d0));

    handler.locator("section[data-ticket='" + id + "'] [data-action=result]").click();
    handler.locator("form[data-form=result] textarea").fill("已上门走访，孩子已由祖母临时照顾，已联系派出所。");
    h.shot(handler, "county-workbench");
    handler.locator("form[data-form=result] button[type=submit]").click();
    assertThat(handler.locator("section[data-ticket='" + id + "']")).hasAttribute("data-status", "RESULT_SUBMITTED");
    assertThat(submitted).hasText(String.valueOf(s0 + 1));

    Page sup = h.login("sup-xining");
    Locator toReview = sup.locator("[data-section='review.toReview'] tr[data-ticket-id='" + id + "']");
    assertThat(toReview).isVisible();
    toReview.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
    Locator supDetail = sup.locator("section[data-ticket='" + id + "']");
    supDetail.locator("[data-action=review]").click();
    sup.locator("form[data-form=review] textarea").fill("处置及时。");
    sup.locator("form[data-form=review] button[type=submit]").click();
    assertThat(sup.locator("section[data-ticket='" + id + "']")).hasAttribute("data-status", "REVIEWED");
    assertThat(reviewed).hasText(String.valueOf(r0 + 1));

    sup.locator("section[data-ticket='" + id + "'] [data-action=reply]").click();
    sup.locator("form[data-form=reply] select[name=satisfaction]").selectOption("5");
    sup.locator("form[data-form=reply] textarea").fill("来电人表示满意。");
    h.shot(sup, "prefecture-review");
    sup.locator("form[data-form=reply] button[type=submit]").click();
    assertThat(sup.locator("section[data-ticket='" + id + "']")).hasAttribute("data-status", "REPLIED");
    assertThat(replied).hasText(String.valueOf(p0 + 1));
    assertThat(reviewed).hasText(String.valueOf(r0));
    h.shot(board, "province-board");

    sup.navigate(h.base + "/#/ticket/" + id);
    Locator history = sup.locator("section[data-ticket='" + id + "'] table.timeline");
    for (String type : new String[] {"CREATED", "DISPATCHED", "CLAIMED", "RESULT_SUBMITTED", "RESULT_ACCEPTED", "REPLIED"}) {
      assertThat(history.locator("tr[data-event='" + type + "']")).hasCount(1);
    }
    assertThat(sup).hasURL(Pattern.compile("#/ticket/" + id + "$"));
    h.shot(sup, "ticket-page");

    Page yushu = h.login("h-yushu");
    yushu.navigate(h.base + "/#/ticket/" + id);
    assertThat(yushu.locator(".notice.err")).isVisible();
    assertThat(yushu.locator("section[data-ticket]")).hasCount(0);
    assertThat(yushu.locator("main")).not().containsText("孩子经常被父亲打");
    h.shot(yushu, "county-denied");
  }

  private static int count(Locator cell) {
    cell.waitFor();
    return Integer.parseInt(cell.textContent().trim());
  }
}
