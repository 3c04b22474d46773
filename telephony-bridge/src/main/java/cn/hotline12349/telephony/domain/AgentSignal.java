package cn.hotline12349.telephony.domain;

import java.time.Instant;

/**
 * A queue member's state as the PBX reports it (QueueMemberStatus/Pause/Added/Removed, or a
 * QueueMember item of QueueStatus). {@code present=false} means the member left the queue.
 */
public record AgentSignal(String queue, String memberInterface, String memberName, boolean present,
    int deviceStatus, boolean paused, String pausedReason, boolean inCall, Instant at) {}
