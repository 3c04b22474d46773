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
}
