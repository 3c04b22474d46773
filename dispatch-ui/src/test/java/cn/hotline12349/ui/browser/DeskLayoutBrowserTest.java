package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every main view at 1366x768 in English and in Chinese without clipped text, and every board number opening its list. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskLayoutBrowserTest {
  /**
   * Elements whose text must show whole: buttons, headers, table cells, labels, nav links, badges; and the panels
   * and scroll boxes, which must not hide columns sideways. Text cut on purpose (text-overflow: ellipsis, the whole
   * text in its title) and inline elements (no box of their own) are not judged.
   */
  static final String OVERFLOW_CHECK = """
      () => {
        const out = [];
        const sel = 'button, th, td, h1, h2, h3, h4, label, legend, nav a, .badge, .kpi, .panel, .scroll, .pref';
        for (const el of document.querySelectorAll(sel)) {
          if (!el.getClientRects().length) continue;
          const cs = getComputedStyle(el);
          if (cs.display === 'inline' || cs.textOverflow === 'ellipsis') continue;
          if (el.scrollWidth > el.clientWidth + 1) {
            out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} `
              + `"${(el.textContent || '').trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`);
          }
        }
        const doc = document.scrollingElement;
        if (doc.scrollWidth > window.innerWidth) out.push(`document ${doc.scrollWidth}>${window.innerWidth}`);
        return out;
      }""";

  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  /** The tab's icon is served (it was a 404), and opening the main views asks the server for nothing it lacks. */
  @Test
  void theFaviconIsServedAndNoMainViewRequestFails() {
    Page prov = h.open();
    List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
    prov.onResponse(r -> { if (r.status() >= 400) failed.add(r.status() + " " + r.url()); });
    String icon = (String) prov.evaluate("() => document.querySelector('link[rel=icon]').href");
    var res = prov.request().get(icon);
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.headers().get("content-type")).startsWith("image/svg+xml");
    assertThat(new String(res.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");
    prov.locator("#username").fill("prov");
    prov.locator("#password").fill(BrowserHarness.PASSWORD);
    prov.locator("#password").press("Enter");
    assertThat(prov.locator("[data-kpi=open] a")).isVisible();
    for (String view : List.of("tickets", "stats", "partners", "review")) {
      prov.navigate(h.base + "/#/" + view);
      prov.locator("[data-route=" + view + "]").waitFor();
      prov.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    }
    assertThat(failed).as("responses >= 400").isEmpty();
  }

  @Test
  void noMainViewClipsItsTextInEnglishAt1366() { assertNothingClipped(true); }

  @Test
  void noMainViewClipsItsTextInChineseAt1366() { assertNothingClipped(false); }

  private void assertNothingClipped(boolean english) {
    String lang = english ? "en" : "zh-CN";
    long id = claimedTicket();
    // user, route, an element that tells the view has its data
    List<String[]> views = List.of(
        new String[] {"op-xining", "operator", "#ticket-form"},
        new String[] {"op-xining", "tickets", "table[data-list=tickets]"},
        new String[] {"h-chengdong", "county/" + id, "section[data-ticket='" + id + "']"},
        new String[] {"sup-xining", "review", "#view h2"},
        new String[] {"prov", "board", "table[data-board=counties]"},
        new String[] {"prov", "clocks/org%3D630000%26state%3DON_TIME", "table[data-list=clocks]"},
        new String[] {"prov", "tickets", "table[data-list=tickets]"},
        new String[] {"prov", "stats", "#view h2"},
        new String[] {"prov", "ticket/" + id, "section[data-ticket='" + id + "']"});
    StringBuilder problems = new StringBuilder();
    for (String[] v : views) {
      Page page = h.login(v[0]);
      if (english) page.locator("#lang").click(); // Chinese is the default
      assertThat(page.locator("html")).hasAttribute("lang", lang);
      page.navigate(h.base + "/#/" + v[1]);
      page.locator(v[2]).first().waitFor();
      page.waitForTimeout(300); // charts and display names settle
      h.shot(page, lang + "-1366-" + v[1].replaceAll("[/%]", "-"));
      @SuppressWarnings("unchecked")
      List<String> bad = (List<String>) page.evaluate(OVERFLOW_CHECK);
      if (!bad.isEmpty()) problems.append(v[1]).append(" as ").append(v[0]).append(": ").append(bad).append('\n');
      if (v[1].equals("tickets") || v[1].startsWith("clocks")) {
        // A list's first rows are on the screen, under its filters, and no empty pager button shows as "null".
        var row = page.locator("#view table tbody tr").first().boundingBox();
        if (row == null || row.y + row.height > 768) problems.append(v[1]).append(" as ").append(v[0]).append(": first row below the fold\n");
        if (page.locator("#view").innerText().contains("null")) problems.append(v[1]).append(": shows \"null\"\n");
        if (english && v[1].startsWith("clocks") && page.locator("#view").innerText().matches("(?s).*\\p{IsHan}.*")) {
          problems.append(v[1]).append(": Chinese text in English\n"); // the clock list holds codes and refs only
        }
      }
      page.context().close();
    }
    assertThat(problems.toString()).as("elements whose text is cut at 1366x768 in " + lang).isEmpty();
  }

  @Test
  void everyBoardNumberOpensTheTicketListBehindIt() {
    claimedTicket();
    Page prov = h.login("prov");
    Locator cell = prov.locator("[data-cell='630102-TOTAL'] a");
    assertThat(cell).isVisible();
    Object unlinked = prov.evaluate("""
        () => [...document.querySelectorAll('[data-cell], [data-sla-cell], [data-kpi=open], [data-kpi=overdue], [data-kpi=dueSoon], [data-kpi=paused]')]
          .filter((el) => !el.querySelector('a[href^="#/tickets/"], a[href^="#/clocks/"]')).map((el) => el.dataset.cell || el.dataset.slaCell || el.dataset.kpi)""");
    assertThat((List<?>) unlinked).as("board numbers without a link to their list").isEmpty();
    assertThat(prov.locator("[data-tile-list='630100']")).hasAttribute("href", Pattern.compile("^#/clocks/"));
    assertThat(prov.locator("[data-tile-open='630100']")).hasAttribute("href", Pattern.compile("^#/tickets/"));

    int total = Integer.parseInt(cell.textContent().trim());
    assertThat(total).isPositive();
    cell.click();
    assertThat(prov).hasURL(Pattern.compile("#/tickets/org%3D630102%26open%3Dtrue$"));
    Locator count = prov.locator("[data-count]");
    assertThat(count).containsText(String.valueOf(total));
    Matcher m = Pattern.compile("(\\d+)").matcher(count.textContent());
    assertThat(m.find()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(total);
    assertThat(prov.locator("table[data-list=tickets] tbody tr")).hasCount(Math.min(total, 50));

    // The state cells filter by status too.
    prov.navigate(h.base + "/#/board");
    Locator claimed = prov.locator("[data-cell='630102-CLAIMED'] a");
    int n = Integer.parseInt(claimed.textContent().trim());
    claimed.click();
    assertThat(prov).hasURL(Pattern.compile("#/tickets/org%3D630102%26status%3DCLAIMED$"));
    assertThat(prov.locator("table[data-list=tickets] tbody tr")).hasCount(Math.min(n, 50));
    assertThat(prov.locator("table[data-list=tickets] tbody tr[data-status=CLAIMED]")).hasCount(Math.min(n, 50));
  }

  @Test
  void aHandlerSeesTheirOwnTicketsFirstAndListsNameTheChildAndTheClaimerByDisplayName() {
    long id = claimedTicket();
    Page own = h.login("h-chengdong");
    Locator mine = own.locator("[data-list=mine] tr[data-ticket-id='" + id + "']");
    assertThat(mine).isVisible();
    assertThat(own.locator("[data-list=queue] tr[data-ticket-id='" + id + "']")).hasCount(0);
    assertThat(mine.locator(".child-name")).hasText("张小北 (7)");
    assertThat(mine.locator(".summary")).containsText("Neighbour reports the child");
    // Every ticket the handler claimed is in the first section, none in the queue below it.
    assertThat(own.locator("[data-list=queue] tr[data-claimed-by='h-chengdong']")).hasCount(0);

    Page colleague = h.login("h-chengdong2");
    Locator claimer = colleague.locator("[data-list=queue] tr[data-ticket-id='" + id + "'] [data-claimer]");
    assertThat(claimer).containsText("城东区处置员");
    assertThat(claimer).not().containsText("h-chengdong");
    colleague.navigate(h.base + "/#/county/" + id);
    assertThat(colleague.locator("section[data-ticket='" + id + "'] .claimed-by-other")).containsText("城东区处置员 (h-chengdong)");

    Page prov = h.login("prov");
    prov.navigate(h.base + "/#/tickets/order%3Drecent");
    Locator row = prov.locator("table[data-list=tickets] tr[data-ticket-id='" + id + "']");
    assertThat(row.locator("[data-claimer]")).hasText("城东区处置员");
    assertThat(row.locator("[data-child]")).hasText("张小北 (7)");
  }

  /** A ticket at 城东区 claimed by h-chengdong (so lists show a claimer and the board a CLAIMED count). */
  private long claimedTicket() {
    JsonObject body = new JsonObject().put("callerNumber", "13800003333").put("callerRelation", "NEIGHBOUR")
        .put("category", "VIOLATION").put("subcategory", "NEGLECT").put("severity", "HIGH")
        .put("narrative", "Neighbour reports the child is often left alone at night without food.")
        .put("children", new JsonArray().add(new JsonObject().put("name", "张小北").put("age", 7).put("gender", "MALE")
            .put("countyCode", "630102").put("address", "城东区某路")))
        .put("dispatchTo", "630102");
    long id = h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
    h.api("h-chengdong", "POST", "/api/tickets/" + id + "/claim", new JsonObject());
    return id;
  }
}
