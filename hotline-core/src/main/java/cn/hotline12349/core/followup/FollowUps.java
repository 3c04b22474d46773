package cn.hotline12349.core.followup;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Follow-up visits after closure (owner of table {@code follow_ups}): the county workbench list and marking one done. */
public final class FollowUps {
  public static final int MAX_NOTE = 2000;
  private final Pool pool;
  private final EventBus bus;
  private final OrgTree orgs;
  private final TicketService tickets;
  private final ExternalClocks clocks;
  private final Clock clock;

  public FollowUps(Pool pool, EventBus bus, OrgTree orgs, TicketService tickets, ExternalClocks clocks, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.orgs = orgs;
    this.tickets = tickets;
    this.clocks = clocks;
    this.clock = clock;
  }

  /** Open (or all) follow-ups of tickets in the actor's scope, soonest due first, at most 200. */
  public Future<JsonArray> list(Actor actor, boolean openOnly) {
    Instant now = clock.instant();
    return pool.preparedQuery("""
        select f.id, f.ticket_id, t.ref, t.severity, f.county_code, f.due_at, f.status, f.created_at, f.done_at,
               d.next_mark
          from follow_ups f join tickets t on t.id = f.ticket_id
          left join sla_deadlines d on d.ticket_id = f.ticket_id and d.clock_key = 'FOLLOW_UP:' || f.id
         where\s""" + AccessScope.of(actor, orgs).sql(1) + (openOnly ? " and f.status = 'OPEN'" : "")
            + " order by f.status = 'OPEN' desc, f.due_at, f.id limit 200")
        .execute(Tuple.of(actor.orgCode())).map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) {
            Instant due = r.getOffsetDateTime("due_at").toInstant();
            boolean open = "OPEN".equals(r.getString("status"));
            Integer mark = r.getInteger("next_mark");
            out.add(new JsonObject().put("id", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
                .put("ref", r.getString("ref")).put("severity", r.getString("severity"))
                .put("countyCode", r.getString("county_code")).put("dueAt", due.toString())
                .put("status", r.getString("status"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("doneAt", r.getOffsetDateTime("done_at") == null ? null : r.getOffsetDateTime("done_at").toInstant().toString())
                .put("reminded", open && mark != null && mark > 0)
                .put("overdue", open && !now.isBefore(due))
                .put("remainingSeconds", open ? Duration.between(now, due).toSeconds() : null));
          }
          return out;
        });
  }

  /** The county's handler records the visit; the FOLLOW_UP clock stops (met or late) and the ticket gets an event. */
  public Future<JsonObject> done(Actor actor, long id, String note) {
    if (note == null || note.isBlank() || note.length() > MAX_NOTE) {
      return failed(RuleViolation.invalid("note", "what the visit found is required (at most " + MAX_NOTE + " characters)"));
    }
    Instant at = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery("select ticket_id, county_code, status from follow_ups where id = $1 for update")
        .execute(Tuple.of(id)).compose(rs -> {
          if (rs.size() == 0) return failed(RuleViolation.notFound("no follow-up " + id));
          Row f = rs.iterator().next();
          long ticketId = f.getLong(0);
          if (actor.role() != Role.COUNTY_HANDLER || !actor.orgCode().equals(f.getString(1))) {
            return failed(RuleViolation.forbidden("own-county", "the follow-up visit is recorded by its county's handler"));
          }
          if (!"OPEN".equals(f.getString(2))) return failed(RuleViolation.conflict("follow-up-closed", "follow-up is " + f.getString(2)));
          return tx.preparedQuery("update follow_ups set status = 'DONE', done_at = $2, done_by = $3, note = $4 where id = $1")
              .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), actor.userId(), note.strip()))
              .compose(v -> clocks.stop(tx, ticketId, SlaStage.FOLLOW_UP, id, false, at))
              .compose(v -> tickets.annotateIn(tx, actor, ticketId, "FOLLOW_UP_DONE", note.strip(), Map.of("followUpId", id)));
        }))
        .map(news -> {
          TicketEvents.publish(bus, news, new JsonObject().put("followUpId", id));
          return new JsonObject().put("id", id).put("ticketId", news.ticketId()).put("status", "DONE")
              .put("doneAt", at.toString());
        });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
