package cn.hotline12349.telephony.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything known about one call, keyed by the PBX's Linkedid. Holds facts (times, parties);
 * the state is derived from them so that the same set of events gives the same record in any order.
 */
public record Call(
    String linkedid,
    String direction,
    String callerNumber,
    String dialled,
    String prefecture,
    String queue,
    Integer queuePosition,
    String priority,
    String language,
    Boolean danger,
    Instant startedAt,
    Instant ivrAt,
    Instant queuedAt,
    Instant offeredAt,
    String offeredTo,
    Instant answeredAt,
    String operatorInterface,
    String operatorName,
    Integer holdSeconds,
    Instant transferredAt,
    String transferTarget,
    Instant abandonedAt,
    Instant endedAt,
    String endCause,
    boolean endedDuringDisconnect,
    String recording,
    String callbackId,
    Instant lastQueuedAt,
    String unanswered,
    String callbackResult,
    boolean held,
    Instant holdChangedAt) {

  public static final String INBOUND = "INBOUND";
  public static final String OUTBOUND = "OUTBOUND";
  public static final String CAUSE_PBX_DISCONNECT = "ENDED_DURING_PBX_DISCONNECT";

  public static final String STAGE_IVR = "IVR";
  public static final String STAGE_QUEUE = "QUEUE";
  public static final String STAGE_UNANSWERED = "UNANSWERED";

  public CallState state() {
    if (abandonedTime() != null) return CallState.ABANDONED;
    if (endedAt != null || endedDuringDisconnect) return CallState.ENDED;
    if (transferredAt != null) return CallState.TRANSFERRED;
    if (answeredAt != null) return CallState.ANSWERED;
    if (offeredAt != null) return CallState.OFFERED;
    if (queuedAt != null) return CallState.QUEUED;
    if (ivrAt != null) return CallState.IVR;
    return CallState.RINGING;
  }

  /**
   * When the caller was lost: hung up in the queue (QueueCallerAbandon), hung up in the IVR before reaching a queue,
   * or ended without anybody answering ({@code unanswered}: the dialplan gave up, a callback is owed). Derived from
   * facts so that any order of events gives the same answer; an answered or outbound call is never abandoned. An
   * operator known without an answer time is an answer too: only a connection names one (AgentConnect, app_queue's
   * MEMBERINTERFACE in the CDR of a dialplan before V240, which has no {@code hotline_answered}).
   */
  public Instant abandonedTime() {
    if (answeredAt != null || operatorInterface != null || OUTBOUND.equals(direction)) return null;
    if (abandonedAt != null) return abandonedAt;
    if (endedAt != null && (ivrAt != null || queuedAt != null || unanswered != null)) return endedAt;
    return null;
  }

  /** Where an abandoned call was lost: {@value #STAGE_IVR}, {@value #STAGE_QUEUE} or {@value #STAGE_UNANSWERED}. */
  public String abandonStage() {
    if (abandonedTime() == null) return null;
    if (unanswered != null) return STAGE_UNANSWERED;
    return queuedAt != null || abandonedAt != null ? STAGE_QUEUE : STAGE_IVR;
  }

  /**
   * Held as the PBX last said (AMI Hold/Unhold), and never once the call ended. Stored with the call (V260), so a
   * restarted bridge or the node taking the PBX over starts from it, and every node's call reads show it.
   */
  public boolean onHold() {
    return held && !state().terminal();
  }

  /** Seconds from answer to hang-up, null while unknown. */
  public Duration talkTime() {
    return answeredAt != null && endedAt != null ? Duration.between(answeredAt, endedAt) : null;
  }

  /** From the first channel to the caller's hang-up, null while unknown. */
  public Duration totalTime() {
    return startedAt != null && endedAt != null ? Duration.between(startedAt, endedAt) : null;
  }

  /** Time the caller waited in the queue: until answer, or until they gave up. */
  public Duration waitTime() {
    Instant until = answeredAt != null ? answeredAt : abandonedTime();
    if (queuedAt != null && until != null) return Duration.between(queuedAt, until);
    return holdSeconds == null ? null : Duration.ofSeconds(holdSeconds);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  static Builder builder(String linkedid) {
    Builder b = new Builder(null);
    b.linkedid = linkedid;
    b.direction = INBOUND;
    return b;
  }

  /** Mutable copy used only inside the tracker while one signal is applied. */
  static final class Builder {
    String linkedid, direction, callerNumber, dialled, prefecture, queue, priority, language;
    Integer queuePosition, holdSeconds;
    Boolean danger;
    Instant startedAt, ivrAt, queuedAt, offeredAt, answeredAt, transferredAt, abandonedAt, endedAt;
    String offeredTo, operatorInterface, operatorName, transferTarget, endCause, recording, callbackId;
    boolean endedDuringDisconnect;
    Instant lastQueuedAt;
    String unanswered, callbackResult;
    boolean held;
    Instant holdChangedAt;

    Builder(Call c) {
      if (c == null) return;
      linkedid = c.linkedid; direction = c.direction; callerNumber = c.callerNumber; dialled = c.dialled;
      prefecture = c.prefecture; queue = c.queue; queuePosition = c.queuePosition; priority = c.priority;
      language = c.language; danger = c.danger; startedAt = c.startedAt; ivrAt = c.ivrAt; queuedAt = c.queuedAt;
      offeredAt = c.offeredAt; offeredTo = c.offeredTo; answeredAt = c.answeredAt;
      operatorInterface = c.operatorInterface; operatorName = c.operatorName; holdSeconds = c.holdSeconds;
      transferredAt = c.transferredAt; transferTarget = c.transferTarget; abandonedAt = c.abandonedAt;
      endedAt = c.endedAt; endCause = c.endCause; endedDuringDisconnect = c.endedDuringDisconnect;
      recording = c.recording; callbackId = c.callbackId; lastQueuedAt = c.lastQueuedAt;
      unanswered = c.unanswered; callbackResult = c.callbackResult;
      held = c.held; holdChangedAt = c.holdChangedAt;
    }

    Call build() {
      return new Call(linkedid, direction, callerNumber, dialled, prefecture, queue, queuePosition, priority,
          language, danger, startedAt, ivrAt, queuedAt, offeredAt, offeredTo, answeredAt, operatorInterface,
          operatorName, holdSeconds, transferredAt, transferTarget, abandonedAt, endedAt, endCause,
          endedDuringDisconnect, recording, callbackId, lastQueuedAt, unanswered, callbackResult, held, holdChangedAt);
    }
  }
}
