package cn.hotline12349.core.sla;

import cn.hotline12349.core.sla.domain.BoardState;
import cn.hotline12349.core.sla.domain.ClockOutcome;
import cn.hotline12349.core.sla.domain.ClockStatus;
import cn.hotline12349.core.sla.domain.SlaStage;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One clock of a ticket as the ticket API shows it. {@code remaining} is wall time to the deadline for a running
 * clock (negative when overdue), the clock time still to run for a paused one, null once stopped.
 */
public record TicketClock(String clockKey, SlaStage stage, int generation, String ownerOrg, ClockStatus status,
                          BoardState state, Instant dueAt, Duration remaining, Duration pausedTotal,
                          ClockOutcome outcome, Instant stoppedAt) {
  public JsonObject toJson() {
    return new JsonObject().put("clockKey", clockKey).put("stage", stage.name()).put("generation", generation)
        .put("ownerOrg", ownerOrg).put("status", status.name()).put("state", state == null ? null : state.name())
        .put("dueAt", dueAt == null ? null : dueAt.toString())
        .put("remainingSeconds", remaining == null ? null : remaining.toSeconds())
        .put("pausedSeconds", pausedTotal.toSeconds())
        .put("outcome", outcome == null ? null : outcome.name())
        .put("stoppedAt", stoppedAt == null ? null : stoppedAt.toString());
  }
}
