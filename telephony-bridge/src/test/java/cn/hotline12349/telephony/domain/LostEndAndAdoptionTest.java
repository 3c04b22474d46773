package cn.hotline12349.telephony.domain;

import static cn.hotline12349.telephony.domain.CallTrackerTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.CallSignal.*;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracker's side of the lost-end closing (from the CDR) and of calls adopted at a resync (from Getvar). */
class LostEndAndAdoptionTest {
  static final String L = "1795432606.0";

  /** The CDR rows cdr_pgsql writes for the answered call (shape of cdr/real/lost-end.tsv): Queue leg, then Return. */
  static List<CdrCalls.Row> cdr(Instant end, String member, String answered) {
    return List.of(
        new CdrCalls.Row(L, L, "PJSIP/trunk-xining-0001", member == null ? null : "PJSIP/op1-00000001", "13812345678",
            "s", "hotline-intake",
            t(0), t(0), end, "ANSWERED", 0, null, "hotline-630100", null, null, null, null, null, null, "12349", null),
        new CdrCalls.Row(L, L, "PJSIP/trunk-xining-0001", null, "13812345678", "s", "hotline-intake", end, end, end,
            "ANSWERED", 4, "630100", "hotline-630100", member, null, "rec.wav", "zh", "0", null, "12349", answered));
  }

  private static CallTracker closedWithoutTime(List<CallSignal> heard) {
    CallTracker tr = CallTrackerTest.tracker();
    heard.forEach(tr::apply);
    tr.reconcile(new PbxSnapshot(List.of(), List.of()), Set.of(L));
    assertThat(tr.get(L).orElseThrow().endCause()).isEqualTo(Call.CAUSE_PBX_DISCONNECT);
    return tr;
  }

  @Test
  void anAnsweredCallsLostEndIsTheCdrsAndKnownFactsStay() {
    List<CallSignal> heard = CallTrackerTest.answeredCall().subList(0, 7); // up to the answer, the end lost
    CallTracker tr = closedWithoutTime(heard);
    Call fromCdr = CdrCalls.call(L, cdr(t(70), "PJSIP/op1", Long.toString(t(9).getEpochSecond()))).orElseThrow().after();

    CallChange c = tr.endFromCdr(fromCdr).orElseThrow();

    Call call = c.after();
    assertThat(call.endedAt()).isEqualTo(t(70));
    assertThat(call.endCause()).isEqualTo("CDR ANSWERED");
    assertThat(call.endedDuringDisconnect()).isFalse();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    // heard live, kept: the operator, the answer to the millisecond, the queue position
    assertThat(call.operatorInterface()).isEqualTo("PJSIP/8001");
    assertThat(call.answeredAt()).isEqualTo(t(9.2));
    assertThat(call.queuePosition()).isEqualTo(2);
    assertThat(call.talkTime()).isEqualTo(Duration.ofMillis(60_800));
    assertThat(c.added()).extracting(TimelineEntry::type).containsExactly(TimelineEntry.ENDED, TimelineEntry.FROM_PBX_CDR);
    assertThat(tr.endFromCdr(fromCdr)).as("once").isEmpty();
  }

  @Test
  void aQueuedCallTheCdrShowsUnansweredIsAbandonedInTheQueue_andAnAnsweredOneGetsItsOperator() {
    List<CallSignal> queued = CallTrackerTest.answeredCall().subList(0, 4);
    CallTracker tr = closedWithoutTime(queued);
    Call unanswered = CdrCalls.call(L, cdr(t(40), null, null)).orElseThrow().after();
    Call call = tr.endFromCdr(unanswered).orElseThrow().after();
    assertThat(call.state()).isEqualTo(CallState.ABANDONED);
    assertThat(call.abandonStage()).isEqualTo(Call.STAGE_QUEUE);
    assertThat(call.abandonedTime()).isEqualTo(t(40));

    CallTracker tr2 = closedWithoutTime(queued);
    Call answered = CdrCalls.call(L, cdr(t(40), "PJSIP/op1", Long.toString(t(12).getEpochSecond()))).orElseThrow().after();
    Call call2 = tr2.endFromCdr(answered).orElseThrow().after();
    assertThat(call2.state()).isEqualTo(CallState.ENDED);
    assertThat(call2.answeredAt()).isEqualTo(t(12));
    assertThat(call2.operatorInterface()).isEqualTo("PJSIP/op1");
  }

  @Test
  void onlyCallsClosedWithoutATimeAreTouched() {
    CallTracker tr = CallTrackerTest.tracker();
    CallTrackerTest.answeredCall().forEach(tr::apply); // heard to the end
    Call fromCdr = CdrCalls.call(L, cdr(t(75), "PJSIP/op1", null)).orElseThrow().after();
    assertThat(tr.endFromCdr(fromCdr)).isEmpty();
    assertThat(tr.get(L).orElseThrow().endedAt()).isEqualTo(t(70.4));

    CallTracker live = CallTrackerTest.tracker();
    CallTrackerTest.answeredCall().subList(0, 7).forEach(live::apply); // open, not judged by a resync: left alone
    assertThat(live.endFromCdr(fromCdr)).isEmpty();
  }

  @Test
  void aCallFirstSeenAtTheResyncTakesItsQueueOperatorAndAnswerFromTheChannelsVariables() {
    CallTracker tr = CallTrackerTest.tracker();
    Map<String, String> vars = Map.of(PbxSnapshot.QUEUENAME, "hotline-632800", PbxSnapshot.QUEUEPOSITION, "3",
        PbxSnapshot.MEMBERINTERFACE, "PJSIP/op2", PbxSnapshot.MEMBERNAME, "op-haixi",
        CallVariables.ANSWERED, Long.toString(t(20).getEpochSecond()), CallVariables.PREFECTURE, "632800",
        CallVariables.DANGER, "1", CallVariables.PRIORITY, "10");
    PbxSnapshot snap = new PbxSnapshot(List.of(new PbxSnapshot.LiveChannel(L, L, "PJSIP/trunk-haixi-1", "13997710203",
        "s", "Queue", "b1", Duration.ofSeconds(90), vars)), List.of());

    Call c = tr.reconcile(snap, Set.of()).get(0).after();

    assertThat(c.state()).isEqualTo(CallState.ANSWERED);
    assertThat(c.queue()).isEqualTo("hotline-632800");
    assertThat(c.queuePosition()).isEqualTo(3);
    assertThat(c.operatorInterface()).isEqualTo("PJSIP/op2");
    assertThat(c.answeredAt()).isEqualTo(t(20));
    assertThat(c.prefecture()).isEqualTo("632800");
    assertThat(c.danger()).isTrue();
    assertThat(c.queuedAt()).as("the join was not heard: unknown, not guessed").isNull();
    // the operator without an answer time is not taken as an answer
    CallTracker tr2 = CallTrackerTest.tracker();
    PbxSnapshot noTime = new PbxSnapshot(List.of(new PbxSnapshot.LiveChannel(L, L, "PJSIP/trunk-haixi-1", "13997710203",
        "s", "Queue", "b1", Duration.ofSeconds(90), Map.of(PbxSnapshot.MEMBERINTERFACE, "PJSIP/op2"))), List.of());
    assertThat(tr2.reconcile(noTime, Set.of()).get(0).after().answeredAt()).isNull();
  }

  @Test
  void aCallbacksCdrCarriesItsOrgUnitResultAndTheChildsAnswer() {
    String op = "1796662985.0";
    Instant start = Instant.parse("2026-12-07T17:03:05Z");
    Instant end = Instant.parse("2026-12-07T17:03:12Z");
    List<CdrCalls.Row> rows = List.of(
        new CdrCalls.Row(op, op, "PJSIP/op1-00000000", "PJSIP/trunk-child-test-00000001", "12349", "13909710009",
            "hotline-callback", start, start, end, "ANSWERED", 0, null, null, null, null, null, null, null, null, null, null,
            null),
        new CdrCalls.Row(op, op, "PJSIP/op1-00000000", null, "12349", "13909710009", "hotline-callback", end, end, end,
            "ANSWERED", 2, "630100", null, null, null, null, null, null, "cb-1", null, null, "ANSWER:7"));
    Call c = CdrCalls.call(op, rows).orElseThrow().after();
    assertThat(c.direction()).isEqualTo(Call.OUTBOUND);
    assertThat(c.prefecture()).isEqualTo("630100");
    assertThat(c.callbackResult()).isEqualTo("ANSWER:7");
    assertThat(c.answeredAt()).isEqualTo(end.minusSeconds(7));
    assertThat(c.talkTime()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.state()).isEqualTo(CallState.ENDED);
    assertThat(CdrCalls.calledPartyAnswer("BUSY:", start, end)).isNull();
    assertThat(CdrCalls.calledPartyAnswer("ANSWER:60", start, end)).as("never before the start").isEqualTo(start);
  }
}
