package cn.hotline12349.core.ticket;

import cn.hotline12349.core.audit.AuditUnavailableException;
import cn.hotline12349.core.domain.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** Records who read or changed which ticket (docs/domain.md §10). Detail holds codes, never personal data. */
public final class AuditLog {
  public Future<Void> record(SqlClient db, Actor actor, String action, Long ticketId, String detail, Instant at) {
    return db.preparedQuery("""
        insert into audit_log (at, user_id, username, action, ticket_id, detail) values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.tuple().addOffsetDateTime(TicketStore.odt(at)).addLong(actor.userId())
            .addString(actor.username()).addString(action).addLong(ticketId).addString(detail))
        .mapEmpty();
  }

  /**
   * The entry of a read (or of its denial), written before anything of it is answered, or of a control action on a
   * call, written before the action is sent: when it cannot be written the read or action fails with
   * {@link AuditUnavailableException}, which the edge answers 503 with no data.
   */
  public Future<Void> recordRead(SqlClient db, Actor actor, String action, Long ticketId, String detail, Instant at) {
    return record(db, actor, action, ticketId, detail, at)
        .recover(e -> Future.failedFuture(new AuditUnavailableException(e)));
  }

  /** Work the system does on its own (no user), e.g. reading ticket notes to retrain the intake model. */
  public Future<Void> recordSystem(SqlClient db, String action, String detail, Instant at) {
    return db.preparedQuery("""
        insert into audit_log (at, user_id, username, action, ticket_id, detail) values ($1, null, 'system', $2, null, $3)""")
        .execute(Tuple.tuple().addOffsetDateTime(TicketStore.odt(at)).addString(action).addString(detail))
        .mapEmpty();
  }
}
