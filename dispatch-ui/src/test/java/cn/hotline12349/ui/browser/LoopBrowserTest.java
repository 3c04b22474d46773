package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closing the loop in Chromium: a county handler refers a ticket and records the agency's receipt on the ticket page,
 * prints the case sheet (print media, PDF); the province sees the mandatory report on the board and the statistics
 * page draws its ECharts charts.
 */
class LoopBrowserTest {
  static BrowserHarness h;

  @BeforeAll
  static void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  static void stop() { if (h != null) h.close(); }

  private static long ticket(String subcategory, String narrative, String severity, String dispatchTo) {
    JsonObject body = new JsonObject().put("callerNumber", "13897015555").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小梅").put("age", 8).put("countyCode", "630102")
            .put("address", "城东区某村")))
        .put("category", "VIOLATION").put("subcategory", subcategory).put("severity", severity).put("narrative", narrative);
    if (dispatchTo != null) body.put("dispatchTo", dispatchTo);
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }

  @Test
  void aHandlerRefersRecordsTheReceiptAndPrintsTheCaseSheet() {
    long id = ticket("NEGLECT", "孩子白天独自在家，邻居担心。", "HIGH", "630102");
    Page page = h.login("h-chengdong");
    page.navigate(h.base + "/#/ticket/" + id);
    page.locator("[data-loop=refer]").click();
    Locator form = page.locator("form[data-form=refer]");
    form.locator("select[name=partnerId]").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(
        page.locator("select[name=partnerId] option", new Page.LocatorOptions().setHasText("城东区第一中学")).first().textContent()));
    form.locator("textarea[name=note]").fill("请学校关注孩子出勤");
    form.locator("button[type=submit]").click();
    Locator row = page.locator("tr[data-referral]").first();
    assertThat(row).hasAttribute("data-referral-status", "SENT");
    assertThat(row).containsText("城东区第一中学");
    row.locator("button[data-receipt]").click();
    Locator receipt = page.locator("form[data-form=receipt]");
    receipt.locator("input[name=receivedBy]").fill("德育处 王老师");
    receipt.locator("input[name=reference]").fill("XX-2026-09");
    receipt.locator("button[type=submit]").click();
    assertThat(page.locator("tr[data-referral]").first()).hasAttribute("data-referral-status", "ACCEPTED");
    assertThat(page.locator("tr[data-referral]").first()).containsText("德育处 王老师");
    h.shot(page, "loop-ticket-referral");

    Page sheet = page.context().newPage();
    sheet.navigate(h.base + "/api/tickets/" + id + "/case-sheet");
    assertThat(sheet.locator("h1")).containsText("个案表");
    assertThat(sheet.locator("body")).containsText("孩子白天独自在家");
    assertThat(sheet.locator("body")).containsText("城东区第一中学");
    assertThat(sheet.locator("body")).containsText("XX-2026-09");
    assertThat(sheet.locator("body")).not().containsText("13897015555"); // a county sees the caller's number masked
    assertThat(sheet.locator(".no-print")).isVisible();
    sheet.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(sheet.locator(".no-print")).isHidden();
    byte[] pdf = sheet.pdf(new Page.PdfOptions().setFormat("A4").setPrintBackground(true));
    assertThat(new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(pdf.length).isGreaterThan(10_000);
    sheet.screenshot(new Page.ScreenshotOptions().setPath(BrowserHarness.SHOTS.resolve("loop-case-sheet.png")).setFullPage(true));
  }

  @Test
  void theProvinceSeesMandatoryReportsOnTheBoardAndChartsOnTheStatisticsPage() {
    long id = ticket("TRAFFICKING", "疑似有人拐卖儿童", "EMERGENCY", null);
    JsonObject police = h.api("op-xining", "GET", "/api/partners?kind=POLICE", null).getJsonArray("items").getJsonObject(0);
    h.api("op-xining", "POST", "/api/tickets/" + id + "/referrals", new JsonObject().put("partnerId", police.getLong("id")));
    Page board = h.login("prov");
    Locator mandatory = board.locator("[data-section='board.mandatory'] tr[data-ticket-id='" + id + "']");
    assertThat(mandatory).hasAttribute("data-waiting", "ACCEPTANCE");
    h.shot(board, "loop-board-mandatory");
    board.navigate(h.base + "/#/stats");
    assertThat(board.locator("[data-chart=groups]")).hasAttribute("data-renderer", "echarts");
    assertThat(board.locator("[data-chart=groups] svg")).isVisible();
    assertThat(Integer.parseInt(board.locator("[data-total]").getAttribute("data-total"))).isPositive();
    assertThat(board.locator("[data-export=full]")).isVisible();
    h.shot(board, "loop-stats");
  }
}
