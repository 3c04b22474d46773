package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;

/**
 * A ticket's history newest first, in keyset pages ({@code before} = the last seq shown), over the (ticket_id, seq)
 * key; the reader must see the ticket (AccessScope) and the read is audited like the detail.
 */
public final class TicketHistoryPages {
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final AuditLog audit = new AuditLog();
  private final TicketEventLog events = new TicketEventLog();

  public TicketHistoryPages(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  /** One page; {@code next} is the seq to pass as {@code before}, null on the last page. */
  public record Page(List<TicketEventRecord> items, Integer next) {}

  public Future<Page> page(Actor actor, long ticketId, Integer before, int size) {
    return pool.preparedQuery("select intake_org, county_code from tickets where id = $1").execute(Tuple.of(ticketId))
        .compose(rows -> {
          if (rows.size() == 0) return failed(RuleViolation.notFound("no ticket " + ticketId));
          Row t = rows.iterator().next();
          if (!AccessScope.of(actor, orgs).allows(t.getString(0), t.getString(1), orgs)) {
            return failed(RuleViolation.forbidden("org-scope", "ticket " + ticketId + " is outside your org unit"));
          }
          return audit.recordRead(pool, actor, "read-history", ticketId, null, clock.instant())
              .compose(v -> events.newestBefore(pool, ticketId, before == null ? Integer.MAX_VALUE : before, size + 1))
              .map(out -> {
                boolean more = out.size() > size;
                List<TicketEventRecord> shown = more ? out.subList(0, size) : out;
                return new Page(List.copyOf(shown), more ? shown.get(shown.size() - 1).seq() : null);
              });
        });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
