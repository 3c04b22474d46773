package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StagePolicy;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.TicketEventWriter;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketTransition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Supervision orders (督办): a prefecture or the province orders a unit below it to finish a late or serious ticket by
 * a deadline. The order's clock warns and escalates like a stage clock, starting above the issuer.
 */
public final class SupervisionService {
  private static final int MAX_REASON = 500;
  private final Pool pool;
  private final EventBus bus;
  private final OrgTree orgs;
  private final SlaConfig config;
  private final Clock clock;
  private final Supervision sql;
  private final SlaStore store = new SlaStore();
  private final TicketEventWriter events;

  public SupervisionService(Pool pool, EventBus bus, OrgTree orgs, SlaConfig config, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.orgs = orgs;
    this.config = config;
    this.clock = clock;
    this.sql = new Supervision(config);
    this.events = new TicketEventWriter(orgs);
  }

  /** {@code duration} like {@code 1wd} or {@code 4h}; null takes the policy's supervision default. */
  public Future<SupervisionOrder> issue(Actor issuer, long ticketId, String targetOrg, String reason, String duration) {
    Tier tier = orgs.get(issuer.orgCode()).tier();
    if (tier == Tier.COUNTY) return failed(RuleViolation.forbidden("supervision-tier", "a county cannot issue 督办"));
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      return failed(RuleViolation.invalid("reason", "reason is required, at most " + MAX_REASON + " characters"));
    }
    if (targetOrg == null || orgs.find(targetOrg).isEmpty() || targetOrg.equals(issuer.orgCode())
        || !orgs.within(targetOrg, issuer.orgCode())) {
      return failed(RuleViolation.invalid("targetOrg", "targetOrg must be an org unit below " + issuer.orgCode()));
    }
    StagePolicy p;
    try {
      p = duration == null ? config.policy().supervisionDefault() : StagePolicy.of(duration);
    } catch (IllegalArgumentException e) {
      return failed(RuleViolation.invalid("duration", e.getMessage()));
    }
    Instant at = clock.instant();
    return pool.withTransaction(tx -> events.lock(tx, issuer, ticketId, TicketEventWriter.Scope.TICKET).compose(t -> {
          if (t.status() == TicketStatus.CLOSED || t.status() == TicketStatus.RESOLVED_AT_INTAKE) {
            return failed(RuleViolation.conflict("ticket-closed", "ticket " + ticketId + " is closed"));
          }
          return sql.insert(tx, ticketId, t.severity(), issuer.orgCode(), issuer.userId(), targetOrg, reason, p, at)
              .compose(o -> events.note(tx, t, issuer, "SUPERVISION_ISSUED", at, reason,
                  Map.of("orderId", o.id(), "targetOrg", targetOrg, "dueAt", o.dueAt().toString()))
                  .map(news -> new Done(o, news)));
        }))
        .map(this::published);
  }

  /** The issuer (or a unit above it) records that the order was carried out. */
  public Future<SupervisionOrder> fulfil(Actor actor, long orderId) {
    Instant at = clock.instant();
    // Locks in the order every ticket change takes (ticket, then its clocks and orders): a close that cancels this
    // order at the same moment queues behind us instead of deadlocking.
    return pool.withTransaction(tx -> sql.find(tx, orderId, false).compose(seen -> {
          if (seen == null) return failed(RuleViolation.notFound("no supervision order " + orderId));
          if (!orgs.within(seen.issuedByOrg(), actor.orgCode())) {
            return failed(RuleViolation.forbidden("supervision-issuer", "only the issuing tier closes a 督办"));
          }
          // The ticket may have moved out of the issuer's area since: the order stays the issuer's to close.
          return events.lock(tx, actor, seen.ticketId(), TicketEventWriter.Scope.issuedBy(seen.issuedByOrg()))
              .compose(ticket -> sql.find(tx, orderId, true).map(o -> new Locked(ticket, o)));
        }).compose(locked -> {
          TicketRecord ticket = locked.ticket();
          SupervisionOrder o = locked.order();
          if (!o.status().equals("OPEN")) return failed(RuleViolation.conflict("order-closed", "order is " + o.status()));
          return store.forTicket(tx, o.ticketId(), true)
              .map(rows -> rows.stream().filter(r -> orderId == (r.supervisionId() == null ? -1 : r.supervisionId()))
                  .findFirst().orElseThrow())
              .compose(row -> sql.close(tx, row, SupervisionOrder.Status.FULFILLED, at))
              .compose(v -> events.note(tx, ticket, actor, "SUPERVISION_FULFILLED", at, null, Map.of("orderId", orderId)))
              .compose(news -> sql.find(tx, orderId, false).map(done -> new Done(done, news)));
        }))
        .map(this::published);
  }

  private record Locked(TicketRecord ticket, SupervisionOrder order) { }

  private record Done(SupervisionOrder order, TicketTransition news) { }

  /** After commit: the order on hotline.sla.supervision, its ticket event on hotline.ticket.changed. */
  private SupervisionOrder published(Done d) {
    JsonObject body = json(d.order());
    bus.publish(SlaAddresses.SUPERVISION, body);
    TicketEvents.publish(bus, d.news(), new JsonObject().put("orderId", d.order().id())
        .put("targetOrg", d.order().targetOrg()).put("issuedByOrg", d.order().issuedByOrg())
        .put("dueAt", body.getString("dueAt")).put("stage", SlaStage.SUPERVISION.name()));
    return d.order();
  }

  public Future<List<SupervisionOrder>> forTicket(long ticketId) { return sql.forTicket(pool, ticketId); }

  static JsonObject json(SupervisionOrder o) {
    return new JsonObject().put("orderId", o.id()).put("ticketId", o.ticketId()).put("issuedByOrg", o.issuedByOrg())
        .put("targetOrg", o.targetOrg()).put("status", o.status()).put("dueAt", o.dueAt().toString())
        .put("stage", SlaStage.SUPERVISION.name());
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
