package cn.hotline12349.telephony.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call rebuilt from the PBX's own call detail records (Asterisk CDR rows of one Linkedid, as cdr_pgsql writes them
 * into {@code pbx_cdr}), for calls no bridge saw: they began and ended while no node held the AMI link. Only what the
 * CDR says for sure is set; the rest stays unknown (null), never guessed:
 *
 * <ul>
 *   <li>caller number ({@code src}), dialled ({@code dst}), start (earliest {@code start}), end (latest {@code end});
 *   <li>prefecture, queue, recording, language, danger key: the {@code hotline_*} CDR variables the dialplan's hangup
 *       handler copies from the channel (scripts/asterisk/extensions.conf);
 *   <li>answered: an operator is known ({@code hotline_member}, Queue's MEMBERINTERFACE, set only when a member is
 *       connected; else the destination channel of a leg answered after the start); the answer time is
 *       {@code hotline_answered}, else that leg's {@code answer} when after the start, else unknown (a dialplan before
 *       V240). Then the call ENDED normally, never abandoned ({@link Call#abandonedTime});
 *   <li>otherwise the caller was lost: abandoned at the end, in the queue when a queue was joined, "unanswered" when
 *       the dialplan gave up (hotline_unanswered), in the IVR when neither;
 *   <li>a reply call ({@code hotline_callback} set, or context {@code hotline-callback}) is OUTBOUND; the org unit that
 *       placed it ({@code hotline_prefecture}), the called party's result ({@code hotline_callback_result},
 *       {@code <DIALSTATUS>:<seconds talked>}) and, when they answered, the answer time (end minus the seconds).
 * </ul>
 * Each such call carries the timeline entry {@value TimelineEntry#FROM_PBX_CDR}.
 */
public final class CdrCalls {
  private CdrCalls() {}

  /** One CDR row; blank strings of cdr_pgsql ('' for unset) are read as null by the source. */
  public record Row(String linkedid, String uniqueid, String channel, String dstchannel, String src, String dst,
      String dcontext, Instant start, Instant answer, Instant end, String disposition, Integer sequence,
      String prefecture, String queue, String member, String unanswered, String recording, String language,
      String danger, String callback, String dialled, String answered, String callbackResult) {
    /** A row without hotline_callback_result (a dialplan before V285). */
    public Row(String linkedid, String uniqueid, String channel, String dstchannel, String src, String dst,
        String dcontext, Instant start, Instant answer, Instant end, String disposition, Integer sequence,
        String prefecture, String queue, String member, String unanswered, String recording, String language,
        String danger, String callback, String dialled, String answered) {
      this(linkedid, uniqueid, channel, dstchannel, src, dst, dcontext, start, answer, end, disposition, sequence,
          prefecture, queue, member, unanswered, recording, language, danger, callback, dialled, answered, null);
    }

    /** A row without the hotline_dialled / hotline_answered variables (a dialplan before V240). */
    public Row(String linkedid, String uniqueid, String channel, String dstchannel, String src, String dst,
        String dcontext, Instant start, Instant answer, Instant end, String disposition, Integer sequence,
        String prefecture, String queue, String member, String unanswered, String recording, String language,
        String danger, String callback) {
      this(linkedid, uniqueid, channel, dstchannel, src, dst, dcontext, start, answer, end, disposition, sequence,
          prefecture, queue, member, unanswered, recording, language, danger, callback, null, null, null);
    }
  }

  /** The call of one Linkedid from its rows; empty when the rows say too little (no start, no end). */
  public static Optional<CallChange> call(String linkedid, List<Row> rows) {
    List<Row> own = rows.stream().filter(r -> linkedid.equals(r.linkedid()))
        .sorted(Comparator.comparing(Row::start, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.sequence() == null ? Integer.MAX_VALUE : r.sequence()))
        .toList();
    if (own.isEmpty()) return Optional.empty();
    // the caller's own channel carries the Linkedid as its Uniqueid; its first row is the call's beginning
    Row caller = own.stream().filter(r -> linkedid.equals(r.uniqueid())).findFirst().orElse(own.get(0));
    Instant start = own.stream().map(Row::start).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    Instant end = own.stream().map(Row::end).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    if (start == null || end == null) return Optional.empty();

    Call.Builder b = Call.builder(linkedid);
    b.callerNumber = caller.src();
    // the CDR's dst is where the call ended up in the dialplan ("s" of the intake on a real Asterisk), not what was dialled
    String dialled = first(own, Row::dialled);
    b.dialled = dialled != null ? dialled : "s".equals(caller.dst()) ? null : caller.dst();
    b.startedAt = start;
    b.endedAt = end;
    b.prefecture = first(own, Row::prefecture);
    b.queue = first(own, Row::queue);
    b.recording = first(own, Row::recording);
    b.language = first(own, Row::language);
    String danger = first(own, Row::danger);
    b.danger = danger == null ? null : "1".equals(danger);
    String callback = first(own, Row::callback);
    if (callback != null || "hotline-callback".equals(caller.dcontext())) {
      b.direction = Call.OUTBOUND;
      b.callbackId = callback;
      b.callbackResult = first(own, Row::callbackResult);
    }
    Optional<Row> answeredLeg = own.stream()
        .filter(r -> "ANSWERED".equalsIgnoreCase(r.disposition()) && r.dstchannel() != null && r.answer() != null)
        .findFirst();
    String member = first(own, Row::member);
    // Without hotline_member a leg's destination is an operator only when that leg's own answer is after the start: the
    // intake answers every call at once (disposition ANSWERED, answer = start, abandoned or not), so a destination on
    // such a row may be a phone that rang and never answered; an unproven answer must not hide a call owed a callback.
    if (member == null) {
      member = answeredLeg.filter(r -> r.answer().isAfter(start)).map(r -> memberOf(r.dstchannel())).orElse(null);
    }
    List<TimelineEntry> timeline = new java.util.ArrayList<>();
    timeline.add(new TimelineEntry(TimelineEntry.STARTED, start, null));
    if (member != null && !Call.OUTBOUND.equals(b.direction)) {
      b.operatorInterface = member;
      // The operator's answer: hotline_answered (Queue's gosub, epoch seconds). A leg's own answer time only when it is
      // after the start: the intake answers every call in the dialplan at once, which is not the operator answering.
      Instant operatorAnswer = epoch(first(own, Row::answered));
      b.answeredAt = operatorAnswer != null ? (operatorAnswer.isBefore(start) || operatorAnswer.isAfter(end) ? null
          : operatorAnswer) : answeredLeg.map(Row::answer).filter(a -> a.isAfter(start) && !a.isAfter(end)).orElse(null);
      if (b.answeredAt != null) timeline.add(new TimelineEntry(TimelineEntry.ANSWERED, b.answeredAt, member));
    } else if (Call.OUTBOUND.equals(b.direction)) {
      // a reply call: the called party's answer, from the end handler's <DIALSTATUS>:<seconds talked> (the CDR's own
      // answer is the operator's phone answering the Originate)
      b.answeredAt = calledPartyAnswer(b.callbackResult, start, end);
      if (b.answeredAt != null) timeline.add(new TimelineEntry(TimelineEntry.ANSWERED, b.answeredAt, b.dialled));
    } else {
      String unanswered = first(own, Row::unanswered);
      if (unanswered != null) b.unanswered = unanswered;
      else if (b.queue != null) b.abandonedAt = end;
      else b.ivrAt = start;
    }
    timeline.add(new TimelineEntry(TimelineEntry.ENDED, end, caller.disposition()));
    timeline.add(new TimelineEntry(TimelineEntry.FROM_PBX_CDR, null, own.size() + " CDR rows"));
    if (b.recording != null) timeline.add(new TimelineEntry(TimelineEntry.RECORDING, start, b.recording));
    b.endCause = "CDR " + (caller.disposition() == null ? "" : caller.disposition());
    return Optional.of(new CallChange(null, b.build(), List.copyOf(timeline)));
  }

  /** Queue member interface from a channel name: {@code Local/1001@queue-agents-00000002;1} → {@code Local/1001@queue-agents/n}. */
  static String memberOf(String channel) {
    if (channel == null || channel.isBlank()) return null;
    String c = channel.strip();
    int dash = c.lastIndexOf('-');
    String base = dash > c.indexOf('/') ? c.substring(0, dash) : c;
    return base.startsWith("Local/") ? base + "/n" : base;
  }

  /** {@code ANSWER:7} ended at {@code end}: answered 7 s before it (whole seconds, never before the start). */
  static Instant calledPartyAnswer(String callbackResult, Instant start, Instant end) {
    if (callbackResult == null || !callbackResult.startsWith("ANSWER:")) return null;
    try {
      Instant at = end.minusSeconds(Long.parseLong(callbackResult.substring("ANSWER:".length()).strip()));
      return at.isBefore(start) ? start : at;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epoch(String seconds) {
    if (seconds == null) return null;
    try {
      return Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String first(List<Row> rows, Function<Row, String> f) {
    return rows.stream().map(f).filter(s -> s != null && !s.isBlank()).findFirst().orElse(null);
  }
}
