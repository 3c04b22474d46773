package cn.hotline12349.telephony.domain;

import cn.hotline12349.telephony.domain.CallSignal.*;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The single writer of call state. Not thread-safe by design: the bridge calls it from one
 * Vert.x context only. Every merge keeps the earliest fact, so duplicated or reordered
 * signals converge on the same record, and a signal that adds nothing yields no change.
 */
public final class CallTracker {
  private final Clock clock;
  private final Duration retention;
  private final Map<String, Call> calls = new LinkedHashMap<>();
  /**
   * Each call's timeline entries so far, to tell a new one from a repeat: the entries themselves (a record's equality),
   * with a missing detail as "" (as {@link TimelineEntry#key()} counts it). A string key per entry was the largest
   * allocation of a burst's absorption (formatting the time; docs/BENCHMARKS.md).
   */
  private final Map<String, Set<TimelineEntry>> timelineKeys = new HashMap<>();
  private final Map<String, Instant> terminalSince = new HashMap<>();

  public CallTracker(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  public Optional<Call> get(String linkedid) {
    return Optional.ofNullable(calls.get(linkedid));
  }

  public Collection<Call> calls() {
    return List.copyOf(calls.values());
  }

  public List<Call> openCalls() {
    return calls.values().stream().filter(c -> !c.state().terminal()).toList();
  }

  /** Puts back a call loaded from the store (after a restart), without emitting a change. */
  public void restore(Call call) {
    calls.putIfAbsent(call.linkedid(), call);
    // a terminal call (imported from the PBX's CDR) is forgotten like any other after the retention window
    if (call.state().terminal()) terminalSince.putIfAbsent(call.linkedid(), clock.instant());
  }

  public Optional<CallChange> apply(CallSignal s) {
    if (s.linkedid() == null || s.linkedid().isBlank()) return Optional.empty();
    Call before = calls.get(s.linkedid());
    Call.Builder b = before == null ? Call.builder(s.linkedid()) : before.toBuilder();
    List<TimelineEntry> entries = new ArrayList<>();
    boolean callerLeg = isCallerLeg(s);
    if (s instanceof ChannelOpened o) {
        b.startedAt = earliest(b.startedAt, o.at());
        if (callerLeg) {
          b.callerNumber = firstNonBlank(b.callerNumber, o.callerNum());
          b.dialled = firstNonBlank(b.dialled, o.exten());
          entries.add(new TimelineEntry(TimelineEntry.STARTED, b.startedAt, null));
        }
    } else if (s instanceof IvrEntered i) {
        b.ivrAt = earliest(b.ivrAt, i.at());
        entries.add(new TimelineEntry(TimelineEntry.IVR, b.ivrAt, null));
    } else if (s instanceof VariableSet v) {
        applyVariable(b, v, entries);
    } else if (s instanceof QueueJoined q) {
        b.queuedAt = earliest(b.queuedAt, q.at()); // the wait counts from the first queue
        if (b.lastQueuedAt == null || !q.at().isBefore(b.lastQueuedAt)) { // overflow: the latest queue is where it is
          b.lastQueuedAt = q.at();
          b.queue = q.queue();
          b.queuePosition = q.position();
        }
        entries.add(new TimelineEntry(TimelineEntry.QUEUED, q.at(), q.queue() + " #" + q.position()));
    } else if (s instanceof AgentOffered a) {
        if (b.offeredAt == null || a.at().isBefore(b.offeredAt)) {
          b.offeredAt = a.at();
          b.offeredTo = a.memberInterface();
        }
        if (b.lastQueuedAt == null && b.answeredAt == null) b.queue = a.queue();
        entries.add(new TimelineEntry(TimelineEntry.OFFERED, a.at(), a.memberInterface()));
    } else if (s instanceof AgentAnswered a) {
        if (b.answeredAt == null || a.at().isBefore(b.answeredAt)) {
          b.answeredAt = a.at();
          b.operatorInterface = a.memberInterface();
          b.operatorName = a.memberName();
          b.holdSeconds = a.holdSeconds();
        }
        if (b.lastQueuedAt == null) b.queue = a.queue(); // no join seen: the answering queue, not the dialplan's intent
        entries.add(new TimelineEntry(TimelineEntry.ANSWERED, a.at(), a.memberInterface()));
    } else if (s instanceof AgentCompleted c) {
        // A call answered while the link was down lost its AgentConnect; the AgentComplete heard at its end gives the
        // answer back (its time to the second: end minus talk time). Only then: a live AgentConnect is exact.
        if (b.answeredAt != null || !adoptedAfterReconnect(s.linkedid())) return Optional.empty();
        b.answeredAt = c.at().minusSeconds(c.talkSeconds());
        b.operatorInterface = c.memberInterface();
        b.operatorName = c.memberName();
        b.holdSeconds = c.holdSeconds();
        entries.add(new TimelineEntry(TimelineEntry.ANSWERED, b.answeredAt, c.memberInterface()));
    } else if (s instanceof CallerAbandoned a) {
        if (b.abandonedAt == null || a.at().isBefore(b.abandonedAt)) {
          b.abandonedAt = a.at();
          b.holdSeconds = a.holdSeconds();
        }
        if (b.lastQueuedAt == null) b.queue = a.queue();
        entries.add(new TimelineEntry(TimelineEntry.ABANDONED, a.at(), a.queue()));
    } else if (s instanceof Transferred t) {
        if (b.transferredAt == null || t.at().isBefore(b.transferredAt)) {
          b.transferredAt = t.at();
          b.transferTarget = t.target();
        }
        entries.add(new TimelineEntry(TimelineEntry.TRANSFERRED, t.at(), t.kind() + ":" + t.target()));
    } else if (s instanceof HoldChanged hc) {
        if (b.endedAt != null || b.endedDuringDisconnect) return Optional.empty(); // a late hold after the end says nothing
        // the latest event wins, whatever order they arrive in: an older Hold/Unhold only adds its timeline entry
        if (b.holdChangedAt == null || hc.at() == null || !hc.at().isBefore(b.holdChangedAt)) {
          b.held = hc.held();
          if (hc.at() != null) b.holdChangedAt = hc.at();
        }
        entries.add(new TimelineEntry(hc.held() ? TimelineEntry.HELD : TimelineEntry.UNHELD, hc.at(), hc.channel()));
    } else if (s instanceof HangupRequested r) {
        if (before == null) return Optional.empty();
        entries.add(new TimelineEntry(TimelineEntry.HANGUP_REQUESTED, r.at(), "by " + r.byUsername()));
    } else if (s instanceof ChannelHungUp h) {
        if (!callerLeg) return Optional.empty(); // agent/local legs ending do not end the call
        b.callerNumber = firstNonBlank(b.callerNumber, h.callerNum());
        if (b.endedAt == null || h.at().isBefore(b.endedAt)) {
          b.endedAt = h.at();
          b.endCause = HangupCause.describe(h.cause(), h.causeText());
        }
        entries.add(new TimelineEntry(TimelineEntry.ENDED, h.at(), b.endCause));
        Call ended = b.build();
        if (ended.abandonedTime() != null && ended.abandonedAt() == null) {
          entries.add(new TimelineEntry(TimelineEntry.ABANDONED, h.at(), ended.abandonStage()));
        }
    }
    return commit(before, b.build(), entries);
  }

  /**
   * After a reconnect: open calls the PBX no longer has ended while we were away (time unknown);
   * live calls we never saw are opened; calls still up are left alone.
   *
   * @param openBeforeReconnect the calls that were open when the link came back; calls first seen
   *     after that moment are not judged by this (possibly older) snapshot
   */
  public List<CallChange> reconcile(PbxSnapshot snapshot, Set<String> openBeforeReconnect) {
    Instant now = clock.instant();
    List<CallChange> changes = new ArrayList<>();
    for (Call open : openCalls()) {
      if (!openBeforeReconnect.contains(open.linkedid()) || snapshot.isLive(open.linkedid())) continue;
      Call.Builder b = open.toBuilder();
      b.endedDuringDisconnect = true;
      b.endCause = Call.CAUSE_PBX_DISCONNECT;
      commit(open, b.build(), List.of(new TimelineEntry(TimelineEntry.ENDED, null, Call.CAUSE_PBX_DISCONNECT)))
          .ifPresent(changes::add);
    }
    for (PbxSnapshot.LiveChannel ch : snapshot.channels()) {
      if (!ch.uniqueid().equals(ch.linkedid()) || calls.containsKey(ch.linkedid())) continue;
      Call.Builder b = Call.builder(ch.linkedid());
      b.startedAt = ch.duration() == null ? null : now.minus(ch.duration());
      b.callerNumber = ch.callerNum();
      b.dialled = ch.exten();
      List<TimelineEntry> entries = new ArrayList<>();
      entries.add(new TimelineEntry(TimelineEntry.SEEN_AFTER_RECONNECT, now, ch.application()));
      adoptVariables(b, ch.variables(), entries);
      for (PbxSnapshot.QueuedCaller q : snapshot.queued()) {
        if (q.uniqueid().equals(ch.uniqueid())) { // still waiting: QueueStatus knows where and since when
          b.queue = q.queue();
          b.queuePosition = q.position();
          b.queuedAt = now.minusSeconds(q.waitSeconds());
        }
      }
      commit(null, b.build(), entries).ifPresent(changes::add);
    }
    return changes;
  }

  /**
   * A call first seen at a resynchronization: what its lost events said, read back from the caller's channel
   * ({@link PbxSnapshot#CALLER_VARIABLES}). Answered only when both the operator and the answer time are known; the
   * wait's start is not known (no queue join was heard), so it is left unset rather than guessed.
   */
  private static void adoptVariables(Call.Builder b, Map<String, String> v, List<TimelineEntry> entries) {
    if (v == null || v.isEmpty()) return;
    b.queue = v.get(PbxSnapshot.QUEUENAME);
    b.queuePosition = integer(v.get(PbxSnapshot.QUEUEPOSITION));
    b.prefecture = v.get(CallVariables.PREFECTURE);
    b.priority = v.get(CallVariables.PRIORITY);
    b.language = v.get(CallVariables.LANGUAGE);
    String danger = v.get(CallVariables.DANGER);
    b.danger = danger == null ? null : "1".equals(danger) || "yes".equalsIgnoreCase(danger);
    b.recording = v.get(CallVariables.RECORDING);
    if (v.get(CallVariables.CALLBACK) != null) {
      b.callbackId = v.get(CallVariables.CALLBACK);
      b.direction = Call.OUTBOUND;
      b.dialled = firstNonBlank(v.get(CallVariables.DIALLED), b.dialled);
    }
    Instant answered = epoch(v.get(CallVariables.ANSWERED));
    String member = v.get(PbxSnapshot.MEMBERINTERFACE);
    if (answered != null && member != null) {
      b.answeredAt = answered;
      b.operatorInterface = member;
      b.operatorName = v.get(PbxSnapshot.MEMBERNAME);
      entries.add(new TimelineEntry(TimelineEntry.ANSWERED, answered, member));
    }
    if (b.recording != null) entries.add(new TimelineEntry(TimelineEntry.RECORDING, null, b.recording));
  }

  /**
   * The PBX's CDR of a call a reconciliation closed without a time ({@link Call#CAUSE_PBX_DISCONNECT}: its end was lost,
   * e.g. the PBX owner died within the write-behind's window): the CDR's end and disposition close it, and what the CDR
   * knows that the call lacks is added (answer and operator, queue, prefecture...); nothing known is overwritten.
   *
   * @param fromCdr the call as {@link CdrCalls#call} rebuilt it from the CDR rows of the same Linkedid
   */
  public Optional<CallChange> endFromCdr(Call fromCdr) {
    Call before = calls.get(fromCdr.linkedid());
    if (before == null || !before.endedDuringDisconnect() || before.endedAt() != null || fromCdr.endedAt() == null) {
      return Optional.empty();
    }
    Call.Builder b = before.toBuilder();
    List<TimelineEntry> entries = new ArrayList<>();
    b.endedAt = fromCdr.endedAt();
    b.endCause = fromCdr.endCause();
    b.endedDuringDisconnect = false;
    b.startedAt = earliest(b.startedAt, fromCdr.startedAt());
    b.callerNumber = firstNonBlank(b.callerNumber, fromCdr.callerNumber());
    b.dialled = firstNonBlank(b.dialled, fromCdr.dialled());
    b.prefecture = firstNonBlank(b.prefecture, fromCdr.prefecture());
    b.queue = firstNonBlank(b.queue, fromCdr.queue());
    b.recording = firstNonBlank(b.recording, fromCdr.recording());
    b.language = firstNonBlank(b.language, fromCdr.language());
    if (b.danger == null) b.danger = fromCdr.danger();
    b.unanswered = firstNonBlank(b.unanswered, fromCdr.unanswered());
    b.callbackId = firstNonBlank(b.callbackId, fromCdr.callbackId());
    b.callbackResult = firstNonBlank(b.callbackResult, fromCdr.callbackResult());
    if (Call.OUTBOUND.equals(fromCdr.direction())) b.direction = Call.OUTBOUND;
    if (b.answeredAt == null && fromCdr.answeredAt() != null) {
      b.answeredAt = fromCdr.answeredAt();
      b.operatorInterface = firstNonBlank(b.operatorInterface, fromCdr.operatorInterface());
      entries.add(new TimelineEntry(TimelineEntry.ANSWERED, b.answeredAt, b.operatorInterface));
    } else if (b.answeredAt == null && b.operatorInterface == null && fromCdr.operatorInterface() != null
        && !Call.OUTBOUND.equals(b.direction)) {
      // Connected, time lost (a dialplan before V240 writes no hotline_answered; every intake row's disposition is
      // ANSWERED, abandoned or not, so it cannot tell): answered at an unknown time, never abandoned.
      b.operatorInterface = fromCdr.operatorInterface();
      entries.add(new TimelineEntry(TimelineEntry.ANSWERED, null, b.operatorInterface));
    }
    if (b.answeredAt == null && b.operatorInterface == null) { // lost: where, as the CDR says, unless the events told
      if (b.abandonedAt == null && b.queuedAt == null) b.abandonedAt = fromCdr.abandonedAt();
      if (b.ivrAt == null && b.queuedAt == null && b.abandonedAt == null) b.ivrAt = fromCdr.ivrAt();
    }
    entries.add(new TimelineEntry(TimelineEntry.ENDED, b.endedAt, b.endCause));
    entries.add(new TimelineEntry(TimelineEntry.FROM_PBX_CDR, null, "end"));
    return commit(before, b.build(), entries);
  }

  /** Forgets terminal calls older than the retention window; late duplicates for them are absorbed by the store's merge. */
  public int evictTerminal() {
    Instant cutoff = clock.instant().minus(retention);
    List<String> gone = terminalSince.entrySet().stream()
        .filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey).toList();
    gone.forEach(id -> {
      calls.remove(id);
      timelineKeys.remove(id);
      terminalSince.remove(id);
    });
    return gone.size();
  }

  private Optional<CallChange> commit(Call before, Call after, List<TimelineEntry> candidates) {
    Set<TimelineEntry> keys = timelineKeys.computeIfAbsent(after.linkedid(), k -> new HashSet<>());
    List<TimelineEntry> added = new ArrayList<>(candidates.size());
    for (TimelineEntry e : candidates) {
      if (keys.add(e.detail() == null ? new TimelineEntry(e.type(), e.at(), "") : e)) added.add(e);
    }
    if (after.equals(before) && added.isEmpty()) return Optional.empty();
    calls.put(after.linkedid(), after);
    if (after.state().terminal()) terminalSince.putIfAbsent(after.linkedid(), clock.instant());
    return Optional.of(new CallChange(before, after, added));
  }

  private static void applyVariable(Call.Builder b, VariableSet v, List<TimelineEntry> entries) {
    String value = v.value() == null ? "" : v.value().strip();
    if (value.isEmpty()) return;
    switch (v.name()) {
      case CallVariables.PREFECTURE -> b.prefecture = value;
      case CallVariables.QUEUE -> { // the dialplan's default, then the AGI's choice; the queue actually joined wins
        if (b.lastQueuedAt == null && b.answeredAt == null && b.abandonedAt == null && b.offeredAt == null) b.queue = value;
      }
      case CallVariables.PRIORITY -> b.priority = value;
      case CallVariables.LANGUAGE -> b.language = value;
      case CallVariables.DANGER -> b.danger = "1".equals(value) || "yes".equalsIgnoreCase(value);
      case CallVariables.RECORDING -> {
        b.recording = value;
        entries.add(new TimelineEntry(TimelineEntry.RECORDING, v.at(), value));
        return;
      }
      case CallVariables.CALLBACK -> {
        b.callbackId = value;
        b.direction = Call.OUTBOUND;
      }
      case CallVariables.DIALLED -> b.dialled = value;
      case CallVariables.TRANSFER -> {
        if (b.transferredAt == null || (v.at() != null && v.at().isBefore(b.transferredAt))) b.transferredAt = v.at();
        b.transferTarget = firstNonBlank(b.transferTarget, value);
      }
      case CallVariables.UNANSWERED -> b.unanswered = firstNonBlank(b.unanswered, value);
      case CallVariables.CALLBACK_RESULT -> b.callbackResult = firstNonBlank(b.callbackResult, value);
      default -> { return; }
    }
    entries.add(new TimelineEntry(TimelineEntry.INTAKE, null, v.name() + "=" + value));
  }

  private boolean adoptedAfterReconnect(String linkedid) {
    return timelineKeys.getOrDefault(linkedid, Set.of()).stream()
        .anyMatch(e -> e.type().equals(TimelineEntry.SEEN_AFTER_RECONNECT));
  }

  private static boolean isCallerLeg(CallSignal s) {
    if (s instanceof ChannelOpened o) return s.linkedid().equals(o.uniqueid());
    if (s instanceof ChannelHungUp h) return s.linkedid().equals(h.uniqueid());
    return true;
  }

  private static Integer integer(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epoch(String seconds) {
    try {
      return seconds == null ? null : Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.isBefore(a) ? b : a;
  }

  private static String firstNonBlank(String current, String candidate) {
    if (current != null && !current.isBlank()) return current;
    return candidate == null || candidate.isBlank() ? current : candidate;
  }
}
