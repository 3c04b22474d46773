package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketLifecycle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports about the same child (并单). LINK ties two open tickets together; MERGE ends the duplicate into the
 * survivor through the lifecycle (closed, clocks stopped). Both histories, the link row and the lifecycle change are
 * written in one transaction and published after it commits.
 */
public final class TicketLinks {
  public static final String LINKED = "TICKET_LINKED";
  public static final String MERGED_FROM = "TICKET_MERGED_FROM";

  public enum Mode { LINK, MERGE }

  /** A link as seen from one ticket: {@code direction} OUT when this ticket was linked/merged into the other. */
  public record Link(long otherId, String otherRef, String otherStatus, Mode mode, String direction, String reason,
                     String by, Instant at) {}

  private final Pool pool;
  private final EventBus bus;
  private final TicketService tickets;
  private final Clock clock;
  private final TicketLinkStore store = new TicketLinkStore();
  private final TicketStore ticketRows = new TicketStore();

  public TicketLinks(Pool pool, EventBus bus, TicketService tickets, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.tickets = tickets;
    this.clock = clock;
  }

  /** Links {@code id} to {@code otherId}, or with MERGE closes {@code id} into the survivor {@code otherId}. */
  public Future<List<Link>> link(Actor actor, long id, long otherId, Mode mode, String reason) {
    if (mode == null) return failed(RuleViolation.invalid("mode", "mode must be LINK or MERGE"));
    if (reason == null || reason.isBlank()) return failed(RuleViolation.invalid("reason", "reason is required"));
    if (reason.length() > TicketLifecycle.MAX_TEXT) {
      return failed(RuleViolation.invalid("reason", "reason is longer than " + TicketLifecycle.MAX_TEXT));
    }
    if (id == otherId) return failed(RuleViolation.invalid("otherId", "a ticket cannot be linked to itself"));
    if (actor.role() != Role.INTAKE_SUPERVISOR && actor.role() != Role.PROVINCE_SUPERVISOR) {
      return failed(RuleViolation.forbidden("supervisor-only", "only a supervisor may link or merge tickets"));
    }
    List<TicketTransition> news = new ArrayList<>();
    return pool.withTransaction(tx -> lockBoth(tx, id, otherId)
            .compose(refs -> store.existing(tx, id, otherId).compose(old -> {
              if (old != null && (mode == Mode.LINK || Mode.valueOf(old).equals(Mode.MERGE))) {
                return failed(RuleViolation.conflict("already-linked", "tickets " + id + " and " + otherId
                    + " are already " + (Mode.valueOf(old) == Mode.MERGE ? "merged" : "linked")));
              }
              return mode == Mode.MERGE ? merge(tx, actor, id, otherId, refs, reason, news)
                  : annotate(tx, actor, id, otherId, refs, LINKED, reason, news)
                      .compose(v -> annotate(tx, actor, otherId, id, refs, LINKED, reason, news));
            }))
            .compose(v -> store.save(tx, actor, id, otherId, mode, reason, clock.instant())))
        .compose(v -> {
          news.forEach(t -> TicketEvents.publish(bus, t));
          return forTicket(id);
        });
  }

  private Future<Void> merge(SqlConnection tx, Actor actor, long dup, long survivor, Map<Long, String[]> refs,
      String reason, List<TicketTransition> news) {
    String[] s = refs.get(survivor);
    if ("CLOSED".equals(s[1]) || "RESOLVED_AT_INTAKE".equals(s[1])) {
      return failed(RuleViolation.conflict("survivor-closed", "ticket " + survivor + " has ended; merge into an open ticket"));
    }
    return tickets.actIn(tx, actor, dup, new TicketCommand.MergeInto(survivor, s[0], reason), news)
        .compose(v -> annotate(tx, actor, survivor, dup, refs, MERGED_FROM, reason, news));
  }

  private Future<Void> annotate(SqlConnection tx, Actor actor, long on, long other, Map<Long, String[]> refs,
      String type, String reason, List<TicketTransition> news) {
    return tickets.annotateIn(tx, actor, on, type, reason, Map.of("otherId", other, "otherRef", refs.get(other)[0]))
        .map(t -> { news.add(t); return null; });
  }

  /** Locks both rows (TicketStore.lockPair); both must exist. */
  private Future<Map<Long, String[]>> lockBoth(SqlConnection tx, long a, long b) {
    return ticketRows.lockPair(tx, a, b).compose(out -> {
      if (!out.containsKey(a)) return failed(RuleViolation.notFound("no ticket " + a));
      if (!out.containsKey(b)) return failed(RuleViolation.invalid("otherId", "no ticket " + b));
      return Future.succeededFuture(out);
    });
  }

  /** Links of one ticket, both ways. The caller has already checked the ticket is in the reader's scope. */
  public Future<List<Link>> forTicket(long id) { return store.forTicket(pool, id); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
