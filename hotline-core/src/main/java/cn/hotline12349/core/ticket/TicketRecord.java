package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketState;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.List;

/** A ticket as stored. */
public record TicketRecord(
    long id, String ref, TicketStatus status, int version, String intakeOrg, String countyCode, String callerNumber,
    String callerRelation, Category category, String subcategory, Severity severity, Category suggestedCategory,
    Severity suggestedSeverity, String narrative, Long claimedBy, String claimedByUsername,
    TicketStatus suspendedFrom, int replyAttempts, Instant firstContactAt, String callId, Instant createdAt,
    Instant updatedAt, Instant closedAt, List<ChildDraft> children) {

  public TicketState state() {
    return new TicketState(status, intakeOrg, countyCode, claimedBy, suspendedFrom, replyAttempts);
  }

  public TicketRecord withChildren(List<ChildDraft> kids) {
    return new TicketRecord(id, ref, status, version, intakeOrg, countyCode, callerNumber, callerRelation, category,
        subcategory, severity, suggestedCategory, suggestedSeverity, narrative, claimedBy, claimedByUsername,
        suspendedFrom, replyAttempts, firstContactAt, callId, createdAt, updatedAt, closedAt, kids);
  }
}
