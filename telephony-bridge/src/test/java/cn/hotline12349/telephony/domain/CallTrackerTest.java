package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.CallSignal.*;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallTrackerTest {
  static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
  static final String L = "1795432606.0";

  static Instant t(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  static List<CallSignal> answeredCall() {
    return List.of(
        new ChannelOpened(L, L, "PJSIP/trunk-xining-0001", "13812345678", "12349", t(0)),
        new IvrEntered(L, t(0.5)),
        new VariableSet(L, L, CallVariables.PREFECTURE, "630100", t(3)),
        new QueueJoined(L, "hotline-630100", 2, t(3.1)),
        new ChannelOpened(L, "1795432607.1", "Local/1001@queue-agents-0;1", "12349", "1001", t(8)),
        new AgentOffered(L, "hotline-630100", "PJSIP/8001", "op.xining1", t(8)),
        new AgentAnswered(L, "hotline-630100", "PJSIP/8001", "op.xining1", 5, t(9.2)),
        new ChannelHungUp(L, "1795432607.1", "Local/1001@queue-agents-0;1", "12349", 16, "Normal Clearing", t(70)),
        new ChannelHungUp(L, L, "PJSIP/trunk-xining-0001", "13812345678", 16, "Normal Clearing", t(70.4)));
  }

  static CallTracker tracker() {
    return new CallTracker(Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC), Duration.ofMinutes(30));
  }

  @Test
  void lifecycleOfAnAnsweredCall() {
    CallTracker tr = tracker();
    List<CallState> states = new ArrayList<>();
    for (CallSignal s : answeredCall()) tr.apply(s).ifPresent(c -> states.add(c.after().state()));

    Call c = tr.get(L).orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(states).containsSubsequence(CallState.RINGING, CallState.IVR, CallState.QUEUED, CallState.OFFERED,
        CallState.ANSWERED, CallState.ENDED);
    assertThat(c.callerNumber()).isEqualTo("13812345678");
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.queuePosition()).isEqualTo(2);
    assertThat(c.operatorInterface()).isEqualTo("PJSIP/8001");
    assertThat(c.waitTime()).isEqualTo(Duration.ofMillis(6100));
    assertThat(c.talkTime()).isEqualTo(Duration.ofMillis(61200));
    assertThat(c.endCause()).isEqualTo("16 Normal Clearing");
  }

  @Test
  void duplicatesChangeNothingAndAnyOrderGivesTheSameRecord() {
    CallTracker straight = tracker();
    answeredCall().forEach(straight::apply);
    Call expected = straight.get(L).orElseThrow();
    for (CallSignal s : answeredCall()) assertThat(straight.apply(s)).isEmpty();

    for (long seed = 1; seed <= 50; seed++) {
      List<CallSignal> shuffled = new ArrayList<>(answeredCall());
      shuffled.addAll(answeredCall().subList(2, 6));
      Collections.shuffle(shuffled, new Random(seed));
      CallTracker tr = tracker();
      shuffled.forEach(tr::apply);
      assertThat(tr.get(L)).as("seed %d", seed).contains(expected);
    }
  }

  @Test
  void transferredCallIsTransferredUntilItEnds() {
    CallTracker tr = tracker();
    answeredCall().subList(0, 7).forEach(tr::apply);
    tr.apply(new Transferred(L, "BLIND", "8002", t(40)));
    assertThat(tr.get(L).orElseThrow().state()).isEqualTo(CallState.TRANSFERRED);
    var end = tr.apply(answeredCall().get(8)).orElseThrow();
    assertThat(end.after().state()).isEqualTo(CallState.ENDED);
    assertThat(end.after().transferTarget()).isEqualTo("8002");
    assertThat(end.after().operatorInterface()).isEqualTo("PJSIP/8001");
  }

  @Test
  void abandonedStaysAbandonedAfterTheHangup() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened(L, L, "PJSIP/x-1", "09716123456", "12349", t(0)));
    tr.apply(new QueueJoined(L, "hotline-630100", 1, t(2)));
    tr.apply(new CallerAbandoned(L, "hotline-630100", 1, 40, t(42)));
    tr.apply(new ChannelHungUp(L, L, "PJSIP/x-1", "09716123456", 0, "Unknown", t(42.1)));
    Call c = tr.get(L).orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.waitTime()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void aCallAnsweredWhileTheLinkWasDownGetsItsAnswerBackFromAgentComplete() {
    CallTracker tr = tracker(); // its clock reads T0 + 100 s, the reconnect
    PbxSnapshot snap = new PbxSnapshot(List.of(new PbxSnapshot.LiveChannel(L, L, "PJSIP/trunk-xining-0001",
        "13812345678", "12349", "Queue", "bridge-1", Duration.ofSeconds(40))), List.of());
    assertThat(tr.reconcile(snap, Set.of())).hasSize(1);
    AgentCompleted done = new AgentCompleted(L, "hotline-630100", "PJSIP/8001", "op.xining1", 5, 52, t(130));
    Call c = tr.apply(done).orElseThrow().after();
    assertThat(c.answeredAt()).isEqualTo(t(78));
    assertThat(c.operatorInterface()).isEqualTo("PJSIP/8001");
    assertThat(tr.apply(done)).as("a duplicate changes nothing").isEmpty();

    CallTracker live = tracker(); // a call heard whole: AgentConnect is exact, AgentComplete adds nothing
    answeredCall().forEach(live::apply);
    Call heard = live.get(L).orElseThrow();
    assertThat(live.apply(new AgentCompleted(L, "hotline-630100", "PJSIP/8001", "op.xining1", 5, 62, t(70.4)))).isEmpty();
    assertThat(live.get(L)).contains(heard);
  }

  @Test
  void reconcileClosesOnlyCallsOpenBeforeTheReconnectThatThePbxNoLongerHas() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened("A", "A", "PJSIP/x-1", "13800000001", "12349", t(0)));
    tr.apply(new ChannelOpened("B", "B", "PJSIP/x-2", "13800000002", "12349", t(1)));
    tr.apply(new ChannelOpened("N", "N", "PJSIP/x-4", "13800000004", "12349", t(50)));
    PbxSnapshot snap = new PbxSnapshot(List.of(
        new PbxSnapshot.LiveChannel("B", "B", "PJSIP/x-2", "13800000002", "12349", "Queue", "", Duration.ofSeconds(99)),
        new PbxSnapshot.LiveChannel("C", "C", "PJSIP/x-3", "13800000003", "12349", "Queue", "", Duration.ofSeconds(20))),
        List.of(new PbxSnapshot.QueuedCaller("hotline-630100", 1, "C", "PJSIP/x-3", "13800000003", 15)));

    var changes = tr.reconcile(snap, Set.of("A", "B"));

    assertThat(changes).hasSize(2);
    Call a = tr.get("A").orElseThrow();
    assertThat(a.state()).isEqualTo(CallState.ENDED);
    assertThat(a.endCause()).isEqualTo(Call.CAUSE_PBX_DISCONNECT);
    assertThat(a.endedAt()).isNull();
    assertThat(tr.get("B").orElseThrow().state()).isEqualTo(CallState.RINGING);
    assertThat(tr.get("N").orElseThrow().state()).isEqualTo(CallState.RINGING);
    Call c = tr.get("C").orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.QUEUED);
    assertThat(c.queue()).isEqualTo("hotline-630100");
    assertThat(tr.reconcile(snap, Set.of("A", "B"))).isEmpty();
  }

  @Test
  void terminalCallsAreForgottenAfterTheRetention() {
    Instant[] now = {T0};
    Clock moving = new Clock() {
      public ZoneOffset getZone() { return ZoneOffset.UTC; }
      public Clock withZone(java.time.ZoneId z) { return this; }
      public Instant instant() { return now[0]; }
    };
    CallTracker tr = new CallTracker(moving, Duration.ofMinutes(30));
    answeredCall().forEach(tr::apply);
    now[0] = T0.plus(Duration.ofMinutes(29));
    assertThat(tr.evictTerminal()).isZero();
    now[0] = T0.plus(Duration.ofMinutes(31));
    assertThat(tr.evictTerminal()).isEqualTo(1);
    assertThat(tr.get(L)).isEmpty();
  }

  // ---- issue 13 ----

  @Test
  void callerWhoHangsUpInTheIvrIsAbandonedThere() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened(L, L, "PJSIP/trunk-xining-0001", "13812345678", "12349", t(0)));
    tr.apply(new IvrEntered(L, t(0.5)));
    tr.apply(new ChannelHungUp(L, L, "PJSIP/trunk-xining-0001", "13812345678", 16, "Normal Clearing", t(2.5)));

    Call c = tr.get(L).orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.abandonStage()).isEqualTo(Call.STAGE_IVR);
    assertThat(c.abandonedTime()).isEqualTo(t(2.5));
  }

  @Test
  void internalCallsAndCallbacksThatEndAreNeverAbandoned() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened(L, L, "PJSIP/8001-0001", "8001", "8002", t(0)));
    tr.apply(new ChannelHungUp(L, L, "PJSIP/8001-0001", "8001", 16, "Normal Clearing", t(5)));
    assertThat(tr.get(L).orElseThrow().state()).isEqualTo(CallState.ENDED);

    String cb = "1795440000.9001";
    tr.apply(new ChannelOpened(cb, cb, "PJSIP/8001-0002", "12349", "s", t(10)));
    tr.apply(new VariableSet(cb, cb, CallVariables.CALLBACK, "cb-1", t(10)));
    tr.apply(new VariableSet(cb, cb, CallVariables.PREFECTURE, "630100", t(10)));
    tr.apply(new VariableSet(cb, cb, CallVariables.DIALLED, "13909710001", t(10.1)));
    tr.apply(new VariableSet(cb, cb, CallVariables.CALLBACK_RESULT, "NOANSWER:", t(40)));
    tr.apply(new ChannelHungUp(cb, cb, "PJSIP/8001-0002", "12349", 16, "Normal Clearing", t(40)));
    Call c = tr.get(cb).orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(c.direction()).isEqualTo(Call.OUTBOUND);
    assertThat(c.dialled()).isEqualTo("13909710001"); // not the originated channel's "s"
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.callbackResult()).isEqualTo("NOANSWER:");
  }

  @Test
  void overflowedCallIsInTheQueueThatAnsweredItAndWaitedFromTheFirstJoin() {
    List<CallSignal> overflow = List.of(
        new ChannelOpened(L, L, "PJSIP/trunk-xining-0001", "13812345678", "12349", t(0)),
        new IvrEntered(L, t(0.5)),
        new VariableSet(L, L, CallVariables.QUEUE, "hotline-630100", t(3)),
        new QueueJoined(L, "hotline-630100", 1, t(3.1)),
        new QueueJoined(L, "hotline-630000", 3, t(93.1)),
        new AgentAnswered(L, "hotline-630000", "PJSIP/8009", "prov-op", 20, t(113.1)),
        new ChannelHungUp(L, L, "PJSIP/trunk-xining-0001", "13812345678", 16, "Normal Clearing", t(200)));
    CallTracker straight = tracker();
    overflow.forEach(straight::apply);
    Call c = straight.get(L).orElseThrow();
    assertThat(c.queue()).isEqualTo("hotline-630000");
    assertThat(c.queuePosition()).isEqualTo(3);
    assertThat(c.waitTime()).isEqualTo(Duration.ofMillis(110_000));
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    for (long seed = 1; seed <= 30; seed++) {
      List<CallSignal> shuffled = new ArrayList<>(overflow);
      Collections.shuffle(shuffled, new Random(seed));
      CallTracker tr = tracker();
      shuffled.forEach(tr::apply);
      assertThat(tr.get(L)).as("seed %d", seed).contains(c);
    }
  }

  @Test
  void callNobodyAnsweredIsAbandonedAsUnansweredWithItsQueueStatus() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened(L, L, "PJSIP/trunk-haixi-0001", "09778212345", "12349", t(0)));
    tr.apply(new IvrEntered(L, t(0.5)));
    tr.apply(new QueueJoined(L, "hotline-630000", 1, t(4)));
    tr.apply(new VariableSet(L, L, CallVariables.UNANSWERED, "TIMEOUT", t(604)));
    tr.apply(new ChannelHungUp(L, L, "PJSIP/trunk-haixi-0001", "09778212345", 16, "Normal Clearing", t(608)));

    Call c = tr.get(L).orElseThrow();
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.abandonStage()).isEqualTo(Call.STAGE_UNANSWERED);
    assertThat(c.unanswered()).isEqualTo("TIMEOUT");
    assertThat(c.waitTime()).isEqualTo(Duration.ofSeconds(604));
  }

  @Test
  void endCauseWithoutTextIsNamed() {
    CallTracker tr = tracker();
    tr.apply(new ChannelOpened(L, L, "PJSIP/8001-0001", "8001", "8002", t(0)));
    tr.apply(new ChannelHungUp(L, L, "PJSIP/8001-0001", "8001", 0, null, t(5)));
    assertThat(tr.get(L).orElseThrow().endCause()).isEqualTo("0 Unknown");
    assertThat(HangupCause.describe(17, "")).isEqualTo("17 User busy");
  }
}
