package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.sla.domain.StagePolicy;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.Optional;

/**
 * Clocks that other areas start and stop themselves (a referral's acceptance, the police's feedback on a mandatory
 * report, a follow-up visit), kept as {@code sla_deadlines} rows so that the one SLA firer warns and escalates them,
 * the board counts them and ticket pages show them. Keyed {@code <STAGE>:<id>}; the owner is warned and the ladder
 * starts at the owner. Callers own the transaction (the ticket's, with the ticket row locked).
 */
public final class ExternalClocks {
  private final SlaConfig config;
  private final SlaStore store = new SlaStore();

  public ExternalClocks(SlaConfig config) { this.config = config; }

  public static String key(SlaStage stage, long id) { return stage.name() + ":" + id; }

  public SlaConfig config() { return config; }

  /** Starts a running clock (replacing a stopped one of the same key with the next generation). */
  public Future<Instant> start(SqlClient tx, long ticketId, SlaStage stage, long id, Severity severity, String ownerOrg,
                               StagePolicy policy, Instant at) {
    if (stage.isTicketStage() || stage == SlaStage.SUPERVISION) {
      throw new IllegalArgumentException(stage + " clocks belong to the ticket lifecycle or supervision");
    }
    String key = key(stage, id);
    return find(tx, ticketId, key).compose(old -> {
      int generation = old.map(r -> r.clock().generation() + 1).orElse(1);
      StageClock c = StageClock.start(stage, generation, policy, at, false, config.policy(), config.calendar());
      return store.upsert(tx, new DeadlineRow(ticketId, key, null, severity, ownerOrg, ownerOrg, c)).map(c.dueAt());
    });
  }

  /** Stops the clock if it runs: MET or LATE against its deadline, or CANCELLED (not counted in on-time rates). */
  public Future<Void> stop(SqlClient tx, long ticketId, SlaStage stage, long id, boolean cancelled, Instant at) {
    return find(tx, ticketId, key(stage, id)).compose(row -> row.isEmpty() || !row.get().clock().open()
        ? Future.succeededFuture()
        : store.upsert(tx, row.get().with(row.get().clock().stop(at, cancelled, config.policy(), config.calendar()))));
  }

  private Future<Optional<DeadlineRow>> find(SqlClient tx, long ticketId, String key) {
    return store.forTicket(tx, ticketId, true)
        .map(rows -> rows.stream().filter(r -> r.clockKey().equals(key)).findFirst());
  }
}
