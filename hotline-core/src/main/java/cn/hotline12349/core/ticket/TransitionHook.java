package cn.hotline12349.core.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Work that must commit or fail together with a ticket change (SLA deadlines, links): called inside the ticket's
 * transaction after the ticket row and its event row are written. A failed future rolls the whole change back.
 */
@FunctionalInterface
public interface TransitionHook {
  Future<Void> onTransition(SqlConnection tx, TicketTransition t);

  /**
   * A ticket was just created: its first transitions in order (CREATED, and DISPATCHED when dispatched at once),
   * written in one go. Override to write once what the transitions together lead to.
   */
  default Future<Void> onCreated(SqlConnection tx, java.util.List<TicketTransition> ts) {
    Future<Void> chain = Future.succeededFuture();
    for (TicketTransition t : ts) chain = chain.compose(v -> onTransition(tx, t));
    return chain;
  }
}
