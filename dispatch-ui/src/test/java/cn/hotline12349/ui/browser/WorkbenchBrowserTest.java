package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
 * The county workbench with two handlers of one county side by side, and the prefecture's review: claim, notes,
 * suspend/resume, result, return, accept, reply, close, reassignment; every step seen live on the other screens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserTest {
  private final MutableClock clock = new MutableClock(Instant.now());
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(clock); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  private long dispatchedTicket(String severity, String narrative) {
    JsonObject body = new JsonObject().put("callerNumber", "13800002222").put("callerRelation", "TEACHER")
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", severity).put("narrative", narrative)
        .put("children", new JsonArray().add(new JsonObject().put("name", "王小宝").put("age", 7).put("countyCode", "630102")))
        .put("dispatchTo", "630102");
    return h.api("op-xining", "POST", "/api/tickets", body).getLong("id");
  }

  private static Locator section(Page p, long id) { return p.locator("section[data-ticket='" + id + "']"); }

  private static Locator row(Page p, long id) { return p.locator("#view tr[data-ticket-id='" + id + "']").first(); }

  @Test
  void twoHandlersOneTicketThenReviewReplyAndClose() {
    Page a = h.login("h-chengdong");
    Page b = h.login("h-chengdong2");
    assertThat(a).hasURL(Pattern.compile("#/county$"));
    assertThat(b).hasURL(Pattern.compile("#/county$"));
    assertThat(a.locator("#live")).hasAttribute("data-state", "on");
    assertThat(b.locator("#live")).hasAttribute("data-state", "on");

    long id = dispatchedTicket("EMERGENCY", "老师反映学生身上有多处淤青。");
    // Arrives live on both screens; an emergency tops the queue (the handler's own claimed tickets are listed above it).
    assertThat(row(a, id)).hasAttribute("data-status", "DISPATCHED");
    assertThat(row(b, id)).hasAttribute("data-status", "DISPATCHED");
    assertThat(a.locator("#view [data-list=queue] tbody tr").first().locator(".sev-EMERGENCY")).isVisible();

    row(b, id).locator("button").click();
    assertThat(section(b, id).locator("[data-action=claim]")).isVisible();
    row(a, id).locator("button").click();
    assertThat(a).hasURL(Pattern.compile("#/county/" + id + "$"));
    section(a, id).locator("[data-action=claim]").click();
    assertThat(section(a, id)).hasAttribute("data-status", "CLAIMED");

    // The other handler's list and open ticket follow without reload: claimed, by whom, no claim button left.
    assertThat(row(b, id)).hasAttribute("data-status", "CLAIMED");
    assertThat(row(b, id)).hasAttribute("data-claimed-by", "h-chengdong");
    assertThat(section(b, id)).hasAttribute("data-status", "CLAIMED");
    assertThat(section(b, id).locator("[data-action=claim]")).hasCount(0);
    h.shot(b, "county-claimed-by-other");

    // The colleague sees who has it and cannot work on it (the server refuses it too: AssignApiTest).
    assertThat(section(b, id).locator(".claimed-by-other")).isVisible();
    assertThat(section(b, id).locator("[data-action=notes]")).hasCount(0);
    assertThat(section(b, id).locator("[data-action=result]")).hasCount(0);

    // A starts typing; a supervisor's note meanwhile marks A's screen stale but keeps A's text.
    section(a, id).locator("[data-action=notes]").click();
    a.locator("form[data-form=notes] textarea").fill("甲正在输入的内容");
    h.api("sup-xining", "POST", "/api/tickets/" + id + "/notes", new JsonObject().put("text", "请尽快入户核实。"));
    assertThat(a.locator("#county-detail .notice.stale")).isVisible();
    assertThat(a.locator("form[data-form=notes] textarea")).hasValue("甲正在输入的内容");
    a.locator("form[data-form=notes] button[type=button]").click();
    assertThat(section(a, id).locator("tr[data-event=NOTE_ADDED]")).hasCount(1);
    assertThat(a.locator("#county-detail .notice.stale")).hasCount(0);
    section(a, id).locator("[data-action=notes]").click();
    a.locator("form[data-form=notes] textarea").fill("已与孩子通话，孩子情绪稳定。");
    a.locator("form[data-form=notes] input[name=childContacted]").check();
    a.locator("form[data-form=notes] button[type=submit]").click();
    assertThat(section(a, id).locator("tr[data-event=NOTE_ADDED]").last()).containsText("已联系到儿童");
    assertThat(section(b, id).locator("tr[data-event=NOTE_ADDED]")).hasCount(2);

    // Suspending needs a reason: the empty form is not sent.
    section(a, id).locator("[data-action=suspend]").click();
    a.locator("form[data-form=suspend] button[type=submit]").click();
    assertThat(a.locator("form[data-form=suspend]")).isVisible();
    assertThat(section(a, id)).not().hasAttribute("data-status", "SUSPENDED");
    assertThat(a.locator(".notice.stale")).hasCount(0); // A's own note is not "someone else's change"
    a.locator("form[data-form=suspend] textarea").fill("孩子随家人外出就医，三日后返回。");
    a.locator("form[data-form=suspend] button[type=submit]").click();
    assertThat(section(a, id)).hasAttribute("data-status", "SUSPENDED");
    assertThat(row(b, id)).hasAttribute("data-status", "SUSPENDED");
    section(a, id).locator("[data-action=resume]").click();
    assertThat(section(a, id)).hasAttribute("data-status", Pattern.compile("CLAIMED|IN_PROGRESS"));

    section(a, id).locator("[data-action=result]").click();
    a.locator("form[data-form=result] textarea").fill("已上门核实，家长承诺不再体罚，社工跟进。");
    h.shot(a, "county-workbench-result");
    a.locator("form[data-form=result] button[type=submit]").click();
    assertThat(section(a, id)).hasAttribute("data-status", "RESULT_SUBMITTED");

    Page sup = h.login("sup-xining");
    assertThat(sup).hasURL(Pattern.compile("#/review$"));
    Locator toReview = sup.locator("[data-section='review.toReview'] tr[data-ticket-id='" + id + "']");
    toReview.locator("button").click();
    // Returning needs a reason.
    section(sup, id).locator("[data-action=review]").click();
    sup.locator("form[data-form=review] input[value=RETURN]").check();
    sup.locator("form[data-form=review] button[type=submit]").click();
    assertThat(section(sup, id)).hasAttribute("data-status", "RESULT_SUBMITTED");
    sup.locator("form[data-form=review] textarea").fill("请补充与学校沟通的情况。");
    sup.locator("form[data-form=review] button[type=submit]").click();
    assertThat(section(sup, id)).hasAttribute("data-status", "IN_PROGRESS");
    assertThat(row(a, id)).hasAttribute("data-status", "IN_PROGRESS");
    assertThat(section(a, id)).hasAttribute("data-status", "IN_PROGRESS");

    section(a, id).locator("[data-action=result]").click();
    a.locator("form[data-form=result] textarea").fill("已与班主任沟通，学校加强关注。");
    a.locator("form[data-form=result] button[type=submit]").click();
    assertThat(section(a, id)).hasAttribute("data-status", "RESULT_SUBMITTED");

    assertThat(section(sup, id)).hasAttribute("data-status", "RESULT_SUBMITTED");
    section(sup, id).locator("[data-action=review]").click();
    sup.locator("form[data-form=review] button[type=submit]").click();
    assertThat(section(sup, id)).hasAttribute("data-status", "REVIEWED");
    section(sup, id).locator("[data-action=reply]").click();
    sup.locator("form[data-form=reply] select[name=satisfaction]").selectOption("4");
    sup.locator("form[data-form=reply] textarea").fill("来电老师表示认可。");
    h.shot(sup, "review-reply");
    sup.locator("form[data-form=reply] button[type=submit]").click();
    assertThat(section(sup, id)).hasAttribute("data-status", "REPLIED");
    section(sup, id).locator("[data-action=close]").click();
    assertThat(section(sup, id)).hasAttribute("data-status", "CLOSED");
    // Closed tickets leave the county's working list on both screens.
    assertThat(a.locator("#view tr[data-ticket-id='" + id + "']")).hasCount(0);
    assertThat(b.locator("#view tr[data-ticket-id='" + id + "']")).hasCount(0);

    sup.navigate(h.base + "/#/ticket/" + id);
    Locator timeline = section(sup, id).locator("table.timeline");
    for (String type : new String[] {"CREATED", "DISPATCHED", "CLAIMED", "NOTE_ADDED", "SUSPENDED", "RESUMED",
        "RESULT_RETURNED", "RESULT_ACCEPTED", "REPLIED", "CLOSED"}) {
      assertThat(timeline.locator("tr[data-event='" + type + "']").first()).isVisible();
    }
    assertThat(timeline.locator("tr[data-event=RESULT_SUBMITTED]")).hasCount(2);
    assertThat(timeline).containsText("h-chengdong");
    assertThat(section(sup, id)).containsText("王小宝");
    h.shot(sup, "ticket-page-closed");
    for (Page p : new Page[] {a, b, sup}) p.context().close();
  }

  @Test
  void anOverdueTicketIsListedAsEscalatedAndReassignedFromThere() {
    long id = dispatchedTicket("EMERGENCY", "无人签收的紧急工单。");
    clock.advance(Duration.ofDays(3)); // every clock of the unclaimed ticket is past due; pages log in afresh below
    Page sup = h.login("sup-xining");
    Locator escalated = sup.locator("[data-section='review.escalated'] tr[data-ticket-id='" + id + "']");
    assertThat(escalated).isVisible();
    h.shot(sup, "review-escalated");
    escalated.locator("button").click();
    // (the countdown itself runs on the browser's clock, which the test does not move; the server's state says overdue)
    assertThat(section(sup, id).locator("[data-clock-state=OVERDUE]").first()).isVisible();
    section(sup, id).locator("[data-action=transfer]").click();
    sup.locator("form[data-form=transfer] select[name=countyCode]").selectOption("630104");
    sup.locator("form[data-form=transfer] textarea").fill("城东区超时未签收，改派城西区。");
    sup.locator("form[data-form=transfer] button[type=submit]").click();
    assertThat(section(sup, id).locator("tr[data-event=TRANSFERRED]")).hasCount(1);
    assertThat(section(sup, id)).hasAttribute("data-status", "DISPATCHED");
    sup.context().close();
  }

  @Test
  void theSupervisorReassignsATicketToAnotherCountyAndOthersCannotOpenIt() {
    long id = dispatchedTicket("HIGH", "孩子实际居住在城中区。");
    Page a = h.login("h-chengdong");
    assertThat(row(a, id)).isVisible();
    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/review/" + id);
    section(sup, id).locator("[data-action=transfer]").click();
    sup.locator("form[data-form=transfer] select[name=countyCode]").selectOption("630103");
    sup.locator("form[data-form=transfer] textarea").fill("孩子住址在城中区。");
    sup.locator("form[data-form=transfer] button[type=submit]").click();
    assertThat(section(sup, id).locator("tr[data-event=TRANSFERRED]")).hasCount(1);
    assertThat(section(sup, id)).hasAttribute("data-status", "DISPATCHED");
    // Gone from Chengdong's workbench live; Chengdong may no longer open it (answered like a missing ticket).
    assertThat(a.locator("#view tr[data-ticket-id='" + id + "']")).hasCount(0);
    a.navigate(h.base + "/#/ticket/" + id);
    assertThat(a.locator("main .notice.err")).containsText("工单不存在");
    assertThat(a.locator("section[data-ticket]")).hasCount(0);

    Page golmud = h.login("h-golmud");
    golmud.navigate(h.base + "/#/ticket/" + id);
    assertThat(golmud.locator("main .notice.err")).isVisible();
    assertThat(golmud.locator("main")).not().containsText("城中区");
    h.shot(golmud, "county-forbidden");

    assertThat(h.urls).isNotEmpty();
    for (String url : h.urls) {
      assertThat(url).doesNotContain("13800002222").doesNotContain("%E7%8E%8B%E5%B0%8F%E5%AE%9D").doesNotContain("王小宝");
    }
    for (Page p : new Page[] {a, sup, golmud}) p.context().close();
  }
}
