package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The operator's desk at 1366x768: everything for a call on one screen, the call done by keyboard alone. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorDeskBrowserTest {
  /** The fields of the common call and the actions; each must be inside the 1366x768 viewport without scrolling. */
  static final List<String> MAIN = List.of("#tf-caller", "#tf-relation", "#tf-child-0-name", "#tf-child-0-age",
      "#tf-child-0-gender", "#tf-child-0-county", "#tf-child-0-address", "#tf-narrative", "#suggestion",
      "#tf-category", "#tf-subcategory", "#tf-severity", "#tf-dispatch", "#create-dispatch", "#create-only",
      "#resolve-intake", "#shortcuts");

  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @Test
  void theIntakeFormFitsA1366x768ScreenWithTheSuggestionBesideTheNotesInChineseAndEnglish() {
    Page op = h.desk("op-xining");
    op.locator("#tf-narrative").fill("邻居说孩子被父亲用皮带打，身上有伤");
    assertThat(op.locator("#apply-suggestion")).isVisible();
    for (String lang : List.of("zh-CN", "en")) {
      if (!lang.equals(op.evaluate("document.documentElement.lang"))) {
        op.locator("#lang").click();
        assertThat(op.locator("html")).hasAttribute("lang", lang);
        op.locator("#ticket-form").waitFor();
        op.locator("#tf-narrative").fill("邻居说孩子被父亲用皮带打，身上有伤");
        assertThat(op.locator("#apply-suggestion")).isVisible();
      }
      assertThat(((Number) op.evaluate("document.scrollingElement.scrollTop")).intValue()).isZero();
      for (String sel : MAIN) {
        BoundingBox b = op.locator(sel).boundingBox();
        assertThat(b).as("%s is laid out (%s)", sel, lang).isNotNull();
        assertThat(b.y).as("%s top (%s)", sel, lang).isGreaterThanOrEqualTo(0);
        assertThat(b.y + b.height).as("%s bottom within 768 px (%s)", sel, lang).isLessThanOrEqualTo(768);
        assertThat(b.x + b.width).as("%s right edge within 1366 px (%s)", sel, lang).isLessThanOrEqualTo(1366);
      }
      BoundingBox notes = op.locator("#tf-narrative").boundingBox();
      BoundingBox suggestion = op.locator("#suggestion").boundingBox();
      assertThat(suggestion.x).as("the suggestion is right of the notes").isGreaterThan(notes.x + notes.width);
      assertThat(suggestion.y).as("and beside them").isLessThan(notes.y + notes.height);
      BoundingBox apply = op.locator("#apply-suggestion").boundingBox();
      assertThat(apply.y + apply.height).as("the suggestion's button is not scrolled away in its box")
          .isLessThanOrEqualTo(suggestion.y + suggestion.height);
      assertThat(op.locator("#shortcuts [data-key='Alt+N']")).isVisible();
      h.shot(op, "operator-1366x768-" + lang);
    }
    op.locator("#lang").click();
    assertThat(op.locator("html")).hasAttribute("lang", "zh-CN");
  }

  @Test
  void aWholeCallByKeyboardAloneCreatesAndDispatchesTheTicket() {
    Page op = h.desk("op-xining");
    // The relation is a choice of exactly the server's codes (config/caller-relations.yaml), not free text.
    Object offered = op.evaluate("() => [...document.querySelectorAll('#tf-relation option')].map((o) => o.value).filter(Boolean)");
    List<String> codes = h.api("op-xining", "GET", "/api/intake/relations", null).getJsonArray("relations").stream()
        .map(o -> ((JsonObject) o).getString("code")).toList();
    assertThat(offered).isEqualTo(codes);
    assertThat(op.locator("#tf-relation option[value=NEIGHBOUR]")).hasText("邻居");
    var keys = op.keyboard();
    keys.press("Alt+N");
    assertThat(op.locator("#tf-caller")).isFocused();
    keys.type("13912345678");
    keys.press("Tab");
    assertThat(op.locator("#tf-relation")).isFocused();
    arrowUntil(op, "#tf-relation", "NEIGHBOUR");
    keys.press("Tab");
    assertThat(op.locator("#tf-child-0-name")).isFocused();
    keys.type("马小军");
    keys.press("Tab");
    keys.type("9");
    keys.press("Tab");
    arrowUntil(op, "#tf-child-0-gender", "MALE");
    keys.press("Tab");
    arrowUntil(op, "#tf-child-0-county", "630102");
    keys.press("Tab");
    assertThat(op.locator("#tf-child-0-address")).isFocused();
    keys.type("城东区某小区");
    keys.press("Alt+J");
    assertThat(op.locator("#tf-narrative")).isFocused();
    keys.type("邻居说孩子被父亲用皮带打，身上有伤");
    assertThat(op.locator("#apply-suggestion")).isVisible();
    String suggested = op.locator("[data-suggested-category]").getAttribute("data-suggested-category");
    String suggestedSub = op.locator("[data-suggested-subcategory]").getAttribute("data-suggested-subcategory");
    keys.press("Alt+A");
    assertThat(op.locator("#tf-category")).hasValue(suggested);
    assertThat(op.locator("#tf-subcategory")).hasValue(suggestedSub);
    assertThat(op.locator("#tf-dispatch")).hasValue("630102");
    keys.press("Alt+M");
    assertThat(op.locator("#tf-severity")).hasValue("EMERGENCY");
    keys.press("Alt+P");
    Locator created = op.locator("#form-status [data-created-id]");
    assertThat(created).isVisible();
    long id = Long.parseLong(created.getAttribute("data-created-id"));

    JsonObject tk = h.api("prov", "GET", "/api/tickets/" + id, null);
    assertThat(tk.getString("status")).isEqualTo("DISPATCHED");
    assertThat(tk.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(tk.getString("category")).isEqualTo(suggested);
    assertThat(tk.getString("subcategory")).isEqualTo(suggestedSub);
    assertThat(tk.getString("callerRelation")).isEqualTo("NEIGHBOUR");
    assertThat(tk.getString("countyCode")).isEqualTo("630102");
    assertThat(tk.getString("narrative")).isEqualTo("邻居说孩子被父亲用皮带打，身上有伤");
    JsonObject child = tk.getJsonArray("children").getJsonObject(0);
    assertThat(child.getString("name")).isEqualTo("马小军");
    assertThat(child.getInteger("age")).isEqualTo(9);
    assertThat(child.getString("gender")).isEqualTo("MALE");
    assertThat(child.getString("address")).isEqualTo("城东区某小区");
    // The form is empty again for the next call, and Alt+N starts it.
    assertThat(op.locator("#tf-narrative")).hasValue("");
    keys.press("Alt+N");
    assertThat(op.locator("#tf-caller")).isFocused();
  }

  @Test
  void typedTextSurvivesAReloadForThatUserOnlyAndCreatingTheTicketClearsIt() {
    Page op = h.desk("op-xining");
    String notes = "老师说孩子最近常常一个人在家，没有大人照看";
    op.locator("#tf-relation").selectOption("TEACHER");
    op.locator("#tf-child-0-name").fill("赵小雨");
    op.locator("#tf-narrative").fill(notes);
    op.waitForFunction("() => (localStorage.getItem('hotline.intakeDraft.op-xining') || '').includes('赵小雨')");
    op.reload();
    op.locator("#ticket-form").waitFor();
    assertThat(op.locator("#tf-narrative")).hasValue(notes);
    assertThat(op.locator("#tf-child-0-name")).hasValue("赵小雨");
    assertThat(op.locator("#tf-relation")).hasValue("TEACHER");
    assertThat(op.locator("#draft-restored")).isVisible();

    // Another user of the same browser does not get it.
    BrowserHarness.switchUser(op, "sup-xining");
    op.navigate(h.base + "/#/operator");
    op.locator("#ticket-form").waitFor();
    assertThat(op.locator("#tf-narrative")).hasValue("");
    assertThat(op.locator("#draft-restored")).hasCount(0);
    BrowserHarness.switchUser(op, "op-xining");
    op.navigate(h.base + "/#/operator");
    assertThat(op.locator("#tf-narrative")).hasValue(notes);

    BrowserHarness.fillChild(op, "10", "FEMALE", "630102");
    BrowserHarness.fillClass(op, "LIFE_DIFFICULTY", "UNATTENDED", "NORMAL");
    op.locator("#create-only").click();
    Locator created = op.locator("#form-status [data-created-id]");
    assertThat(created).isVisible();
    JsonObject tk = h.api("prov", "GET", "/api/tickets/" + created.getAttribute("data-created-id"), null);
    assertThat(tk.getString("narrative")).isEqualTo(notes);
    assertThat(tk.getString("callerRelation")).isEqualTo("TEACHER");
    assertThat(op.evaluate("() => localStorage.getItem('hotline.intakeDraft.op-xining')")).isNull();
    op.reload();
    op.locator("#ticket-form").waitFor();
    assertThat(op.locator("#tf-narrative")).hasValue("");

    // Discarding is explicit and also forgets it.
    op.locator("#tf-narrative").fill("打错了");
    op.waitForFunction("() => (localStorage.getItem('hotline.intakeDraft.op-xining') || '').includes('打错了')");
    op.locator("#discard-draft").click();
    assertThat(op.locator("#tf-narrative")).hasValue("");
    assertThat(op.evaluate("() => localStorage.getItem('hotline.intakeDraft.op-xining')")).isNull();
  }

  /**
   * A call's draft kept on the server (V180 intake_drafts) comes back with the screen-pop of that call: on another
   * browser of the same operator (another desk: nothing local there), and on the first one after a reload that lost its
   * local copy. The typed text is back in the intake form, and creating the ticket for the call ends the server draft.
   */
  @Test
  void aServerDraftOfACallComesBackWithTheScreenPopOnAnotherDeskAndAfterAReload() throws Exception {
    String call = "desk-draft-" + System.nanoTime();
    JsonObject pop = new JsonObject().put("callId", call).put("callerNumber", "13912340000").put("queue", "630100");
    Page first = h.desk("op-xining");
    assertThat(first.locator("#live")).hasAttribute("data-state", "on");
    h.vertx.eventBus().publish("hotline.ui.operator.op-xining", pop);
    assertThat(first.locator("#tf-caller")).hasValue("13912340000");
    String notes = "奶奶打电话说孙子三天没回家了，手机也关机";
    first.locator("#tf-child-0-name").fill("李小航");
    first.locator("#tf-narrative").fill(notes);
    String saved = waitForServerDraft(call, "李小航");
    assertThat(saved).contains(notes);

    // Another desk: a fresh browser context of the same user (no local draft), the same call popped there.
    Page second = h.desk("op-xining");
    assertThat(second.locator("#live")).hasAttribute("data-state", "on");
    assertThat(second.locator("#tf-narrative")).hasValue("");
    assertThat((Object) second.evaluate("() => localStorage.getItem('hotline.intakeDraft.op-xining')")).isNull();
    h.vertx.eventBus().publish("hotline.ui.operator.op-xining", pop);
    assertThat(second.locator("#tf-narrative")).hasValue(notes);
    assertThat(second.locator("#tf-child-0-name")).hasValue("李小航");
    assertThat(second.locator("#draft-restored")).isVisible();
    assertThat(first.locator("#tf-narrative")).hasValue(notes); // the desk that typed it keeps its text
    second.context().close();

    // The first desk after a reload that lost its local copy (a crashed tab, a cleared profile).
    first.evaluate("() => localStorage.removeItem('hotline.intakeDraft.op-xining')");
    first.reload();
    first.locator("#ticket-form").waitFor();
    assertThat(first.locator("#tf-narrative")).hasValue("");
    assertThat(first.locator("#live")).hasAttribute("data-state", "on");
    h.vertx.eventBus().publish("hotline.ui.operator.op-xining", pop);
    assertThat(first.locator("#tf-narrative")).hasValue(notes);
    assertThat(first.locator("#tf-child-0-name")).hasValue("李小航");

    // Creating the ticket for that call ends the server draft.
    first.locator("#tf-relation").selectOption("GRANDPARENT");
    BrowserHarness.fillChild(first, "12", "MALE", "630102");
    BrowserHarness.fillClass(first, "LIFE_DIFFICULTY", "UNATTENDED", "HIGH");
    first.locator("#create-only").click();
    assertThat(first.locator("#form-status [data-created-id]")).isVisible();
    for (int i = 0; i < 50 && serverDraft(call) != null; i++) Thread.sleep(100);
    assertThat(serverDraft(call)).as("no server draft once the ticket is created").isNull();
  }

  /** The operator's server draft of the call, or null when there is none. */
  private String serverDraft(String call) {
    try {
      return h.api("op-xining", "GET", "/api/intake/drafts/" + call, null).getJsonObject("draft").encode();
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("-> 404")) return null;
      throw e;
    }
  }

  /** Waits (up to 10 s: the form pushes at most every 2 s) for the server draft to hold {@code text}. */
  private String waitForServerDraft(String call, String text) throws InterruptedException {
    String d = null;
    for (int i = 0; i < 100; i++) {
      d = serverDraft(call);
      if (d != null && d.contains(text)) return d;
      Thread.sleep(100);
    }
    throw new AssertionError("the server draft of " + call + " never held " + text + ": " + d);
  }

  /** Moves a focused, closed select down by the keyboard until it shows the wanted value. */
  private static void arrowUntil(Page page, String select, String value) {
    Locator el = page.locator(select);
    assertThat(el).isFocused();
    for (int i = 0; i < 60 && !value.equals(el.inputValue()); i++) page.keyboard().press("ArrowDown");
    assertThat(el).hasValue(value);
  }
}
