package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.domain.PbxMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What each real-PBX scenario must give. The live suite ({@link RealPbxSuiteTest}, sipp through a real Asterisk) and the
 * replay of its recorded transcripts in the default suite ({@link RealPbxReplayTest}) check the very same things.
 */
final class RealPbxScenarios {
  static final String XINING_CALLER = "13909710001";
  static final String HAIXI_CALLER = "13909770002";
  static final String CHILD = "13909710009";
  /** sipp waits this long at the IVR per key (the suite's pbx-mapping ivr.digitTimeoutMs). */
  static final long DIGIT_TIMEOUT_MS = 1500;

  private RealPbxScenarios() {}

  /** The project's mapping with the suite's phones (sipp UAS op1/op2) and a short IVR timeout. */
  static PbxMapping mapping(PbxMapping.NightService night) {
    PbxMapping m = PbxMappingLoader.load(PbxMappingLoader.configDir());
    return new PbxMapping(m.provinceCode(), m.serviceNumbers(), m.trunks(), m.dids(), m.areaCodes(), m.queues(),
        m.languageKeys(), m.languageQueues(), m.dangerKey(), Map.of("PJSIP/op1", "op-xining", "PJSIP/op2", "op-haixi"),
        new PbxMapping.Ivr(DIGIT_TIMEOUT_MS), night == null ? m.nightService() : night, m.callbackMinTalkSeconds());
  }

  /**
   * The project's mapping with a night window that is never now: the default one (22:00-08:00 Asia/Shanghai, i.e. from
   * 14:00 UTC) would send every day scenario run in the afternoon UTC to the provincial queue.
   */
  static PbxMapping daytime() {
    java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
    java.time.LocalTime now = java.time.LocalTime.now(zone);
    java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
    return mapping(new PbxMapping.NightService(zone.getId(), now.plusHours(10).format(hm),
        now.plusHours(11).format(hm)));
  }

  static List<Call> inbound(List<Call> calls) {
    return calls.stream().filter(c -> Call.INBOUND.equals(c.direction()) && "12349".equals(c.dialled())).toList();
  }

  static Call only(List<Call> calls) {
    List<Call> in = inbound(calls);
    assertThat(in).as("inbound 12349 calls in %s", calls).hasSize(1);
    return in.get(0);
  }

  /** Xining trunk, no key: IVR timeout, Xining queue, op1 answers, the caller hangs up. */
  static void answered(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.callerNumber()).isEqualTo(XINING_CALLER);
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.queue()).isEqualTo("hotline-630100");
    assertThat(c.queuePosition()).isEqualTo(1);
    assertThat(c.operatorInterface()).startsWith("PJSIP/op1");
    assertThat(c.language()).isEqualTo("zh");
    assertThat(c.priority()).isEqualTo("0");
    assertThat(c.danger()).isFalse();
    assertThat(c.endCause()).isEqualTo("16 Normal Clearing");
    assertThat(c.talkTime()).isGreaterThan(Duration.ofSeconds(2));
    // pressing nothing: one IVR timeout, then the queue (issue: ~12 s before)
    assertThat(Duration.between(c.startedAt(), c.queuedAt())).isLessThan(Duration.ofMillis(DIGIT_TIMEOUT_MS + 2500));
    assertThat(c.recording()).startsWith("hotline-630100-");
  }

  /** Haixi trunk, keys 1 then 9: danger, priority 10, Haixi queue, op2 answers. */
  static void dangerKey(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.prefecture()).isEqualTo("632800");
    assertThat(c.queue()).isEqualTo("hotline-632800");
    assertThat(c.danger()).isTrue();
    assertThat(c.priority()).isEqualTo("10");
    assertThat(c.operatorInterface()).startsWith("PJSIP/op2");
  }

  /** Xining's only operator paused: overflow to the province at once, nobody there, the caller hangs up waiting. */
  static void abandonedInQueue(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.abandonStage()).isEqualTo(Call.STAGE_QUEUE);
    assertThat(c.queue()).isEqualTo("hotline-630000"); // where it was when lost, not the first queue tried
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.answeredAt()).isNull();
    assertThat(c.abandonedAt()).isNotNull();
  }

  /** The caller hangs up during the language menu. */
  static void abandonedInIvr(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.abandonStage()).isEqualTo(Call.STAGE_IVR);
    assertThat(c.prefecture()).isEqualTo("630100"); // the Xining trunk's, set before the menu waits for a key
    assertThat(c.queuedAt()).isNull();
    assertThat(c.ivrAt()).isNotNull();
  }

  /** Nobody logged in anywhere: the call waits in the provincial queue (not hung up), then the callback promise. */
  static void unansweredOverflow(List<Call> calls, long provinceWaitSeconds) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.abandonStage()).isEqualTo(Call.STAGE_UNANSWERED);
    assertThat(c.unanswered()).isEqualTo("TIMEOUT");
    assertThat(c.queue()).isEqualTo("hotline-630000");
    assertThat(c.waitTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(provinceWaitSeconds));
  }

  /** Night service in the configured zone: a Xining call goes to the provincial queue although Xining has an operator. */
  static void night(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.queue()).isEqualTo("hotline-630000");
    assertThat(c.operatorInterface()).startsWith("PJSIP/op2");
  }

  /** The callback's own record; {@code status} is what {@link Callbacks} makes of the called party's leg. */
  static Call callback(List<Call> calls, String expectedStatus) {
    List<Call> out = calls.stream().filter(c -> c.callbackId() != null).toList();
    assertThat(out).as("callback records in %s", calls).hasSize(1);
    Call c = out.get(0);
    assertThat(c.direction()).isEqualTo(Call.OUTBOUND);
    assertThat(c.dialled()).isEqualTo(CHILD);
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.callbackResult()).isNotNull();
    String[] r = c.callbackResult().split(":", 2);
    Integer secs = r.length > 1 && !r[1].isBlank() ? Integer.valueOf(r[1]) : null;
    assertThat(Callbacks.status(r[0], secs, 5)).isEqualTo(expectedStatus);
    return c;
  }

  /** Answered by op1, blind-transferred to op2 (op-haixi's phone) from the console; the caller then hangs up. */
  static void transferred(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.operatorInterface()).startsWith("PJSIP/op1");
    assertThat(c.transferredAt()).isNotNull();
    assertThat(c.transferTarget()).contains("op2");
  }

  /**
   * Two callers waiting in the provincial queue, the danger one (keys 1, 9: QUEUE_PRIO 10) joined later; the
   * operator who logs in is offered the danger caller first, the other is still waiting.
   */
  static void dangerFirst(List<Call> calls) {
    List<Call> in = inbound(calls);
    assertThat(in).hasSize(2);
    Call danger = in.stream().filter(c -> Boolean.TRUE.equals(c.danger())).findFirst().orElseThrow();
    Call other = in.stream().filter(c -> !Boolean.TRUE.equals(c.danger())).findFirst().orElseThrow();
    assertThat(danger.priority()).isEqualTo("10");
    assertThat(other.queuedAt()).isBefore(danger.queuedAt());
    assertThat(danger.queue()).isEqualTo("hotline-630000");
    assertThat(danger.answeredAt()).isNotNull();
    assertThat(danger.operatorInterface()).startsWith("PJSIP/op2");
    assertThat(other.answeredAt() == null || other.answeredAt().isAfter(danger.answeredAt())).isTrue();
  }

  /** A PBX restart or kill -9 during an answered call: the call is closed, never left open. */
  static void cutByThePbx(List<Call> calls) {
    Call c = only(calls);
    assertThat(c.answeredAt()).isNotNull();
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.endedAt() != null || c.endedDuringDisconnect()).isTrue();
  }
}
