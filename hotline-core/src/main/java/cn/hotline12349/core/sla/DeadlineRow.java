package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;

/** A clock as stored: the domain clock plus whose it is and where its escalation ladder starts. */
public record DeadlineRow(long ticketId, String clockKey, Long supervisionId, Severity severity, String ownerOrg,
                          String baseOrg, StageClock clock) {
  public static String keyOf(SlaStage stage, Long supervisionId) {
    return stage == SlaStage.SUPERVISION ? "SUPERVISION:" + supervisionId : stage.name();
  }

  public DeadlineRow with(StageClock c) {
    return new DeadlineRow(ticketId, clockKey, supervisionId, severity, ownerOrg, baseOrg, c);
  }

  /** The clock now runs for a ticket of level {@code s} (a reclassification). */
  public DeadlineRow withSeverity(Severity s) {
    return new DeadlineRow(ticketId, clockKey, supervisionId, s, ownerOrg, baseOrg, clock);
  }

  public DeadlineRow withOrgs(String owner, String base) {
    return new DeadlineRow(ticketId, clockKey, supervisionId, severity, owner, base, clock);
  }
}
