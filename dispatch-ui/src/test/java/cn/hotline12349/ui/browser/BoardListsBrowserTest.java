package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.generate.GenerateTickets;
import cn.hotline12349.core.testing.MutableClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every number on the province board opens the list behind it, and that list's total is the number: on 10,000
 * generated tickets (the server's clock held at the generator's instant, so no clock changes state meanwhile), for
 * the province KPIs, a prefecture row, the busiest county row, each stage × state cell of CLAIM and RESULT, the
 * overdue and due-soon lists' totals, a tile's two links and the map tooltip's two links, the number is clicked in Chromium at 1366×768 and the list's bounded count
 * read.
 */
class BoardListsBrowserTest {
  private static final Pattern COUNT = Pattern.compile("([0-9][0-9,]*)(\\+?)");

  @Test
  void eachBoardNumberOpensAListOfThatSize() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (BrowserHarness h = new BrowserHarness(clock)) {
      System.out.println(GenerateTickets.load(h.db.config(), 10_000, clock.instant()));
      Page page = h.login("prov");
      assertThat(page.locator("[data-kpi=overdue] a")).isVisible();
      page.locator("[data-pref='630100']").click();
      assertThat(page.locator("[data-board=counties] tr[data-org='630102']")).isVisible();

      List<String> cells = new ArrayList<>(List.of("[data-kpi=open] a", "[data-kpi=overdue] a", "[data-kpi=dueSoon] a",
          "[data-kpi=paused] a"));
      for (String s : List.of("DISPATCHED", "CLAIMED", "IN_PROGRESS", "SUSPENDED", "OVERDUE", "TOTAL")) {
        cells.add("[data-cell='630100-" + s + "'] a");
      }
      // The county of Xining with the most open tickets (the counties' numbers are small: pick the one that has some).
      String busiest = (String) page.evaluate("() => [...document.querySelectorAll('[data-board=counties] tr[data-org]')]"
          + ".map(r => [r.dataset.org, Number(r.querySelector('[data-cell$=\"-TOTAL\"]').textContent)])"
          + ".sort((a, b) => b[1] - a[1])[0][0]");
      for (String s : List.of("DISPATCHED", "CLAIMED", "IN_PROGRESS", "OVERDUE", "TOTAL")) {
        cells.add("[data-cell='" + busiest + "-" + s + "'] a");
      }
      for (String stage : List.of("CLAIM", "RESULT")) {
        for (String state : List.of("ON_TIME", "WARNED", "OVERDUE", "PAUSED")) cells.add("[data-sla-cell='" + stage + "-" + state + "'] a");
      }
      cells.add("[data-sla-cell='DISPATCH-OVERDUE'] a");
      cells.add("[data-list-total=overdue] a"); // the overdue list shows its first 100; its heading counts them all
      cells.add("[data-list-total=dueSoon] a");
      long nonZero = 0;
      for (String cell : cells) {
        Locator link = page.locator(cell);
        assertThat(link).isVisible();
        long n = Long.parseLong(link.textContent().trim());
        if (n > 0) nonZero++;
        System.out.println("board number " + cell + " = " + n);
        String view = link.getAttribute("data-list-view");
        link.click();
        assertListTotal(page, view, n, cell);
        page.goBack();
        assertThat(page.locator("[data-kpi=overdue] a")).isVisible();
      }
      assertThat(nonZero).as("most sampled numbers are not 0 on generated data").isGreaterThan(cells.size() / 2);

      // Small counts do not vanish in the chart: every non-zero count of stage × state has a bar at least 3 px high.
      assertThat(page.locator("#stage-chart[data-renderer=echarts] svg")).isVisible();
      @SuppressWarnings("unchecked")
      List<List<Object>> bars = (List<List<Object>>) page.evaluate("() => { const c = echarts.getInstanceByDom(document.getElementById('stage-chart'));"
          + " const out = []; c.getModel().eachSeries((s) => { const d = s.getData();"
          + " for (let i = 0; i < d.count(); i++) { const v = d.get('y', i) ?? d.getRawValue(i);"
          + " if (v > 0) out.push([s.name, i, v, Math.abs(d.getItemLayout(i).height)]); } }); return out; }");
      assertThat(bars).as("non-zero bars").isNotEmpty();
      System.out.println("stage chart bars [series, stage, count, px]: " + bars);
      for (List<Object> b : bars) assertThat(((Number) b.get(3)).doubleValue()).as("bar %s", b).isGreaterThanOrEqualTo(3.0);

      // A tile: its overdue number opens the overdue clocks, its open number the open tickets.
      Locator tile = page.locator("[data-pref='630100']");
      long tileOverdue = Long.parseLong(tile.getAttribute("data-overdue"));
      String tileOverdueHref = page.locator("[data-tile-list='630100']").getAttribute("href");
      page.locator("[data-tile-list='630100']").click();
      assertListTotal(page, "clocks", tileOverdue, "tile overdue");
      page.goBack();
      Locator tileOpen = page.locator("[data-tile-open='630100']");
      assertThat(tileOpen).isVisible();
      String tileOpenHref = tileOpen.getAttribute("href");
      long tileOpenN = Long.parseLong(tileOpen.textContent().replaceAll("[^0-9]", ""));
      tileOpen.click();
      assertListTotal(page, "tickets", tileOpenN, "tile open");
      page.goBack();

      // The map's tooltip of Xining carries the same two numbers, each a link to the same list.
      assertThat(page.locator("#board-map[data-renderer=echarts] svg")).isVisible();
      int index = ((Number) page.evaluate("() => JSON.parse(document.getElementById('board-map').dataset.regions)"
          + ".findIndex(r => r.code === '630100')")).intValue();
      page.evaluate("i => window.echarts.getInstanceByDom(document.getElementById('board-map'))"
          + ".dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i })", index);
      Locator tipOverdue = page.locator("#board-map [data-map-link=overdue][data-map-code='630100']");
      Locator tipOpen = page.locator("#board-map [data-map-link=open][data-map-code='630100']");
      assertThat(tipOverdue).hasText(String.valueOf(tileOverdue));
      assertThat(tipOpen).hasText(String.valueOf(tileOpenN));
      assertThat(tipOverdue).hasAttribute("href", tileOverdueHref);
      assertThat(tipOpen).hasAttribute("href", tileOpenHref);
      tipOpen.dispatchEvent("click");
      assertListTotal(page, "tickets", tileOpenN, "map tooltip open");
      h.shot(page, "board-list-open");
    }
  }

  /**
   * An administrator reads no case data (CaseDataFence: the ticket list and a ticket answer 403): on the board the
   * ticket numbers and refs are plain text whose tooltip says why, in either language, and no 督办 button; the clock
   * counts still open their lists (open to administrators), whose refs are plain too. Nothing the page does is refused.
   */
  @Test
  void anAdministratorGetsTicketNumbersAsTextSayingWhy() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (BrowserHarness h = new BrowserHarness(clock)) {
      clock.advance(Duration.ofHours(5)); // the demo tickets' claim clocks are overdue by now
      Page page = h.open();
      List<String> refused = new CopyOnWriteArrayList<>();
      page.onResponse(r -> { if (r.status() == 403) refused.add(r.request().method() + " " + r.url()); });
      page.locator("#username").fill("admin");
      page.locator("#password").fill(BrowserHarness.PASSWORD);
      page.locator("#password").press("Enter");
      String why = "仅办案角色可打开工单及其列表：系统管理员不查阅案件数据";
      Locator open = page.locator("[data-kpi=open]");
      assertThat(open.locator("[data-no-case-link]")).hasAttribute("title", why);
      assertThat(open.locator("[data-no-case-link]")).hasText(Pattern.compile("^[0-9]+$"));
      assertThat(open.locator("a")).hasCount(0);
      assertThat(page.locator("[data-board=prefectures] [data-cell='630100-TOTAL'] [data-no-case-link]")).hasAttribute("title", why);
      assertThat(page.locator("[data-board=prefectures] [data-cell='630100-DISPATCHED'] [data-no-case-link]")).isVisible();
      assertThat(page.locator("[data-tile-open='630100'] [data-no-case-link]")).hasAttribute("title", why);
      Locator overdueRow = page.locator("[data-list=overdue] tr[data-ticket-id]").first();
      assertThat(overdueRow).isVisible();
      assertThat(overdueRow.locator("td").first().locator("[data-no-case-link]")).hasAttribute("title", why);
      assertThat(page.locator("#view a[href^='#/ticket']")).hasCount(0); // neither #/tickets/… nor #/ticket/<id>
      assertThat(page.locator("[data-action=supervise]")).hasCount(0);
      // The map's tooltip: the open number plain with the reason, the overdue number still a link to its clocks.
      assertThat(page.locator("#board-map[data-renderer=echarts] svg")).isVisible();
      int index = ((Number) page.evaluate("() => JSON.parse(document.getElementById('board-map').dataset.regions)"
          + ".findIndex(r => r.code === '630100')")).intValue();
      page.evaluate("i => window.echarts.getInstanceByDom(document.getElementById('board-map'))"
          + ".dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i })", index);
      assertThat(page.locator("#board-map [data-no-case-link][data-map-code='630100']")).hasAttribute("title", why);
      assertThat(page.locator("#board-map [data-map-link=open]")).hasCount(0);
      assertThat(page.locator("#board-map [data-map-link=overdue][data-map-code='630100']")).isVisible();
      h.shot(page, "board-admin");

      // A clock count opens its list (administrators may read it); the refs there are plain too.
      Locator overdue = page.locator("[data-kpi=overdue] a");
      long n = Long.parseLong(overdue.textContent().trim());
      assertThat(n).as("overdue clocks of the demo data").isPositive();
      overdue.click();
      assertListTotal(page, "clocks", n, "admin overdue clocks");
      assertThat(page.locator("[data-route=clocks] a[href^='#/ticket']")).hasCount(0);
      assertThat(page.locator("[data-route=clocks] tbody tr td:first-child [data-no-case-link]").first()).hasAttribute("title", why);
      page.goBack();

      page.locator("#lang").click();
      assertThat(page.locator("[data-kpi=open] [data-no-case-link]")).hasAttribute("title",
          "Only case roles can open tickets and their lists: administrators do not read case data");
      assertThat(page.locator("#view a[href^='#/ticket']")).hasCount(0);
      assertThat(refused).as("requests refused with 403").isEmpty();
    }
  }

  /** The list's count (exact up to 10,000, then "10,000+") is the board's number. */
  private static void assertListTotal(Page page, String view, long n, String what) {
    Locator count = page.locator("[data-route=" + view + "] [data-count]");
    assertThat(count).containsText(Pattern.compile("[0-9]"));
    Matcher m = COUNT.matcher(count.textContent());
    assertThat(m.find()).as(what).isTrue();
    long shown = Long.parseLong(m.group(1).replace(",", ""));
    boolean capped = !m.group(2).isEmpty();
    assertThat(shown).as(what + " → " + page.url()).isEqualTo(Math.min(n, 10_000));
    assertThat(capped).as(what).isEqualTo(n > 10_000);
    if (n > 0) assertThat(page.locator("[data-route=" + view + "] table tbody tr").first()).isVisible();
    assertThat(page.locator("[data-route=" + view + "]")).not().containsText("null");
  }
}
