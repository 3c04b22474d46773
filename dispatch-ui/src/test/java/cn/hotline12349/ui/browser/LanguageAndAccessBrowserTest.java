package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fit for work: keyboard-only login and form, an accessible name on every visible field, English with no Chinese
 * label left (user data aside), the language choice kept, and no phone number or child name in any URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LanguageAndAccessBrowserTest {
  /** Visible form fields without a label, aria-label, aria-labelledby or title. */
  static final String UNLABELLED = """
      () => [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden' && el.getClientRects().length > 0)
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
          && !el.getAttribute('aria-labelledby') && !el.title)
        .map((el) => el.id || el.name || el.outerHTML.slice(0, 80))""";
  /** Visible text with Chinese characters outside user data ([data-user]) and the language switch. */
  static final String CJK_LABELS = """
      () => {
        const out = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[data-user], #lang, script, style')) continue;
          if (el.tagName !== 'OPTION' && el.getClientRects().length === 0) continue;
          if (/[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef]/.test(n.textContent)) out.push(n.textContent.trim().slice(0, 60));
        }
        for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
          if (el.closest('[data-user]')) continue;
          for (const a of ['aria-label', 'placeholder', 'title']) {
            const v = el.getAttribute(a);
            if (v && /[\\u3400-\\u9fff]/.test(v)) out.push(a + ': ' + v.slice(0, 60));
          }
        }
        if (/[\\u3400-\\u9fff]/.test(document.title)) out.push('title: ' + document.title);
        return out;
      }""";
  /** Demo callers' numbers and children's names (DemoData) and this test's own. */
  static final List<String> PERSONAL = List.of("13897012345", "09718123456", "15809711234", "13997054321",
      "13709718888", "13800003333", "小明", "小花", "小军", "李小雨");

  private BrowserHarness h;
  private long ticketId;

  @BeforeAll
  void start() throws Exception {
    h = new BrowserHarness();
    JsonObject body = new JsonObject().put("callerNumber", "13800003333").put("callerRelation", "MOTHER")
        .put("category", "VIOLATION").put("subcategory", "BULLYING").put("severity", "NORMAL").put("narrative", "母亲反映孩子被高年级学生勒索。")
        .put("children", new JsonArray().add(new JsonObject().put("name", "李小雨").put("age", 10).put("countyCode", "630102")))
        .put("dispatchTo", "630102");
    ticketId = h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
    h.api("h-chengdong", "POST", "/api/tickets/" + ticketId + "/claim", new JsonObject());
  }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private static boolean focused(Page page, String selector) {
    return (Boolean) page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector);
  }

  /** Presses Tab until the element matching selector has focus: proves it is reachable by keyboard alone. */
  private static void tabTo(Page page, String selector) {
    for (int i = 0; i < 120 && !focused(page, selector); i++) page.keyboard().press("Tab");
    assertThat(focused(page, selector)).as("reached %s with Tab", selector).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Page page, String script) { return new ArrayList<>((List<String>) page.evaluate(script)); }

  @Test
  @Order(1)
  void keyboardOnlyLoginAndProgressNote() {
    Page page = h.open();
    assertThat(focused(page, "#username")).isTrue();
    page.keyboard().type("h-chengdong");
    page.keyboard().press("Tab");
    assertThat(focused(page, "#password")).isTrue();
    page.keyboard().type(BrowserHarness.PASSWORD);
    page.keyboard().press("Enter");
    assertThat(page).hasURL(Pattern.compile("#/county$"));

    tabTo(page, "tr[data-ticket-id='" + ticketId + "'] button");
    page.keyboard().press("Enter");
    assertThat(page.locator("section[data-ticket='" + ticketId + "']")).isVisible();
    tabTo(page, "section[data-ticket='" + ticketId + "'] [data-action=notes]");
    page.keyboard().press("Enter");
    assertThat(page.locator("form[data-form=notes]")).isVisible();
    assertThat(focused(page, "form[data-form=notes] textarea")).isTrue();
    page.keyboard().type("keyboard only note");
    tabTo(page, "form[data-form=notes] input[name=childContacted]");
    page.keyboard().press("Space");
    tabTo(page, "form[data-form=notes] button[type=submit]");
    page.keyboard().press("Enter");
    assertThat(page.locator("section[data-ticket='" + ticketId + "'] tr[data-event=NOTE_ADDED]")).containsText("keyboard only note");
    assertThat(page.locator("section[data-ticket='" + ticketId + "'] tr[data-event=NOTE_ADDED]")).containsText("已联系到儿童");
    page.context().close();
  }

  @Test
  @Order(2)
  void everyVisibleFieldHasAnAccessibleName() {
    Page login = h.open();
    assertThat(list(login, UNLABELLED)).as("login").isEmpty();
    login.context().close();

    Page county = h.login("h-chengdong");
    county.navigate(h.base + "/#/county/" + ticketId);
    for (String action : new String[] {"notes", "suspend", "result", "transfer"}) {
      county.locator("section[data-ticket='" + ticketId + "'] [data-action=" + action + "]").click();
      assertThat(county.locator("form[data-form=" + action + "]")).isVisible();
      assertThat(list(county, UNLABELLED)).as("county, %s form", action).isEmpty();
    }
    county.context().close();

    for (String[] screen : new String[][] {{"op-xining", "operator"}, {"sup-xining", "review"}, {"prov", "board"}}) {
      Page page = h.login(screen[0]);
      page.navigate(h.base + "/#/" + screen[1]);
      page.locator("main h2").first().waitFor();
      page.waitForLoadState();
      assertThat(list(page, UNLABELLED)).as(screen[1]).isEmpty();
      page.context().close();
    }
  }

  @Test
  @Order(3)
  void englishEverywhereAndTheChoiceIsKept() {
    Page page = h.open();
    page.locator("#lang").click();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#login-title")).hasText("Log in");
    assertThat(list(page, CJK_LABELS)).as("login").isEmpty();
    h.shot(page, "en-login");
    page.locator("#username").fill("h-chengdong");
    page.locator("#password").fill(BrowserHarness.PASSWORD);
    page.locator("#password").press("Enter");
    assertThat(page).hasURL(Pattern.compile("#/county$"));
    page.navigate(h.base + "/#/county/" + ticketId);
    page.reload();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("section[data-ticket='" + ticketId + "'] table.timeline")).isVisible();
    page.locator("section[data-ticket='" + ticketId + "'] [data-action=notes]").click();
    assertThat(list(page, CJK_LABELS)).as("county workbench").isEmpty();
    h.shot(page, "en-county");
    page.navigate(h.base + "/#/ticket/" + ticketId);
    assertThat(page.locator("section[data-ticket='" + ticketId + "'] table.timeline")).isVisible();
    assertThat(list(page, CJK_LABELS)).as("ticket page").isEmpty();
    h.shot(page, "en-ticket");
    page.context().close();

    for (String[] screen : new String[][] {{"op-xining", "operator"}, {"sup-xining", "review"}, {"prov", "board"}}) {
      Page p = h.login(screen[0]);
      p.locator("#lang").click();
      assertThat(p.locator("html")).hasAttribute("lang", "en");
      p.navigate(h.base + "/#/" + screen[1] + (screen[1].equals("review") ? "/" + ticketId : ""));
      p.locator("main h2").first().waitFor();
      if (screen[1].equals("review")) assertThat(p.locator("section[data-ticket='" + ticketId + "']")).isVisible();
      p.waitForTimeout(300); // lets late panels (abandoned calls, board tiles) finish drawing before reading labels
      assertThat(list(p, CJK_LABELS)).as(screen[1]).isEmpty();
      h.shot(p, "en-" + screen[1]);
      p.context().close();
    }
  }

  @Test
  @Order(4)
  void timesAreShanghaiTimesWhateverTheBrowsersZone() {
    String created = h.api("sup-xining", "GET", "/api/tickets/" + ticketId, null).getString("createdAt");
    String expected = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm")
        .format(Instant.parse(created).atZone(ZoneId.of("Asia/Shanghai")));
    Page page = h.open("America/New_York");
    page.locator("#username").fill("sup-xining");
    page.locator("#password").fill(BrowserHarness.PASSWORD);
    page.locator("#password").press("Enter");
    assertThat(page.locator("#logout")).isVisible();
    page.navigate(h.base + "/#/ticket/" + ticketId);
    assertThat(page.locator("section[data-ticket='" + ticketId + "'] tr[data-event=CREATED] td").first()).hasText(expected);
    page.context().close();
  }

  @Test
  @Order(5)
  void noPersonalDataInAnyUrl() {
    assertThat(h.urls).hasSizeGreaterThan(20);
    for (String url : h.urls) {
      String decoded = URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
      for (String p : PERSONAL) assertThat(decoded).as("URL %s", url).doesNotContain(p);
    }
  }
}
