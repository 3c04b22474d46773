package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketEventType;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.sla.domain.SlaClocks;
import cn.hotline12349.core.sla.domain.SlaEvent;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.ticket.TicketTransition;
import cn.hotline12349.core.ticket.TransitionHook;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps the ticket's deadline rows in step with its lifecycle, inside the ticket's own transaction: a change that
 * rolls back leaves no clock behind, and a committed change always has its clocks. After commit it tells the
 * scheduler the earliest instant it wrote ({@code wake}), which re-arms only if that is earlier than its timer.
 */
public final class SlaTransitionHook implements TransitionHook {
  private final SlaConfig config;
  private final SlaStore store = new SlaStore();
  private final Supervision supervision;
  private final Consumer<Instant> wake;

  public SlaTransitionHook(SlaConfig config) { this(config, at -> { }); }

  public SlaTransitionHook(SlaConfig config, Consumer<Instant> wake) {
    this.config = config;
    this.supervision = new Supervision(config);
    this.wake = wake;
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, TicketTransition t) {
    TicketEventType type = typeOf(t);
    if (type == null) return Future.succeededFuture(); // kinds other modules add do not move clocks
    return store.forTicket(tx, t.ticketId(), true).compose(rows -> {
      Map<SlaStage, DeadlineRow> byStage = new EnumMap<>(SlaStage.class);
      // Orders, referrals and follow-ups keep their own clocks: only the ticket's stages move with its transitions.
      for (DeadlineRow r : rows) if (r.clock().stage().isTicketStage()) byStage.put(r.clock().stage(), r);
      Map<SlaStage, DeadlineRow> after = type == TicketEventType.RECLASSIFIED ? reclassified(byStage, t)
          : apply(byStage, t);
      Future<Void> chain = write(tx, byStage, after);
      if (type == TicketEventType.CLOSED || type == TicketEventType.RESOLVED_AT_INTAKE) {
        List<DeadlineRow> orders = rows.stream().filter(r -> r.clock().stage() == SlaStage.SUPERVISION).toList();
        chain = chain.compose(v -> supervision.cancelAll(tx, orders, t.at()));
      }
      return chain;
    });
  }

  /** A new ticket has no clocks yet: nothing to read; each clock its first transitions lead to is written once. */
  @Override
  public Future<Void> onCreated(SqlConnection tx, List<TicketTransition> ts) {
    Map<SlaStage, DeadlineRow> clocks = new EnumMap<>(SlaStage.class);
    for (TicketTransition t : ts) if (typeOf(t) != null) clocks = apply(clocks, t);
    return write(tx, Map.of(), clocks);
  }

  private Map<SlaStage, DeadlineRow> apply(Map<SlaStage, DeadlineRow> byStage, TicketTransition t) {
    boolean contacted = Boolean.TRUE.equals(t.payload().get("childContacted"));
    SlaEvent event = new SlaEvent(typeOf(t), t.at(), contacted);
    Map<SlaStage, StageClock> clocks = new EnumMap<>(SlaStage.class);
    byStage.forEach((stage, r) -> clocks.put(stage, r.clock()));
    SlaClocks before = new SlaClocks(t.severity(), t.fromStatus() == TicketStatus.SUSPENDED, clocks);
    SlaClocks after = before.apply(event, config.policy(), config.calendar());
    Map<SlaStage, DeadlineRow> out = new EnumMap<>(SlaStage.class);
    for (StageClock c : after.clocks().values()) {
      String owner = c.stage().owner() == SlaStage.Owner.COUNTY ? t.countyCode() : t.intakeOrg();
      DeadlineRow old = byStage.get(c.stage());
      out.put(c.stage(), old == null
          ? new DeadlineRow(t.ticketId(), DeadlineRow.keyOf(c.stage(), null), null, t.severity(), owner, owner, c)
          : old.with(c).withOrgs(owner, owner));
    }
    return out;
  }

  /** The level changed: open clocks take the new level's budgets (and its severity on their rows); stopped ones stay. */
  private Map<SlaStage, DeadlineRow> reclassified(Map<SlaStage, DeadlineRow> byStage, TicketTransition t) {
    Severity from = Severity.valueOf((String) t.payload().get("fromSeverity"));
    if (from == t.severity()) return byStage;
    Map<SlaStage, StageClock> clocks = new EnumMap<>(SlaStage.class);
    byStage.forEach((stage, r) -> clocks.put(stage, r.clock()));
    boolean suspended = t.fromStatus() == TicketStatus.SUSPENDED;
    // a suspended ticket waits on the stage of the status it was suspended from (its clocks start paused)
    TicketStatus waitsIn = suspended ? suspendedFrom(t) : t.fromStatus();
    SlaClocks after = new SlaClocks(from, suspended, clocks)
        .reclassified(t.severity(), waitsIn, t.at(), config.policy(), config.calendar());
    Map<SlaStage, DeadlineRow> out = new EnumMap<>(SlaStage.class);
    for (StageClock c : after.clocks().values()) {
      String owner = c.stage().owner() == SlaStage.Owner.COUNTY ? t.countyCode() : t.intakeOrg();
      DeadlineRow old = byStage.get(c.stage());
      out.put(c.stage(), old == null
          ? new DeadlineRow(t.ticketId(), DeadlineRow.keyOf(c.stage(), null), null, t.severity(), owner, owner, c)
          : old.clock().open() ? old.with(c).withSeverity(t.severity()) : old);
    }
    return out;
  }

  /** The status a suspended ticket's transition says it was suspended from, or SUSPENDED when it does not say. */
  private static TicketStatus suspendedFrom(TicketTransition t) {
    Object from = t.payload().get(TicketTransition.SUSPENDED_FROM);
    return from == null ? TicketStatus.SUSPENDED : TicketStatus.valueOf(from.toString());
  }

  /** The rows that differ from what is stored, in one round trip; the earliest next firing goes to the scheduler. */
  private Future<Void> write(SqlConnection tx, Map<SlaStage, DeadlineRow> stored, Map<SlaStage, DeadlineRow> next) {
    List<DeadlineRow> changed = new ArrayList<>();
    Instant earliest = null;
    for (DeadlineRow r : next.values()) {
      if (r.equals(stored.get(r.clock().stage()))) continue;
      changed.add(r);
      Instant fire = r.clock().nextFireAt();
      if (fire != null && (earliest == null || fire.isBefore(earliest))) earliest = fire;
    }
    Transaction transaction = tx.transaction();
    if (earliest != null && transaction != null) {
      Instant at = earliest;
      transaction.completion().onSuccess(v -> wake.accept(at));
    }
    return store.upsertAll(tx, changed);
  }

  private static TicketEventType typeOf(TicketTransition t) {
    try {
      return TicketEventType.valueOf(t.type());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
