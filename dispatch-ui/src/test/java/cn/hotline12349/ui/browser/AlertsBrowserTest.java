package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An emergency dispatched to a county alerts its handler at once: tone, desktop notification, title count. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsBrowserTest {
  /** Records what the page asks of the notification and audio APIs (headless Chromium shows and plays nothing). */
  private static final String SPIES = """
      window.__notes = []; window.__tones = 0;
      window.Notification = class { constructor(title, o) { window.__notes.push({ title, body: o && o.body }); }
        close() {} static get permission() { return 'granted'; } static requestPermission() { return Promise.resolve('granted'); } };
      const Real = window.AudioContext;
      window.AudioContext = class extends Real { createOscillator() { const o = super.createOscillator();
        const s = o.start.bind(o); o.start = (w) => { window.__tones++; s(w); }; return o; } };
      """;
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private long ticket(String severity, String county) {
    JsonObject body = new JsonObject().put("callerNumber", "13800002222").put("callerRelation", "NEIGHBOUR")
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", severity)
        .put("narrative", "邻居听到孩子一直哭喊。")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小宝").put("age", 5).put("countyCode", county)))
        .put("dispatchTo", county);
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }

  @Test
  void anEmergencyForMyCountyAlertsWithinASecondUntilAcknowledged() {
    Page p = h.login("h-chengdong", SPIES);
    assertThat(p.locator("#live")).hasAttribute("data-state", "on");

    ticket("HIGH", "630102"); // not an emergency: no alert
    long other = ticket("EMERGENCY", "632701"); // another county's emergency: never pushed here
    long id = ticket("EMERGENCY", "630102");
    LocatorAssertions.IsVisibleOptions fast = new LocatorAssertions.IsVisibleOptions().setTimeout(1000);
    assertThat(p.locator("#alerts li[data-kind=emergency]")).isVisible(fast);
    assertThat(p.locator("#alerts li")).hasCount(1);
    assertThat(p.locator("#alerts")).containsText("#" + id);
    assertThat(p.locator("#alerts")).not().containsText("#" + other);
    assertThat(p.locator("#alerts")).not().containsText("null");
    assertThat(p).hasTitle(Pattern.compile("^\\(1\\) "));
    @SuppressWarnings("unchecked")
    List<Object> notes = (List<Object>) p.evaluate("window.__notes");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).toString()).contains("#" + id).doesNotContain("小宝").doesNotContain("哭喊");
    assertThat(((Number) p.evaluate("window.__tones")).intValue()).isPositive();
    h.shot(p, "county-alert");

    p.locator("#alerts button.ack").click();
    assertThat(p.locator("#alerts")).isHidden();
    assertThat(p).hasTitle(Pattern.compile("^[^(]"));
    int tones = ((Number) p.evaluate("window.__tones")).intValue();
    p.waitForTimeout(4500); // one repeat interval: an acknowledged alert stays silent
    assertThat(((Number) p.evaluate("window.__tones")).intValue()).isEqualTo(tones);
  }

  /** A 督办 order to the county raises the same alert there, within a second, until acknowledged. */
  @Test
  void aSupervisionOrderToMyCountyAlertsWithinASecond() {
    Page p = h.login("h-chengdong", SPIES);
    assertThat(p.locator("#live")).hasAttribute("data-state", "on");
    long id = ticket("HIGH", "630102");
    p.waitForTimeout(500);
    assertThat(p.locator("#alerts li")).hasCount(0); // a new HIGH ticket is no alert

    h.api("prov", "POST", "/api/tickets/" + id + "/supervision",
        new JsonObject().put("targetOrg", "630102").put("reason", "群众反映强烈，请立即处置"));
    assertThat(p.locator("#alerts li[data-kind=supervision]")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
    assertThat(p.locator("#alerts")).containsText("#" + id);
    assertThat(p.locator("#alerts")).not().containsText("群众反映");
    assertThat(p).hasTitle(Pattern.compile("^\\(1\\) "));
    @SuppressWarnings("unchecked")
    List<Object> notes = (List<Object>) p.evaluate("window.__notes");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).toString()).contains("#" + id);
    p.locator("#alerts button.ack").click();
    assertThat(p.locator("#alerts")).isHidden();
    assertThat(p).hasTitle(Pattern.compile("^[^(]"));
  }
}
