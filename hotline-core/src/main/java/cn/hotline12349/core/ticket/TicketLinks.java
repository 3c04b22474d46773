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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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
            .compose(refs -> existing(tx, id, otherId).compose(old -> {
              if (old != null && (mode == Mode.LINK || Mode.valueOf(old).equals(Mode.MERGE))) {
                return failed(RuleViolation.conflict("already-linked", "tickets " + id + " and " + otherId
                    + " are already " + (Mode.valueOf(old) == Mode.MERGE ? "merged" : "linked")));
              }
              return mode == Mode.MERGE ? merge(tx, actor, id, otherId, refs, reason, news)
                  : annotate(tx, actor, id, otherId, refs, LINKED, reason, news)
                      .compose(v -> annotate(tx, actor, otherId, id, refs, LINKED, reason, news));
            }))
            .compose(v -> save(tx, actor, id, otherId, mode, reason)))
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

  /** Locks both rows in id order (no deadlock between two opposite merges); both must exist and be in scope. */
  private Future<Map<Long, String[]>> lockBoth(SqlConnection tx, long a, long b) {
    return tx.preparedQuery("select id, ref, status from tickets where id = any($1) order by id for update")
        .execute(Tuple.of(new Long[] {a, b})).compose(rows -> {
          Map<Long, String[]> out = new java.util.HashMap<>();
          for (Row r : rows) out.put(r.getLong(0), new String[] {r.getString(1), r.getString(2)});
          if (!out.containsKey(a)) return failed(RuleViolation.notFound("no ticket " + a));
          if (!out.containsKey(b)) return failed(RuleViolation.invalid("otherId", "no ticket " + b));
          return Future.succeededFuture(out);
        });
  }

  private static Future<String> existing(SqlConnection tx, long a, long b) {
    return tx.preparedQuery("select mode from ticket_links where least(ticket_id, other_id) = least($1::bigint, $2::bigint)"
            + " and greatest(ticket_id, other_id) = greatest($1::bigint, $2::bigint)")
        .execute(Tuple.of(a, b)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  private Future<Void> save(SqlConnection tx, Actor actor, long id, long otherId, Mode mode, String reason) {
    // A MERGE of a pair that was only LINKed turns that row into the merge.
    return tx.preparedQuery("""
        insert into ticket_links (ticket_id, other_id, mode, reason, created_by, created_at)
        values ($1, $2, $3, $4, $5, $6)
        on conflict ((least(ticket_id, other_id)), (greatest(ticket_id, other_id)))
        do update set ticket_id = excluded.ticket_id, other_id = excluded.other_id, mode = excluded.mode,
          reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at""")
        .execute(Tuple.tuple().addLong(id).addLong(otherId).addString(mode.name()).addString(reason)
            .addLong(actor.userId()).addOffsetDateTime(TicketStore.odt(clock.instant())))
        .mapEmpty();
  }

  /** Links of one ticket, both ways. The caller has already checked the ticket is in the reader's scope. */
  public Future<List<Link>> forTicket(long id) {
    return pool.preparedQuery("""
        select l.ticket_id, l.other_id, l.mode, l.reason, l.created_at, u.username, o.id as oid, o.ref, o.status
        from ticket_links l join users u on u.id = l.created_by
          join tickets o on o.id = case when l.ticket_id = $1 then l.other_id else l.ticket_id end
        where l.ticket_id = $1 or l.other_id = $1 order by l.created_at, l.id""").execute(Tuple.of(id))
        .map(rows -> {
          List<Link> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Link(r.getLong("oid"), r.getString("ref"), r.getString("status"), Mode.valueOf(r.getString("mode")),
                r.getLong("ticket_id") == id ? "OUT" : "IN", r.getString("reason"), r.getString("username"),
                r.getOffsetDateTime("created_at").toInstant()));
          }
          return out;
        });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
