package cn.hotline12349.core.reply;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.CallbackOutcome;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.ticket.TicketTransition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply calls to the caller (统一回复), owner of table {@code callback_attempts}. Each attempt is the lifecycle's
 * reply command (which applies the configured {@link cn.hotline12349.core.domain.ReplyPolicy}: REPLY_ATTEMPTED, or
 * REPLIED when the caller was reached or is now unreachable) plus one attempt row, in one transaction. Caller
 * satisfaction is kept here, apart from the supervisor's review of the child's outcome; it never closes a case.
 */
public final class CallbackAttempts {
  private final Pool pool;
  private final EventBus bus;
  private final TicketService tickets;
  private final Clock clock;

  public CallbackAttempts(Pool pool, EventBus bus, TicketService tickets, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.tickets = tickets;
    this.clock = clock;
  }

  public Future<JsonObject> record(Actor actor, long ticketId, CallbackOutcome outcome, Instant at, Integer satisfaction,
                                   String comment) {
    if (outcome == null) return failed(RuleViolation.invalid("outcome", "outcome is required: " + List.of(CallbackOutcome.values())));
    Instant now = clock.instant();
    Instant when = at == null ? now : at;
    if (when.isAfter(now)) return failed(RuleViolation.invalid("at", "the call cannot be in the future"));
    List<TicketTransition> news = new ArrayList<>();
    TicketCommand.Reply reply = new TicketCommand.Reply(outcome.reached(), satisfaction, comment, outcome);
    return pool.withTransaction(tx -> tickets.actIn(tx, actor, ticketId, reply, news).compose(v -> {
          TicketTransition t = news.get(news.size() - 1);
          int attempt = ((Number) t.payload().get("attempt")).intValue();
          boolean unreachable = Boolean.TRUE.equals(t.payload().get("unreachable"));
          return tx.preparedQuery("""
              insert into callback_attempts (ticket_id, attempt, at, recorded_at, operator_id, operator_username, outcome,
                satisfaction, unreachable) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *""")
              .execute(Tuple.tuple().addLong(ticketId).addInteger(attempt).addOffsetDateTime(when.atOffset(ZoneOffset.UTC))
                  .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)).addLong(actor.userId()).addString(actor.username())
                  .addString(outcome.name()).addInteger(satisfaction).addBoolean(unreachable))
              .map(rs -> json(rs.iterator().next()).put("status", t.toStatus().name()));
        }))
        .onSuccess(v -> news.forEach(n -> TicketEvents.publish(bus, n)));
  }

  /** The attempts of a ticket, oldest first; the caller has checked that the user may see the ticket. */
  public Future<JsonArray> forTicket(long ticketId) {
    return pool.preparedQuery("select * from callback_attempts where ticket_id = $1 order by attempt, id")
        .execute(Tuple.of(ticketId)).map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) out.add(json(r));
          return out;
        });
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
        .put("attempt", r.getInteger("attempt")).put("at", r.getOffsetDateTime("at").toInstant().toString())
        .put("operator", r.getString("operator_username")).put("outcome", r.getString("outcome"))
        .put("satisfaction", r.getInteger("satisfaction")).put("unreachable", r.getBoolean("unreachable"));
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
