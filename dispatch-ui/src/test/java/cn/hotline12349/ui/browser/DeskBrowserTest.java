package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A supervisor hands a claimed ticket to a named colleague; the colleague works on it and attaches a photo. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskBrowserTest {
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private static Locator section(Page p, long id) { return p.locator("section[data-ticket='" + id + "']"); }

  @Test
  void assignByDisplayNameThenTheNewHandlerAttachesAPhoto() throws Exception {
    JsonObject body = new JsonObject().put("callerNumber", "13800002222").put("callerRelation", "TEACHER")
        .put("category", "VIOLATION").put("subcategory", "NEGLECT").put("severity", "HIGH")
        .put("narrative", "老师反映孩子连续几天没吃早饭，衣服单薄。")
        .put("children", new JsonArray().add(new JsonObject().put("name", "李小花").put("age", 8).put("countyCode", "630102")))
        .put("dispatchTo", "630102");
    long id = h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
    h.api("h-chengdong", "POST", "/api/tickets/" + id + "/claim", new JsonObject());

    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/ticket/" + id);
    section(sup, id).locator("[data-action=assign]").click();
    Locator handler = sup.locator("form[data-form=assign] select[name=handler]");
    assertThat(handler.locator("option[value='h-chengdong2']")).hasText("城东区处置员二 (h-chengdong2)");
    assertThat(handler.locator("option[value='h-chengdong']")).hasCount(0); // the current claimer is not offered
    handler.selectOption("h-chengdong2");
    sup.locator("form[data-form=assign] textarea[name=reason]").fill("原处置员外出培训");
    sup.locator("form[data-form=assign] button[type=submit]").click();
    assertThat(section(sup, id).locator("tr[data-event=ASSIGNED]")).isVisible();
    assertThat(h.api("prov", "GET", "/api/tickets/" + id, null).getString("claimedBy")).isEqualTo("h-chengdong2");

    Page former = h.login("h-chengdong");
    former.navigate(h.base + "/#/county/" + id);
    assertThat(section(former, id).locator(".claimed-by-other")).containsText("h-chengdong2");

    Page colleague = h.login("h-chengdong2");
    colleague.navigate(h.base + "/#/county/" + id);
    assertThat(section(colleague, id).locator("[data-action=notes]")).isVisible();
    Path photo = Files.createTempFile("photo", ".png");
    byte[] png = new byte[2048];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);
    Files.write(photo, png);
    Path named = Files.move(photo, photo.resolveSibling("入户照片.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    section(colleague, id).locator("input[type=file]").setInputFiles(named);
    Locator item = section(colleague, id).locator("li[data-attachment]");
    assertThat(item).containsText("入户照片.png");
    assertThat(item.locator("a")).hasAttribute("href", java.util.regex.Pattern.compile("/api/tickets/" + id + "/attachments/\\d+"));
    h.shot(colleague, "county-attachment");
    // A file that is not a photo or document is refused with a message at the control, and nothing is listed.
    Path fake = Files.writeString(Files.createTempDirectory("x").resolve("fake.png"), "<html>not an image</html>");
    section(colleague, id).locator("input[type=file]").setInputFiles(fake);
    assertThat(section(colleague, id).locator(".files-panel .err")).not().isEmpty();
    assertThat(item).hasCount(1);
    // A pushed change re-renders the ticket: the refusal is still shown in the panel now on screen.
    String refusal = section(colleague, id).locator(".files-panel .err").textContent();
    int version = Integer.parseInt(section(colleague, id).getAttribute("data-version"));
    h.api("h-chengdong2", "POST", "/api/tickets/" + id + "/notes", new JsonObject().put("text", "已电话联系监护人").put("childContacted", false));
    assertThat(section(colleague, id)).not().hasAttribute("data-version", String.valueOf(version));
    assertThat(section(colleague, id).locator(".files-panel .err")).hasText(refusal);

    // A refusal by the server reads in the user's language, names the field as labelled, and marks the field.
    section(colleague, id).locator("[data-action=notes]").click();
    Locator text = colleague.locator("form[data-form=notes] textarea[name=text]");
    text.fill("很长的记录".repeat(900)); // over the 4,000-character limit the server enforces
    colleague.locator("form[data-form=notes] button[type=submit]").click();
    assertThat(colleague.locator("form[data-form=notes] .err")).hasText("「进展说明」填写有误或缺失，请检查后重试");
    assertThat(text).hasAttribute("aria-invalid", "true");
    text.fill("已入户，孩子状况良好。");
    assertThat(text).not().hasAttribute("aria-invalid", "true");
    Object english = colleague.evaluate("""
        async () => { const i18n = await import('/js/i18n.js'); await i18n.loadLang('en');
          const api = await import('/js/api.js');
          try { await api.post('/tickets', { children: [{ name: 'x', age: 99 }] }); return 'accepted'; }
          catch (e) { await i18n.loadLang('zh-CN'); return e.message; } }""");
    assertThat(english.toString()).doesNotContainPattern("\\p{IsHan}").doesNotContain("null").isNotEqualTo("accepted");
  }

  @Test
  void theProvinceMapColoursPrefecturesAndAClickDrillsDownToTheirCounties() {
    Page prov = h.login("prov");
    assertThat(prov).hasURL(java.util.regex.Pattern.compile("#/board$"));
    Locator map = prov.locator("#board-map[data-renderer=echarts]");
    assertThat(map).isVisible();
    assertThat(map).hasAttribute("data-regions", java.util.regex.Pattern.compile("632700"));
    assertThat(new JsonArray(map.getAttribute("data-regions"))).hasSize(8);
    // A real click on the map where Yushu lies (95°E 34°N), as a user would.
    @SuppressWarnings("unchecked")
    java.util.List<Number> xy = (java.util.List<Number>) prov.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('board-map')).convertToPixel({ seriesIndex: 0 }, [95.0, 34.0])");
    map.click(new Locator.ClickOptions().setPosition(xy.get(0).doubleValue(), xy.get(1).doubleValue()));
    assertThat(prov.locator("#county-title")).containsText("玉树");
    assertThat(prov.locator("table[data-board=counties] tr[data-org='632701']")).isVisible();
    h.shot(prov, "board-map");
  }
}
