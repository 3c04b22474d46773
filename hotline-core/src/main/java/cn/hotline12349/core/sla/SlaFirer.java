package cn.hotline12349.core.sla;

import cn.hotline12349.core.async.Loops;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.domain.EscalationLadder;
import cn.hotline12349.core.sla.domain.StageClock;
import cn.hotline12349.core.ticket.TicketEventWriter;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketTransition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fires what is due, from the database: claims due rows with {@code FOR UPDATE SKIP LOCKED} (so any number of nodes
 * may run this), writes each warning or escalation as a ticket event under a unique idempotency key, moves the row
 * to its next mark, commits, and only then publishes and counts. Nothing is selected before its instant.
 */
public final class SlaFirer {
  public static final String WARNING = "SLA_WARNING";
  public static final String ESCALATED = "ESCALATED";

  /** One mark written by this node; {@code news} is its ticket event, published after commit. */
  public record Fired(long ticketId, String type, JsonObject body, Duration lag, TicketTransition news) { }

  private final Pool pool;
  private final EventBus bus;
  private final OrgTree orgs;
  private final SlaConfig config;
  private final Clock clock;
  private final SlaMetrics metrics;
  private final int batchSize;
  private final SlaStore store = new SlaStore();
  private final TicketEventWriter events;
  private final BoardCounters counters;
  private final cn.hotline12349.core.ticket.OpenTicketCounters openTickets;

  public SlaFirer(Pool pool, EventBus bus, OrgTree orgs, SlaConfig config, Clock clock, SlaMetrics metrics,
                  int batchSize) {
    this.pool = pool;
    this.bus = bus;
    this.orgs = orgs;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.events = new TicketEventWriter(orgs);
    this.counters = new BoardCounters(pool);
    this.openTickets = new cn.hotline12349.core.ticket.OpenTicketCounters(pool);
  }

  /**
   * Folds the board counters' deltas (V150) and the open-ticket counters' (V265, the board view's other numbers); the
   * scheduler runs it every few seconds.
   */
  public Future<Integer> compactBoardCounters() {
    return counters.compact(clock.instant()).compose(n -> openTickets.compact().map(m -> n + m));
  }

  /**
   * Fires batches until nothing claimable is due; the total this node wrote. An iterative loop ({@link Loops}): after
   * an outage the backlog may be thousands of batches, and a self-calling compose chain overflowed the stack.
   */
  public Future<Integer> fireAllDue() {
    return Loops.untilDone(new Progress(0, -1), p -> p.lastClaimed() == 0,
        p -> fireBatch().map(b -> new Progress(p.fired() + b.fired().size(), b.claimed()))).map(Progress::fired);
  }

  private record Progress(int fired, int lastClaimed) { }

  record Batch(int claimed, List<Fired> fired) { }

  Future<Batch> fireBatch() {
    Instant now = clock.instant();
    List<Fired> fired = new ArrayList<>();
    return pool.withTransaction(tx -> store.claimDue(tx, now, batchSize).compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (DeadlineRow r : rows) chain = chain.compose(v -> fireOne(tx, r, fired));
          return chain.map(rows.size());
        }))
        .map(claimed -> {
          Instant committed = clock.instant();
          List<Fired> out = new ArrayList<>();
          for (Fired f : fired) {
            Duration lag = Duration.between(Instant.parse(f.body().getString("markAt")), committed);
            Fired done = new Fired(f.ticketId(), f.type(), f.body().put("firedAt", committed.toString()), lag, f.news());
            publish(done);
            out.add(done);
          }
          return new Batch(claimed, out);
        });
  }

  private Future<Void> fireOne(SqlConnection tx, DeadlineRow r, List<Fired> fired) {
    StageClock c = r.clock();
    int mark = c.nextMark();
    String key = EscalationLadder.idempotencyKey(r.ticketId(), r.clockKey(), c.generation(), mark);
    JsonObject body = new JsonObject().put("idempotencyKey", key).put("ticketId", r.ticketId())
        .put("stage", c.stage().name()).put("clockKey", r.clockKey()).put("generation", c.generation())
        .put("mark", mark).put("markAt", c.nextFireAt().toString()).put("dueAt", String.valueOf(c.dueAt()))
        .put("ownerOrg", r.ownerOrg()).put("severity", r.severity().name());
    String type = WARNING;
    if (mark > 0) {
      type = ESCALATED;
      Optional<Tier> tier = baseTier(r).flatMap(b -> EscalationLadder.target(b, mark));
      body.put("level", mark).put("targetTier", tier.map(Enum::name).orElse(null))
          .put("targetOrg", tier.flatMap(t -> ancestor(r.baseOrg(), t)).orElse(null));
    }
    String eventType = type;
    String actorOrg = body.getString("targetOrg", r.ownerOrg());
    // for the meters (and the sla news): the tier of the unit whose deadline it is; not stored in the event
    String ownerTier = baseTier(r).map(Enum::name).orElse(null);
    return events.system(tx, r.ticketId(), eventType, clock.instant(), actorOrg, body.copy())
        .compose(news -> {
          if (news != null) {
            fired.add(new Fired(r.ticketId(), eventType, body.put("ownerTier", ownerTier), Duration.ZERO, news));
          }
          return store.upsert(tx, r.with(c.markFired(mark, config.policy(), config.calendar())));
        });
  }

  private void publish(Fired f) {
    JsonObject b = f.body();
    var stage = cn.hotline12349.core.sla.domain.SlaStage.valueOf(b.getString("stage"));
    metrics.firingLag(f.lag());
    String ownerTier = b.getString("ownerTier");
    Tier tier = ownerTier == null ? null : Tier.valueOf(ownerTier);
    if (f.type().equals(WARNING)) {
      metrics.warning(tier, stage);
      bus.publish(SlaAddresses.WARNED, b);
    } else {
      metrics.breach(tier, stage);
      bus.publish(SlaAddresses.ESCALATED, b);
    }
    // Everyone's open screens and the board follow ticket news; an SLA event is one (hotline.ticket.escalated too).
    TicketEvents.publish(bus, f.news(), slaCodes(b));
  }

  private static JsonObject slaCodes(JsonObject b) {
    JsonObject out = new JsonObject();
    for (String k : new String[] {"stage", "clockKey", "mark", "level", "dueAt", "ownerOrg", "targetTier", "targetOrg",
        "idempotencyKey", "firedAt"}) {
      if (b.getValue(k) != null) out.put(k, b.getValue(k));
    }
    return out;
  }

  private Optional<Tier> baseTier(DeadlineRow r) {
    return orgs.find(r.baseOrg()).map(OrgUnit::tier).or(() -> Optional.of(r.clock().stage().ownerTier()));
  }

  private Optional<String> ancestor(String code, Tier tier) {
    for (Optional<OrgUnit> u = orgs.find(code); u.isPresent(); u = orgs.find(u.get().parentCode())) {
      if (u.get().tier() == tier) return Optional.of(u.get().code());
    }
    return Optional.empty();
  }
}
