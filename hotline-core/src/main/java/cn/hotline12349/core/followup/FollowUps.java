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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Follow-up visits after closure: the county workbench list and marking one done (SQL in {@link FollowUpStore}). */
public final class FollowUps {
  public static final int MAX_NOTE = 2000;
  private static final int LIMIT = 200;
  private final FollowUpStore store = new FollowUpStore();
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
    return store.list(pool, AccessScope.of(actor, orgs), actor.orgCode(), openOnly, LIMIT).map(items -> {
      JsonArray out = new JsonArray();
      for (FollowUpStore.Item f : items) {
        boolean open = "OPEN".equals(f.status());
        out.add(new JsonObject().put("id", f.id()).put("ticketId", f.ticketId())
            .put("ref", f.ref()).put("severity", f.severity())
            .put("countyCode", f.countyCode()).put("dueAt", f.dueAt().toString())
            .put("status", f.status())
            .put("createdAt", f.createdAt().toString())
            .put("doneAt", f.doneAt() == null ? null : f.doneAt().toString())
            .put("reminded", open && f.nextMark() != null && f.nextMark() > 0)
            .put("overdue", open && !now.isBefore(f.dueAt()))
            .put("remainingSeconds", open ? Duration.between(now, f.dueAt()).toSeconds() : null));
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
    return pool.withTransaction(tx -> store.lock(tx, id).compose(f -> {
          if (f == null) return failed(RuleViolation.notFound("no follow-up " + id));
          if (actor.role() != Role.COUNTY_HANDLER || !actor.orgCode().equals(f.countyCode())) {
            return failed(RuleViolation.forbidden("own-county", "the follow-up visit is recorded by its county's handler"));
          }
          if (!"OPEN".equals(f.status())) return failed(RuleViolation.conflict("follow-up-closed", "follow-up is " + f.status()));
          return store.markDone(tx, id, at, actor.userId(), note.strip())
              .compose(v -> clocks.stop(tx, f.ticketId(), SlaStage.FOLLOW_UP, id, false, at))
              .compose(v -> tickets.annotateIn(tx, actor, f.ticketId(), "FOLLOW_UP_DONE", note.strip(), Map.of("followUpId", id)));
        }))
        .map(news -> {
          TicketEvents.publish(bus, news, new JsonObject().put("followUpId", id));
          return new JsonObject().put("id", id).put("ticketId", news.ticketId()).put("status", "DONE")
              .put("doneAt", at.toString());
        });
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
