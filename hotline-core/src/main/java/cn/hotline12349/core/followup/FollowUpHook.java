package cn.hotline12349.core.followup;

import cn.hotline12349.core.referral.LoopConfig;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.ticket.TicketTransition;
import cn.hotline12349.core.ticket.TransitionHook;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.ZoneOffset;

/**
 * In the closing transaction: a closed HIGH or EMERGENCY case (severities configured) gets a follow-up visit
 * (回访) by its county, due 30 days later, as a FOLLOW_UP clock that reminds the county (warning) and escalates when
 * missed. A reopened case's open follow-up is cancelled; a merged duplicate gets none (its survivor does).
 */
public final class FollowUpHook implements TransitionHook {
  private final LoopConfig config;
  private final ExternalClocks clocks;
  private final FollowUpStore store = new FollowUpStore();

  public FollowUpHook(LoopConfig config, ExternalClocks clocks) {
    this.config = config;
    this.clocks = clocks;
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, TicketTransition t) {
    if ("CLOSED".equals(t.type()) && !t.payload().containsKey("mergedInto") && t.countyCode() != null
        && config.followUpSeverities().contains(t.severity())) {
      return store.open(tx, t.ticketId(), t.countyCode(), due(t), t.at()).compose(id -> id == null
          ? Future.succeededFuture()
          : clocks.start(tx, t.ticketId(), SlaStage.FOLLOW_UP, id, t.severity(), t.countyCode(), config.followUp(),
              t.at()).mapEmpty());
    }
    if ("REOPENED".equals(t.type())) {
      return store.cancelOpen(tx, t.ticketId(), t.at()).compose(ids -> {
        Future<Void> chain = Future.succeededFuture();
        for (long id : ids) chain = chain.compose(v -> clocks.stop(tx, t.ticketId(), SlaStage.FOLLOW_UP, id, true, t.at()));
        return chain;
      });
    }
    return Future.succeededFuture();
  }

  /** The due date shown on the workbench is the clock's own deadline (same calendar arithmetic). */
  private java.time.OffsetDateTime due(TicketTransition t) {
    return StageClock.start(SlaStage.FOLLOW_UP, 1, config.followUp(), t.at(), false, clocks.config().policy(),
        clocks.config().calendar()).dueAt().atOffset(ZoneOffset.UTC);
  }
}
