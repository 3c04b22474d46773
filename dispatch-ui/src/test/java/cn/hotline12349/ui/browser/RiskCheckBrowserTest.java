package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The risk check by keyboard (issue 14): the notes pre-fill what they make clear, Alt+R and one key per question
 * answer the rest, a "no" against the notes is flagged, the answers are stored and shown with the ticket, and a
 * supervisor sees the suggestion's accuracy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskCheckBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @Test
  void answeredByKeyboardFlaggedAgainstTheNotesAndStoredWithTheTicket() {
    Page op = h.login("op-xining");
    op.locator("#tf-narrative").fill("孩子在电话里说想跳楼，爸妈出去打工了");
    assertThat(op.locator("#risk-check [data-question='SUICIDE_SELF_HARM'].prefilled input[value='YES']")).isChecked();
    assertThat(op.locator("#risk-check [data-question='SUICIDE_SELF_HARM'] .from-notes")).containsText("跳楼");

    // Alt+R, then one key per question: in danger N, injured N, alone Y, suicide N (against the notes), access N, young N
    op.locator("#tf-narrative").press("Alt+r");
    for (String key : new String[] {"n", "n", "y", "n", "n", "n"}) op.keyboard().press(key);
    assertThat(op.locator("#risk-check [data-question='ALONE_NO_CAREGIVER'] input[value='YES']")).isChecked();
    assertThat(op.locator("#risk-check [data-question='UNDER6_OR_DISABILITY'] input[value='NO']")).isChecked();
    assertThat(op.locator("#risk-disagreements [data-disagreement='SUICIDE_SELF_HARM']")).containsText("跳楼");
    assertThat(op.locator("#risk-level [data-risk-severity='HIGH']")).isVisible();
    // the digit of a question jumps back to it; Y answers it
    op.keyboard().press("Shift+Tab");
    op.keyboard().press("4");
    op.keyboard().press("y");
    assertThat(op.locator("#risk-check [data-question='SUICIDE_SELF_HARM'] input[value='YES']")).isChecked();
    assertThat(op.locator("#risk-disagreements [data-disagreement]")).hasCount(0);
    assertThat(op.locator("#risk-level [data-risk-severity='EMERGENCY']")).isVisible();
    h.shot(op, "intake-risk-check");

    op.locator("#tf-relation").selectOption("CHILD_SELF");
    op.locator("#tf-child-0-age").fill("13");
    op.locator("#tf-child-0-gender").selectOption("FEMALE");
    op.locator("#tf-child-0-county").selectOption("630102");
    op.locator("#tf-category").selectOption("PSYCHOLOGICAL");
    op.locator("#tf-subcategory").selectOption("SUICIDE_SELF_HARM");
    op.locator("#tf-severity").selectOption("HIGH");
    assertThat(op.locator("#downgrade-box")).isVisible();
    op.locator("#create-only").click();
    // the browser refuses the form while the reason is missing; nothing was created
    assertThat(op.locator("[data-created-id]")).hasCount(0);
    op.locator("#tf-severity").selectOption("EMERGENCY");
    op.locator("#create-only").click();
    String id = op.locator("[data-created-id]").getAttribute("data-created-id");
    JsonObject rc = h.api("op-xining", "GET", "/api/tickets/" + id, null).getJsonObject("riskCheck");
    assertThat(rc.getString("derivedSeverity")).isEqualTo("EMERGENCY");
    assertThat(rc.getJsonArray("answers").encode()).contains("{\"question\":\"ALONE_NO_CAREGIVER\"");

    op.navigate(h.base + "/#/ticket/" + id);
    assertThat(op.locator("#ticket-risk-check [data-question='SUICIDE_SELF_HARM'] [data-answer='YES']")).isVisible();
    assertThat(op.locator("#ticket-risk-check [data-question='INJURED_NEEDS_CARE'] [data-answer='NO']")).isVisible();
    h.shot(op, "intake-ticket-risk-check");

    Page sup = h.login("sup-xining");
    assertThat(sup.locator("#intake-accuracy [data-accuracy-category='PSYCHOLOGICAL']")).isVisible();
    h.shot(sup, "intake-accuracy");
  }
}
