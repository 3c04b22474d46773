package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.sla.domain.StagePolicy;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;

/** SQL of supervision orders and their clocks; callers own the transaction. */
final class Supervision {
  private final SlaConfig config;
  private final SlaStore store = new SlaStore();

  Supervision(SlaConfig config) { this.config = config; }

  /** Inserts the order and its clock; the clock's escalation ladder starts at the issuer. */
  Future<SupervisionOrder> insert(SqlClient tx, long ticketId, Severity severity, String issuerOrg, Long issuerUser,
                                  String targetOrg, String reason, StagePolicy p, Instant at) {
    StageClock c = StageClock.start(SlaStage.SUPERVISION, 1, p, at, false, config.policy(), config.calendar());
    return tx.preparedQuery("""
        insert into supervision_orders (ticket_id, issued_by_org, issued_by_user, target_org, reason, duration,
          issued_at, due_at, status) values ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN') returning *""")
        .execute(Tuple.of(ticketId, issuerOrg, issuerUser, targetOrg, reason, p.duration().toString(),
            SlaStore.odt(at), SlaStore.odt(c.dueAt())))
        .map(rs -> order(rs.iterator().next()))
        .compose(o -> store.upsert(tx, new DeadlineRow(ticketId, DeadlineRow.keyOf(SlaStage.SUPERVISION, o.id()), o.id(),
            severity, targetOrg, issuerOrg, c)).map(o));
  }

  Future<SupervisionOrder> find(SqlClient db, long id, boolean lock) {
    return db.preparedQuery("select * from supervision_orders where id = $1" + (lock ? " for update" : ""))
        .execute(Tuple.of(id)).map(rs -> rs.size() == 0 ? null : order(rs.iterator().next()));
  }

  Future<List<SupervisionOrder>> forTicket(SqlClient db, long ticketId) {
    return db.preparedQuery("select * from supervision_orders where ticket_id = $1 order by id")
        .execute(Tuple.of(ticketId)).map(rs -> {
          List<SupervisionOrder> out = new java.util.ArrayList<>();
          for (Row r : rs) out.add(order(r));
          return out;
        });
  }

  /** Stops the order's clock and closes the order: FULFILLED (met or late) or CANCELLED. */
  Future<Void> close(SqlClient tx, DeadlineRow clock, SupervisionOrder.Status status, Instant at) {
    DeadlineRow stopped = clock.with(clock.clock().stop(at, status == SupervisionOrder.Status.CANCELLED,
        config.policy(), config.calendar()));
    return store.upsert(tx, stopped).compose(v -> tx.preparedQuery(
            "update supervision_orders set status = $2, closed_at = $3 where id = $1 and status = 'OPEN'")
        .execute(Tuple.of(clock.supervisionId(), status.name(), SlaStore.odt(at))).mapEmpty());
  }

  Future<Void> cancelAll(SqlClient tx, List<DeadlineRow> clocks, Instant at) {
    Future<Void> chain = Future.succeededFuture();
    for (DeadlineRow r : clocks) {
      if (r.clock().open()) chain = chain.compose(v -> close(tx, r, SupervisionOrder.Status.CANCELLED, at));
    }
    return chain;
  }

  static SupervisionOrder order(Row r) {
    return new SupervisionOrder(r.getLong("id"), r.getLong("ticket_id"), r.getString("issued_by_org"),
        r.getString("target_org"), r.getString("reason"), r.getString("duration"),
        SlaStore.instant(r.getOffsetDateTime("issued_at")), SlaStore.instant(r.getOffsetDateTime("due_at")),
        r.getString("status"), SlaStore.instant(r.getOffsetDateTime("closed_at")));
  }
}
