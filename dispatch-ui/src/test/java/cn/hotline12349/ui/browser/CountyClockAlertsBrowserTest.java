package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.ticket.TicketEvents;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On the county workbench, a clock about to breach (its warning mark) and an escalation of a ticket of the county
 * alert the county's handler within a second of the server's SLA event (tone, desktop notification, title count),
 * until acknowledged; a handler of another county hears nothing of them. The server's clock is moved by hand and the
 * SLA scheduler (1 s poll) fires what became due.
 */
class CountyClockAlertsBrowserTest {
  /** As AlertsBrowserTest's spies, with each notification's tag and the wall time it was raised. */
  private static final String SPIES = """
      window.__notes = []; window.__tones = 0;
      window.Notification = class { constructor(title, o) { window.__notes.push({ title, body: o && o.body, tag: o && o.tag, at: Date.now() }); }
        close() {} static get permission() { return 'granted'; } static requestPermission() { return Promise.resolve('granted'); } };
      const Real = window.AudioContext;
      window.AudioContext = class extends Real { createOscillator() { const o = super.createOscillator();
        const s = o.start.bind(o); o.start = (w) => { window.__tones++; s(w); }; return o; } };
      """;
  private static final LocatorAssertions.IsVisibleOptions WITHIN_A_SECOND = new LocatorAssertions.IsVisibleOptions().setTimeout(1000);

  /** "TYPE:ticketId" → wall-clock millis when the server published that SLA news (first time). */
  private final Map<String, Long> published = new ConcurrentHashMap<>();
  private final AtomicLong lastSlaNews = new AtomicLong();

  @Test
  void aClockAboutToBreachAndAnEscalationAlertMyCountyOnly() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (BrowserHarness h = new BrowserHarness(clock)) {
      h.vertx.eventBus().<JsonObject>consumer(TicketEvents.CHANGED, m -> {
        String type = m.body().getString("type");
        if ("SLA_WARNING".equals(type) || "ESCALATED".equals(type)) {
          long now = System.currentTimeMillis();
          published.putIfAbsent(type + ":" + m.body().getLong("ticketId"), now);
          lastSlaNews.set(now);
        }
      });
      Page mine = handler(h, "h-chengdong");  // 城东区 630102
      Page other = handler(h, "h-yushu");     // 玉树市 632701

      long id = emergency(h, "630102"); // EMERGENCY: claim within 30 min, warned at 80 % (24 min), escalated at 30 min
      assertThat(mine.locator("#alerts li[data-kind=emergency]")).containsText("#" + id);
      mine.locator("#alerts button.ack").click();
      assertThat(mine.locator("#alerts")).isHidden();

      // (a) the clock reaches its warning point: "about to breach"
      clock.advance(Duration.ofMinutes(25));
      long warnedAt = serverNews(h, "SLA_WARNING", id);
      assertThat(mine.locator("#alerts li[data-kind=warning]", new Page.LocatorOptions().setHasText(ref(id)))).isVisible(WITHIN_A_SECOND);
      assertRaised(mine, "warning", id, warnedAt);
      quiet();
      acknowledge(mine);

      // (b) the claim deadline passes: escalated to the prefecture, still news for the county's own desk
      clock.advance(Duration.ofMinutes(6));
      long escalatedAt = serverNews(h, "ESCALATED", id);
      assertThat(mine.locator("#alerts li[data-kind=escalated]", new Page.LocatorOptions().setHasText(ref(id)))).isVisible(WITHIN_A_SECOND);
      assertRaised(mine, "escalated", id, escalatedAt);
      h.shot(mine, "county-alert-escalated");
      quiet();
      acknowledge(mine);
      int tones = ((Number) mine.evaluate("window.__tones")).intValue();
      mine.waitForTimeout(4500); // one repeat interval: an acknowledged alert stays silent
      assertThat(((Number) mine.evaluate("window.__tones")).intValue()).isEqualTo(tones);

      // Another county's handler: nothing of this ticket, ever (the push channel never carried it) ...
      assertThat(other.locator("#alerts li", new Page.LocatorOptions().setHasText(ref(id)))).hasCount(0);
      assertThat(notes(other)).noneMatch(n -> String.valueOf(n.get("tag")).endsWith("-" + id));
      // ... while that desk is live and does alert for its own county.
      long theirs = emergency(h, "632701");
      assertThat(other.locator("#alerts li[data-kind=emergency]", new Page.LocatorOptions().setHasText(ref(theirs)))).isVisible(WITHIN_A_SECOND);
      assertThat(notes(other)).noneMatch(n -> String.valueOf(n.get("tag")).endsWith("-" + id));
      mine.context().close();
      other.context().close();
    }
  }

  private static Page handler(BrowserHarness h, String user) {
    Page p = h.login(user, SPIES);
    assertThat(p.locator("#live")).hasAttribute("data-state", "on");
    return p;
  }

  private static long emergency(BrowserHarness h, String county) {
    JsonObject body = new JsonObject().put("callerNumber", "13800002222").put("callerRelation", "NEIGHBOUR")
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "EMERGENCY")
        .put("narrative", "邻居听到孩子一直哭喊。")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小宝").put("age", 5).put("countyCode", county)))
        .put("dispatchTo", county);
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }

  private static Pattern ref(long id) { return Pattern.compile("#" + id + "\\b"); }

  /** Waits (the scheduler polls each second) for the server to publish the news; its wall-clock time. */
  private long serverNews(BrowserHarness h, String type, long id) throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < until) {
      Long at = published.get(type + ":" + id);
      if (at != null) return at;
      Thread.sleep(20);
    }
    throw new AssertionError("the server published no " + type + " for ticket " + id);
  }

  /** The notification of this ticket and kind was raised within a second of the server's news, with a tone and the title count. */
  private static void assertRaised(Page p, String kind, long id, long serverAt) {
    Map<String, Object> note = notes(p).stream().filter(n -> ("hotline-" + kind + "-" + id).equals(n.get("tag")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " notification for #" + id));
    assertThat(String.valueOf(note.get("body"))).containsPattern(ref(id)).doesNotContain("小宝").doesNotContain("哭喊");
    long lag = ((Number) note.get("at")).longValue() - serverAt;
    System.out.printf("[alerts] %s of #%d notified %d ms after the server's news%n", kind, id, lag);
    assertThat(lag).as("notification %d ms after the server's %s", lag, kind).isLessThan(1000);
    assertThat(((Number) p.evaluate("window.__tones")).intValue()).isPositive();
    assertThat(p).hasTitle(Pattern.compile("^\\(\\d+\\) "));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> notes(Page p) { return (List<Map<String, Object>>) p.evaluate("window.__notes"); }

  /** The demo data's own clocks fire in the same sweep: acknowledge once the server has gone quiet for a second. */
  private void quiet() throws InterruptedException {
    while (System.currentTimeMillis() - lastSlaNews.get() < 1000) Thread.sleep(50);
  }

  private static void acknowledge(Page p) {
    p.locator("#alerts button.ack").click();
    assertThat(p.locator("#alerts")).isHidden();
    assertThat(p).hasTitle(Pattern.compile("^[^(]"));
  }
}
