package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.CallSignal.*;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A queued call whose end was lost (heard live up to the queue, then the link broke), closed later from its CDR as a
 * dialplan older than V240 writes it: no {@code hotline_answered}. The rows are the real Asterisk 20's
 * (cdr/real/*.tsv, recorded by the real-PBX suite) with that column dropped. On the real PBX every intake row's
 * disposition is ANSWERED, abandoned or not (the dialplan's Answer() at the start), so the disposition cannot tell; the
 * caller's {@code hotline_member} (app_queue's MEMBERINTERFACE, set only when a member is connected) can.
 */
class OldDialplanCdrTest {
  /** Call 1 of cdr/real/lost-end.tsv: Xining, answered by op1, caller hung up at 17:05:31. */
  static final String ANSWERED = "1796663119.0";
  /** The second call of cdr/real/answered-and-abandoned.tsv: gave up in hotline-630000 at 11:53:29, nobody connected. */
  static final String ABANDONED = "1796644403.2";

  @Test
  void anAnsweredCallsOldCdrClosesItAnsweredAtAnUnknownTimeNeverAbandoned() throws Exception {
    List<CdrCalls.Row> rows = beforeV240(rows("/cdr/real/lost-end.tsv", ANSWERED));
    assertThat(rows).extracting(CdrCalls.Row::disposition).containsOnly("ANSWERED");
    CallTracker tr = queuedThenLost(ANSWERED, rows.get(0).start(), "hotline-630100");

    CallChange c = tr.endFromCdr(CdrCalls.call(ANSWERED, rows).orElseThrow().after()).orElseThrow();

    Call call = c.after();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.abandonedTime()).as("not on the callback list").isNull();
    assertThat(call.abandonStage()).isNull();
    assertThat(call.operatorInterface()).isEqualTo("PJSIP/op1");
    assertThat(call.answeredAt()).as("the answer time is not in the old CDR: unknown, not guessed").isNull();
    assertThat(call.talkTime()).isNull();
    assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-12-07T17:05:31Z"));
    assertThat(call.endCause()).isEqualTo("CDR ANSWERED");
    assertThat(c.added()).extracting(e -> e.type() + " " + e.at() + " " + e.detail()).containsExactly(
        "ANSWERED null PJSIP/op1", "ENDED 2026-12-07T17:05:31Z CDR ANSWERED", "FROM_PBX_CDR null end");
    assertThat(tr.endFromCdr(CdrCalls.call(ANSWERED, rows).orElseThrow().after())).as("once").isEmpty();

    // the same call's CDR since V240 gives the answer second as before
    CallTracker v240 = queuedThenLost(ANSWERED, rows.get(0).start(), "hotline-630100");
    Call withAnswer = v240.endFromCdr(CdrCalls.call(ANSWERED, rows("/cdr/real/lost-end.tsv", ANSWERED)).orElseThrow()
        .after()).orElseThrow().after();
    assertThat(withAnswer.answeredAt()).isEqualTo(Instant.ofEpochSecond(1796663121));
    assertThat(withAnswer.state()).isEqualTo(CallState.ENDED);
  }

  @Test
  void anAbandonedCallsOldCdrStillPutsItOnTheCallbackList() throws Exception {
    List<CdrCalls.Row> rows = beforeV240(rows("/cdr/real/answered-and-abandoned.tsv", ABANDONED));
    assertThat(rows).extracting(CdrCalls.Row::disposition).as("abandoned, yet ANSWERED").containsOnly("ANSWERED");
    CallTracker tr = queuedThenLost(ABANDONED, rows.get(0).start(), "hotline-630000");

    Call call = tr.endFromCdr(CdrCalls.call(ABANDONED, rows).orElseThrow().after()).orElseThrow().after();

    assertThat(call.state()).isEqualTo(CallState.ABANDONED);
    assertThat(call.abandonStage()).isEqualTo(Call.STAGE_QUEUE);
    assertThat(call.abandonedTime()).isEqualTo(Instant.parse("2026-12-07T11:53:29Z"));
    assertThat(call.operatorInterface()).isNull();
  }

  @Test
  void aDestinationChannelAloneIsNoProofOfAnAnswer() throws Exception {
    // without hotline_member the Queue row's destination (answer = start, the intake's Answer()) may be a phone that only
    // rang: the call stays owed a callback rather than hidden
    List<CdrCalls.Row> rows = beforeV240(rows("/cdr/real/lost-end.tsv", ANSWERED)).stream()
        .map(r -> withoutMember(r)).toList();
    assertThat(rows.get(0).dstchannel()).isEqualTo("PJSIP/op1-00000001");
    CallTracker tr = queuedThenLost(ANSWERED, rows.get(0).start(), "hotline-630100");
    Call call = tr.endFromCdr(CdrCalls.call(ANSWERED, rows).orElseThrow().after()).orElseThrow().after();
    assertThat(call.state()).isEqualTo(CallState.ABANDONED);
    assertThat(call.operatorInterface()).isNull();

    // a leg answered after the start (a dialplan that does not answer first) is an answer, with its time
    Instant start = rows.get(0).start();
    List<CdrCalls.Row> late = List.of(withAnswer(rows.get(0), start.plusSeconds(4)), rows.get(1));
    Call imported = CdrCalls.call(ANSWERED, late).orElseThrow().after();
    assertThat(imported.operatorInterface()).isEqualTo("PJSIP/op1");
    assertThat(imported.answeredAt()).isEqualTo(start.plusSeconds(4));
  }

  @Test
  void anOldCdrImportedAloneIsAnsweredWithoutATimeToo() throws Exception {
    Call call = CdrCalls.call(ANSWERED, beforeV240(rows("/cdr/real/lost-end.tsv", ANSWERED))).orElseThrow().after();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.operatorInterface()).isEqualTo("PJSIP/op1");
    assertThat(call.answeredAt()).isNull();
    assertThat(call.abandonedTime()).isNull();
  }

  // ---- helpers ----

  /** Heard live: the caller's channel, the IVR, the queue join; then the link broke and a resync closed it, time unknown. */
  private static CallTracker queuedThenLost(String linkedid, Instant start, String queue) {
    CallTracker tr = new CallTracker(Clock.fixed(start.plusSeconds(120), ZoneOffset.UTC), Duration.ofMinutes(30));
    tr.apply(new ChannelOpened(linkedid, linkedid, "PJSIP/trunk-xining-test-00000000", "13909710001", "12349", start));
    tr.apply(new IvrEntered(linkedid, start.plusMillis(100)));
    tr.apply(new QueueJoined(linkedid, queue, 1, start.plusSeconds(2)));
    tr.reconcile(new PbxSnapshot(List.of(), List.of()), Set.of(linkedid));
    Call closed = tr.get(linkedid).orElseThrow();
    assertThat(closed.endCause()).isEqualTo(Call.CAUSE_PBX_DISCONNECT);
    assertThat(closed.endedAt()).isNull();
    return tr;
  }

  /** The recorded rows of one Linkedid (PostgreSQL COPY text, RealCdr's column order; 32 or 33 columns). */
  static List<CdrCalls.Row> rows(String resource, String linkedid) throws Exception {
    String text;
    try (InputStream in = OldDialplanCdrTest.class.getResourceAsStream(resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return text.lines().map(l -> l.split("\t", -1)).filter(f -> linkedid.equals(f[20])).map(f -> {
      String[] v = Arrays.stream(f).map(s -> s.equals("\\N") || s.isEmpty() ? null : s).toArray(String[]::new);
      return new CdrCalls.Row(v[20], v[17], v[5], v[6], v[2], v[3], v[4], utc(v[9]), utc(v[10]), utc(v[11]), v[14],
          Integer.valueOf(v[21]), v[22], v[23], v[24], v[25], v[26], v[27], v[28], v[29], v[30], v[31],
          v.length > 32 ? v[32] : null);
    }).toList();
  }

  /** As a dialplan before V240 wrote them: no hotline_dialled, no hotline_answered. */
  private static List<CdrCalls.Row> beforeV240(List<CdrCalls.Row> rows) {
    return rows.stream().map(r -> new CdrCalls.Row(r.linkedid(), r.uniqueid(), r.channel(), r.dstchannel(), r.src(),
        r.dst(), r.dcontext(), r.start(), r.answer(), r.end(), r.disposition(), r.sequence(), r.prefecture(), r.queue(),
        r.member(), r.unanswered(), r.recording(), r.language(), r.danger(), r.callback())).toList();
  }

  private static CdrCalls.Row withoutMember(CdrCalls.Row r) {
    return new CdrCalls.Row(r.linkedid(), r.uniqueid(), r.channel(), r.dstchannel(), r.src(), r.dst(), r.dcontext(),
        r.start(), r.answer(), r.end(), r.disposition(), r.sequence(), r.prefecture(), r.queue(), null, r.unanswered(),
        r.recording(), r.language(), r.danger(), r.callback());
  }

  private static CdrCalls.Row withAnswer(CdrCalls.Row r, Instant answer) {
    return new CdrCalls.Row(r.linkedid(), r.uniqueid(), r.channel(), r.dstchannel(), r.src(), r.dst(), r.dcontext(),
        r.start(), answer, r.end(), r.disposition(), r.sequence(), r.prefecture(), r.queue(), r.member(), r.unanswered(),
        r.recording(), r.language(), r.danger(), r.callback());
  }

  private static Instant utc(String s) {
    return s == null ? null : LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
  }
}
