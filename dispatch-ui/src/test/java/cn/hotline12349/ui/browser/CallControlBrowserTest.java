package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 17's call controls in Chromium at 1366×768: on a live loopback call the operator's current-call panel shows
 * "保持中" while the operator's phone holds the caller (AMI Hold) and drops it on Unhold; "挂断" asks first, then
 * hangs the call up on the PBX (AMI Hangup on the caller's channel) and the panel says the call ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallControlBrowserTest {
  private LoopbackAmiServer pbx;
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception {
    pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    h = BrowserHarness.withPbx(pbx);
  }

  @AfterAll
  void stop() throws Exception {
    if (h != null) h.close();
    if (pbx != null) pbx.close();
  }

  @Test
  void theHoldIndicatorFollowsThePhoneAndHangUpEndsTheLiveCall() throws Exception {
    Page operator = h.login("op-xining");
    assertThat(operator.viewportSize().width).isEqualTo(1366);
    assertThat(operator.locator("#live")).hasAttribute("data-state", "on");

    String linkedid = liveCall("13909710041", 600);
    Locator panel = operator.locator("#call-panel");
    assertThat(panel).containsText("13909710041");
    Locator hangup = operator.locator("#call-hangup");
    assertThat(hangup).isVisible();
    assertThat(hangup).containsText("挂断");
    assertThat(hangup).hasAttribute("aria-keyshortcuts", "Alt+H");
    Locator hold = operator.locator("#call-hold");
    assertThat(hold).isHidden();

    List<String> legs = pbx.channelsOf(linkedid);
    String operatorLeg = legs.get(legs.size() - 1);
    assertThat(pbx.hold(operatorLeg, true)).isTrue();
    assertThat(hold).isVisible();
    assertThat(hold).hasText("保持中");
    h.shot(operator, "call-on-hold");
    assertThat(pbx.hold(operatorLeg, false)).isTrue();
    assertThat(hold).isHidden();

    // the confirmation is asked first; dismissing it sends nothing
    int before = pbx.received("Hangup").size();
    operator.onceDialog(d -> d.dismiss());
    hangup.click();
    operator.waitForTimeout(300);
    assertThat(pbx.received("Hangup")).hasSize(before);

    operator.onceDialog(d -> {
      assertThat(d.message()).contains("挂断");
      d.accept();
    });
    hangup.click();
    assertThat(operator.locator("#call-ended")).containsText("通话已结束");
    assertThat(hangup).isDisabled();
    List<AmiMessage> sent = pbx.received("Hangup");
    assertThat(sent).hasSize(before + 1);
    assertThat(sent.get(before).get("Channel")).isEqualTo(legs.get(0));
    assertThat(pbx.channelsOf(linkedid)).isEmpty();
    h.shot(operator, "call-hung-up");
    operator.context().close();
  }

  /** The recorded answered call, synthesized for op-xining's queue and played up to the answer only: it stays live. */
  private String liveCall(String number, int index) throws Exception {
    List<AmiMessage> all = BrowserHarness.xiningCall(AmiTranscript.FIVE_ANSWERED, number, 1795900000.0, index);
    List<AmiMessage> untilAnswer = new ArrayList<>();
    for (AmiMessage m : all) {
      untilAnswer.add(m);
      if (m.isEvent("AgentConnect")) break;
    }
    return BrowserHarness.play(pbx, untilAnswer);
  }
}
