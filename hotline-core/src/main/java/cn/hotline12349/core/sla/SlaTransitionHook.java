package cn.hotline12349.core.sla;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the ticket's deadline rows in step with its lifecycle, inside the ticket's own transaction: a change that
 * rolls back leaves no clock behind, and a committed change always has its clocks.
 */
public final class SlaTransitionHook implements TransitionHook {
  private final SlaConfig config;
  private final SlaStore store = new SlaStore();
  private final Supervision supervision;

  public SlaTransitionHook(SlaConfig config) {
    this.config = config;
    this.supervision = new Supervision(config);
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, TicketTransition t) {
    TicketEventType type;
    try {
      type = TicketEventType.valueOf(t.type());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(); // kinds other modules add do not move clocks
    }
    boolean contacted = Boolean.TRUE.equals(t.payload().get("childContacted"));
    SlaEvent event = new SlaEvent(type, t.at(), contacted);
    return store.forTicket(tx, t.ticketId(), true).compose(rows -> {
      Map<SlaStage, DeadlineRow> byStage = new EnumMap<>(SlaStage.class);
      Map<SlaStage, StageClock> clocks = new EnumMap<>(SlaStage.class);
      for (DeadlineRow r : rows) {
        if (!r.clock().stage().isTicketStage()) continue; // orders, referrals, follow-ups keep their own
        byStage.put(r.clock().stage(), r);
        clocks.put(r.clock().stage(), r.clock());
      }
      SlaClocks before = new SlaClocks(t.severity(), t.fromStatus() == TicketStatus.SUSPENDED, clocks);
      SlaClocks after = before.apply(event, config.policy(), config.calendar());
      Future<Void> chain = Future.succeededFuture();
      for (StageClock c : after.clocks().values()) {
        String owner = c.stage().owner() == SlaStage.Owner.COUNTY ? t.countyCode() : t.intakeOrg();
        DeadlineRow old = byStage.get(c.stage());
        DeadlineRow next = old == null
            ? new DeadlineRow(t.ticketId(), DeadlineRow.keyOf(c.stage(), null), null, t.severity(), owner, owner, c)
            : old.with(c).withOrgs(owner, owner);
        if (!next.equals(old)) chain = chain.compose(v -> store.upsert(tx, next));
      }
      if (type == TicketEventType.CLOSED || type == TicketEventType.RESOLVED_AT_INTAKE) {
        List<DeadlineRow> orders = rows.stream().filter(r -> r.clock().stage() == SlaStage.SUPERVISION).toList();
        chain = chain.compose(v -> supervision.cancelAll(tx, orders, t.at()));
      }
      return chain;
    });
  }
}
