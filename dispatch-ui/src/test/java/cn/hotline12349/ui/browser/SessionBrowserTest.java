package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions in the browser: an expired session (the server's clock moved past the 60-minute session length) sends the
 * user to the login page with a notice; logging in again returns to the same ticket with the open form and typed text;
 * another user logging in on that tab gets none of it; a deep link survives the login page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionBrowserTest {
  private final MutableClock clock = new MutableClock(Instant.now());
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(clock); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private long newTicket(String narrative) {
    JsonObject body = new JsonObject().put("callerNumber", "13800001111").put("callerRelation", "NEIGHBOUR")
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH").put("narrative", narrative)
        .put("children", new JsonArray().add(new JsonObject().put("age", 9).put("countyCode", "630102")))
        .put("dispatchTo", "630102");
    long id = h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
    h.api("h-chengdong", "POST", "/api/tickets/" + id + "/claim", new JsonObject());
    return id;
  }

  /**
   * Submits the open form on an expired session. Any other request of the page (a live redraw after an SLA event the
   * clock jump caused) may meet the 401 first and show the login page before the click lands; both paths must keep
   * the same state, so either is fine here.
   */
  private static void submitAfterExpiry(Page page, String form) {
    try {
      page.locator("form[data-form=" + form + "] button[type=submit]").click(new Locator.ClickOptions().setTimeout(3000));
    } catch (PlaywrightException e) {
      assertThat(page.locator("#login-notice")).isVisible();
    }
  }

  @Test
  void anExpiredSessionReturnsToTheSameFormWithTheTypedText() {
    long id = newTicket("会话过期测试一");
    Page page = h.login("h-chengdong");
    page.locator("tr[data-ticket-id='" + id + "'] button").click();
    assertThat(page).hasURL(Pattern.compile("#/county/" + id + "$"));
    Locator detail = page.locator("section[data-ticket='" + id + "']");
    detail.locator("[data-action=notes]").click();
    String typed = "已电话联系监护人，约定明早上门。";
    page.locator("form[data-form=notes] textarea").fill(typed);
    page.locator("form[data-form=notes] input[name=childContacted]").check();

    clock.advance(Duration.ofMinutes(61));
    submitAfterExpiry(page, "notes");

    assertThat(page.locator("#login-notice")).isVisible();
    assertThat(page).hasURL(Pattern.compile("#/login$"));
    assertThat(page.locator("#logout")).isHidden();
    h.shot(page, "session-expired");

    page.locator("#username").fill("h-chengdong");
    page.locator("#password").fill(BrowserHarness.PASSWORD);
    page.locator("#password").press("Enter");
    assertThat(page).hasURL(Pattern.compile("#/county/" + id + "$"));
    assertThat(page.locator("form[data-form=notes] textarea")).hasValue(typed);
    assertThat(page.locator("form[data-form=notes] input[name=childContacted]")).isChecked();

    page.locator("form[data-form=notes] button[type=submit]").click();
    assertThat(page.locator("section[data-ticket='" + id + "'] tr[data-event=NOTE_ADDED]")).hasCount(1);
    assertThat(page.locator("section[data-ticket='" + id + "'] table.timeline")).containsText(typed);
    assertThat(page.locator("form[data-form=notes]")).hasCount(0);
    page.context().close();
  }

  @Test
  void anotherUserOnTheSameTabGetsNeitherTheRouteNorTheText() {
    long id = newTicket("会话过期测试二");
    Page page = h.login("h-chengdong");
    page.navigate(h.base + "/#/county/" + id);
    page.locator("section[data-ticket='" + id + "'] [data-action=result]").click();
    page.locator("form[data-form=result] textarea").fill("不应泄露给下一位用户的办理结果");

    clock.advance(Duration.ofMinutes(61));
    submitAfterExpiry(page, "result");
    assertThat(page.locator("#login-notice")).isVisible();

    page.locator("#username").fill("h-yushu");
    page.locator("#password").fill(BrowserHarness.PASSWORD);
    page.locator("#password").press("Enter");
    assertThat(page).hasURL(Pattern.compile("#/county$"));
    assertThat(page.locator("form[data-form]")).hasCount(0);
    assertThat(page.locator("main")).not().containsText("不应泄露");
    assertThat((Object) page.evaluate("() => sessionStorage.getItem('hotline.resume')")).isNull();
    page.context().close();
  }

  @Test
  void aDeepLinkSurvivesTheLoginPageAndLogoutForgetsEverything() {
    long id = newTicket("深链接测试");
    Page page = h.open();
    page.navigate(h.base + "/#/ticket/" + id);
    assertThat(page).hasURL(Pattern.compile("#/login$"));
    page.locator("#username").fill("sup-xining");
    page.locator("#password").fill(BrowserHarness.PASSWORD);
    page.locator("#password").press("Enter");
    assertThat(page).hasURL(Pattern.compile("#/ticket/" + id + "$"));
    assertThat(page.locator("section[data-ticket='" + id + "']")).isVisible();

    page.locator("#logout").click();
    assertThat(page.locator("#username")).isVisible();
    assertThat(page.locator("#login-notice")).hasCount(0);
    page.reload();
    assertThat(page).hasURL(Pattern.compile("#/login$"));
    page.context().close();
  }
}
