package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's call controls in Chromium at 1366×768: on a live loopback call the operator's current-call panel shows
 * "保持中" while the operator's phone holds the caller (AMI Hold) and drops it on Unhold; "挂断" asks first, then
 * hangs the call up on the PBX (AMI Hangup on the caller's channel) and the panel says the call ended.
 */
class CallControlBrowserTest {
  @RegisterExtension
  static final BrowserHarness h = BrowserHarness.perClassWithLoopbackPbx();
  private final LoopbackAmiServer pbx = h.pbx;

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

  /**
   * The console shows the call already on the operator's phone when it opens or reloads, not only a pop pushed while
   * it is open: a call ringing on op-xining's phone before they log in is shown as ringing, after a reload too; once
   * answered (with the view reloaded again) it is the current call with its hang-up button and earlier history.
   */
  @Test
  void aCallAlreadyRingingOrAnsweredIsShownWhenTheViewOpensAndAfterAReload() throws Exception {
    List<AmiMessage> all = BrowserHarness.xiningCall(AmiTranscript.FIVE_ANSWERED, "13909710042", 1795900000.0, 610);
    List<AmiMessage> ringing = until(all, 0, "AgentCalled");
    List<AmiMessage> answered = until(all, ringing.size(), "AgentConnect");
    String linkedid = BrowserHarness.play(pbx, ringing);

    Page operator = h.login("op-xining");
    Locator panel = operator.locator("#call-panel");
    assertThat(panel.locator("[data-call-id='" + linkedid + "']")).containsText("13909710042");
    assertThat(operator.locator("#call-ringing")).hasText("来电振铃中，请接听");
    assertThat(operator.locator("#tf-caller")).hasValue("13909710042");
    operator.reload();
    assertThat(panel.locator("[data-call-id='" + linkedid + "']")).containsText("13909710042");
    assertThat(operator.locator("#call-ringing")).isVisible();

    Replay.backToBack().run(pbx, answered);
    assertThat(operator.locator("#call-ringing")).hasCount(0); // the pushed pop at the answer replaced it
    operator.reload();
    assertThat(panel.locator("[data-call-id='" + linkedid + "']")).containsText("13909710042");
    assertThat(operator.locator("#call-ringing")).hasCount(0);
    assertThat(operator.locator("#call-hangup")).isEnabled();
    assertThat(operator.locator("#tf-caller")).hasValue("13909710042");
    h.shot(operator, "call-after-reload");

    // the rest of the recording ends the call: a reload then shows no call
    Replay.backToBack().run(pbx, all.subList(ringing.size() + answered.size(), all.size()));
    assertThat(operator.locator("#call-ended")).isVisible();
    operator.reload();
    assertThat(panel).containsText("暂无来电");
    operator.context().close();
  }

  /** The recorded answered call, synthesized for op-xining's queue and played up to the answer only: it stays live. */
  private String liveCall(String number, int index) throws Exception {
    List<AmiMessage> all = BrowserHarness.xiningCall(AmiTranscript.FIVE_ANSWERED, number, 1795900000.0, index);
    return BrowserHarness.play(pbx, until(all, 0, "AgentConnect"));
  }

  /** {@code all}'s events from {@code from} up to and including the first {@code event}. */
  private static List<AmiMessage> until(List<AmiMessage> all, int from, String event) {
    List<AmiMessage> out = new ArrayList<>();
    for (AmiMessage m : all.subList(from, all.size())) {
      out.add(m);
      if (m.isEvent(event)) break;
    }
    return out;
  }
}
