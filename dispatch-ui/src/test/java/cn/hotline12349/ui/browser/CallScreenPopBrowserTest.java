package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3 in the browser: a call played by the loopback Asterisk pops on op-xining's console with the caller's number
 * and earlier ticket, the operator creates and dispatches a ticket from it, and the ticket page shows the linked call;
 * an abandoned call is listed with a callback button that places the Originate; the operator joins, pauses and leaves
 * the queue from the console.
 */
class CallScreenPopBrowserTest {
  @RegisterExtension
  static final BrowserHarness h = BrowserHarness.perClassWithLoopbackPbx();
  private final LoopbackAmiServer pbx = h.pbx;

  @Test
  void aCallPopsTheTicketIsCreatedFromItAndShowsTheLinkedCall() throws Exception {
    TicketRecord earlier = earlierTicket("13909710005");
    Page operator = h.login("op-xining");
    assertThat(operator.locator("#live")).hasAttribute("data-state", "on");

    String linkedid = play(AmiTranscript.FIVE_ANSWERED, "+86 139 0971 0005", 400);
    Locator panel = operator.locator("#call-panel");
    assertThat(panel).containsText("+86 139 0971 0005");
    assertThat(operator.locator("#earlier-tickets")).containsText(earlier.ref());
    assertThat(operator.locator("#tf-caller")).hasValue("+86 139 0971 0005");
    assertThat(operator.locator("#transfer-blind")).isVisible(); // transfer from the console, under the pop
    assertThat(operator.locator("#transfer-attended")).isVisible();
    h.shot(operator, "call-screen-pop");

    BrowserHarness.fillNeighbourReport(operator, "9", "FEMALE", "来电人再次反映孩子无人照看。");
    operator.locator("#create-dispatch").click();
    Locator created = operator.locator("[data-created-id]");
    assertThat(created).isVisible();
    String id = created.getAttribute("data-created-id");

    operator.navigate(h.base + "/#/ticket/" + id);
    Locator call = operator.locator("#linked-calls li[data-linkedid='" + linkedid + "']");
    assertThat(call).isVisible();
    assertThat(call).containsText("hotline-630100-");
    assertThat(operator.locator("#ticket-callback")).isVisible();
    h.shot(operator, "ticket-linked-call");
    operator.context().close();
  }

  @Test
  void theAbandonedListHasACallbackButtonThatPlacesTheCall() throws Exception {
    Page operator = h.login("op-xining");
    assertThat(operator.locator("#live")).hasAttribute("data-state", "on");
    String linkedid = play(AmiTranscript.ABANDONED, "13909710006", 500);
    Locator row = operator.locator("#abandoned li[data-call-id='" + linkedid + "']");
    assertThat(row).containsText("139****0006"); // masked: the callback dials the stored number
    assertThat(row).not().containsText("13909710006");
    assertThat(row.locator("button.reveal-number")).isVisible();
    h.shot(operator, "abandoned-calls");
    int before = pbx.received("Originate").size();
    row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("回拨").setExact(true)).click();
    assertThat(row).hasCount(0);
    List<AmiMessage> originates = pbx.received("Originate");
    assertThat(originates).hasSizeGreaterThan(before);
    assertThat(originates.get(originates.size() - 1).get("Exten")).isEqualTo("13909710006");
    operator.context().close();
  }

  @Test
  void theOperatorJoinsPausesAndLeavesTheQueueFromTheConsole() {
    Page operator = h.login("op-xining");
    operator.locator("#queue-login").click();
    assertThat(operator.locator("#queue-state")).containsText("已签入");
    AmiMessage add = pbx.received("QueueAdd").get(pbx.received("QueueAdd").size() - 1);
    assertThat(add.get("Queue")).isEqualTo("hotline-630100");
    assertThat(add.get("Interface")).isEqualTo("PJSIP/8001");

    assertThat(operator.locator("#agent-state")).containsText("空闲");
    operator.locator("#queue-pause").click();
    assertThat(operator.locator("#queue-state")).containsText("小休");
    assertThat(operator.locator("#agent-state")).containsText("小休"); // agent state from GET /api/queue/state

    // the Xining supervisor's live panel lists the queue with the paused operator
    Page sup = h.login("sup-xining");
    sup.navigate(h.base + "/#/review");
    Locator row = sup.locator("#queue-panel tr[data-queue='hotline-630100']");
    assertThat(row).containsText("小休 1");
    h.shot(sup, "supervisor-queue-panel");
    sup.context().close();
    List<AmiMessage> pauses = pbx.received("QueuePause");
    assertThat(pauses.get(pauses.size() - 1).get("Paused")).isEqualTo("true");
    operator.locator("#queue-pause").click();
    assertThat(operator.locator("#queue-state")).containsText("空闲");

    operator.locator("#queue-logout").click();
    assertThat(operator.locator("#queue-state")).containsText("已签出");
    assertThat(operator.locator("#agent-state")).containsText("未登录队列");
    assertThat(pbx.received("QueueRemove")).isNotEmpty();
    h.shot(operator, "operator-queue");
    operator.context().close();
  }

  private String play(String transcript, String number, int index) throws Exception {
    return BrowserHarness.play(pbx, BrowserHarness.xiningCall(transcript, number, 1795700000.0, index));
  }

  private TicketRecord earlierTicket(String number) {
    var services = h.app.services();
    long userId = services.pool().preparedQuery("select id from users where username = $1")
        .execute(Tuple.of("op-xining")).await().iterator().next().getLong(0);
    Actor op = new Actor(userId, "op-xining", Role.OPERATOR, "630100");
    TicketDraft draft = new TicketDraft(number, "NEIGHBOUR", List.of(new ChildDraft(null, 8, ChildDraft.Gender.MALE,
        "630102", "城东区", false, false)), Category.VIOLATION, "PHYSICAL_ABUSE", Severity.HIGH, "三天前的来电",
        null, null, null);
    return services.tickets().create(op, draft, null).await();
  }
}
