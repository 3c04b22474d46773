package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Decision;
import cn.hotline12349.core.domain.NumberReveal;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Reclassification;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.TicketEventType;
import cn.hotline12349.core.domain.TicketLifecycle;
import cn.hotline12349.core.domain.TicketState;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.domain.Transition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one writer of ticket state. Each change writes the ticket row, one event row and whatever the hooks add in
 * one transaction, and is published on the event bus only after it committed.
 */
public final class TicketService {
  private final Pool pool;
  private final EventBus bus;
  private final OrgTree orgs;
  private final Clock clock;
  private final TicketLifecycle lifecycle;
  private final TicketStore store = new TicketStore();
  private final AuditLog audit = new AuditLog();
  private final TicketEventWriter events;
  private final List<TransitionHook> hooks = new CopyOnWriteArrayList<>();

  public TicketService(Pool pool, EventBus bus, OrgTree orgs, Clock clock) {
    this(pool, bus, orgs, clock, cn.hotline12349.core.domain.ReplyPolicy.DEFAULT);
  }

  /** With the installation's reply policy (config/reply-policy.yaml): when a caller counts as unreachable. */
  public TicketService(Pool pool, EventBus bus, OrgTree orgs, Clock clock,
      cn.hotline12349.core.domain.ReplyPolicy replyPolicy) {
    this.pool = pool;
    this.bus = bus;
    this.orgs = orgs;
    this.clock = clock;
    this.lifecycle = new TicketLifecycle(orgs, replyPolicy);
    this.events = new TicketEventWriter(orgs);
  }

  public void addHook(TransitionHook hook) { hooks.add(hook); }

  public OrgTree orgs() { return orgs; }

  /** Creates a ticket at the actor's prefecture; with {@code dispatchTo} it is dispatched in the same transaction. */
  public Future<TicketRecord> create(Actor actor, TicketDraft draft, String dispatchTo) {
    return create(actor, draft, dispatchTo, null, null);
  }

  /** Work stored with a new ticket in its creating transaction (e.g. the risk check), once it has an id. */
  public interface CreateStep {
    Future<Void> apply(SqlConnection tx, long ticketId, Instant at);
  }

  /**
   * As {@link #create(Actor, TicketDraft, String)}, with {@code also} run in the same transaction (may be null), and at
   * most once per {@code idempotencyKey} of the actor (may be null): a retry (also one racing the first try) returns
   * the ticket the first try made.
   */
  public Future<TicketRecord> create(Actor actor, TicketDraft draft, String dispatchTo, String idempotencyKey,
      CreateStep also) {
    if (idempotencyKey == null) return createOnce(actor, draft, dispatchTo, null, also);
    return keyed(actor, idempotencyKey).compose(existing -> existing != null ? store.find(pool, existing)
        : createOnce(actor, draft, dispatchTo, idempotencyKey, also).recover(e -> isDuplicateKey(e)
            ? keyed(actor, idempotencyKey).compose(id -> store.find(pool, id)) : Future.failedFuture(e)));
  }

  private Future<Long> keyed(Actor actor, String key) {
    return store.keyedTicket(pool, actor.userId(), key);
  }

  private static boolean isDuplicateKey(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
        && "ticket_idempotency_pkey".equals(pg.getConstraint());
  }

  private Future<TicketRecord> createOnce(Actor actor, TicketDraft draft, String dispatchTo, String idempotencyKey,
      CreateStep also) {
    List<RuleViolation> problems = new ArrayList<>(draft.violations(orgs));
    if (!problems.isEmpty()) return failed(problems.get(0));
    if (!actor.role().isIntake() || orgs.get(actor.orgCode()).tier() != Tier.PREFECTURE) {
      return failed(RuleViolation.forbidden("intake-only", "only intake operators of a prefecture create tickets"));
    }
    // Decided before anything is written, so the row is inserted once, in its final state.
    TicketState fresh = TicketState.created(actor.orgCode(), null);
    Transition dispatch = null;
    if (dispatchTo != null) {
      Decision d = lifecycle.decide(fresh, new TicketCommand.Dispatch(dispatchTo), actor);
      if (d instanceof Decision.Rejected r) return failed(r.violation());
      dispatch = ((Decision.Accepted) d).transition();
    }
    TicketState after = dispatch == null ? fresh : dispatch.after();
    int version = dispatch == null ? 0 : 1;
    Instant at = clock.instant();
    List<TicketTransition> firsts = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    firsts.add(new TicketTransition(-1, TicketEventType.CREATED.name(), null, TicketStatus.NEW, at, actor,
        draft.severity(), actor.orgCode(), null, 0, null, createdPayload(draft)));
    actions.add("create");
    if (dispatch != null) {
      firsts.add(new TicketTransition(-1, dispatch.type().name(), dispatch.from(), dispatch.to(), at, actor,
          draft.severity(), actor.orgCode(), after.countyCode(), version, dispatch.reason(), dispatch.payload()));
      actions.add(new TicketCommand.Dispatch(dispatchTo).action());
    }
    List<TicketTransition> news = new ArrayList<>();
    return pool.withTransaction(tx -> store.insert(tx, draft, actor, after, version, firsts, actions, at)
        .compose(t -> idempotencyKey == null ? Future.succeededFuture(t)
            : store.keepKey(tx, actor.userId(), idempotencyKey, t.id(), at).map(t))
        .compose(t -> also == null ? Future.succeededFuture(t) : also.apply(tx, t.id(), at).map(t))
        .compose(t -> {
          for (TicketTransition f : firsts) news.add(withId(f, t.id()));
          return runCreatedHooks(tx, news).map(t);
        }))
        .onSuccess(t -> news.forEach(n -> TicketEvents.publish(bus, n)));
  }

  private static TicketTransition withId(TicketTransition t, long id) {
    return new TicketTransition(id, t.type(), t.fromStatus(), t.toStatus(), t.at(), t.actor(), t.severity(),
        t.intakeOrg(), t.countyCode(), t.version(), t.reason(), t.payload());
  }

  /** The CREATED event says what was suggested and whether the operator overrode it. */
  static Map<String, Object> createdPayload(TicketDraft d) {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("category", d.category().name());
    p.put("severity", d.severity().name());
    if (d.subcategory() != null) p.put("subcategory", d.subcategory());
    if (!d.hasSuggestion()) return p;
    if (d.suggestedCategory() != null) {
      p.put("suggestedCategory", d.suggestedCategory().name());
      p.put("overrodeCategory", d.suggestedCategory() != d.category());
    }
    if (d.suggestedSeverity() != null) {
      p.put("suggestedSeverity", d.suggestedSeverity().name());
      p.put("overrodeSeverity", d.suggestedSeverity() != d.severity());
    }
    if (d.suggestedSubcategory() != null) {
      p.put("suggestedSubcategory", d.suggestedSubcategory());
      p.put("overrodeSubcategory", !d.suggestedSubcategory().equals(d.subcategory()));
    }
    if (d.suggestedConfidence() != null) p.put("suggestedConfidence", d.suggestedConfidence());
    return p;
  }

  /**
   * The ticket's row locked for the rest of {@code tx} (no scope check: the caller decides), or null. For areas
   * that change their own tables in a ticket's transaction (referrals) and must see the ticket as it stands.
   */
  public Future<TicketRecord> lockIn(SqlConnection tx, long id) { return store.lockForUpdate(tx, id); }

  /**
   * One lifecycle command inside the caller's transaction (e.g. a merge written together with its links); the
   * caller publishes {@code news} after commit. Audited like {@link #act}.
   */
  public Future<Void> actIn(SqlConnection tx, Actor actor, long id, TicketCommand command,
      List<TicketTransition> news) {
    return change(tx, actor, id, command, null, news);
  }

  /** Applies one lifecycle command; {@code expectedVersion}, when given, must match or the change is refused. */
  public Future<TicketRecord> act(Actor actor, long id, TicketCommand command, Integer expectedVersion) {
    List<TicketTransition> news = new ArrayList<>();
    return pool.withTransaction(tx -> change(tx, actor, id, command, expectedVersion, news))
        .compose(v -> {
          news.forEach(t -> TicketEvents.publish(bus, t));
          return store.find(pool, id);
        });
  }

  private Future<Void> change(SqlConnection tx, Actor actor, long id, TicketCommand command, Integer expectedVersion,
      List<TicketTransition> news) {
    return events.lock(tx, actor, id, TicketEventWriter.Scope.TICKET).compose(t -> {
      if (expectedVersion != null && expectedVersion != t.version()) {
        return failed(RuleViolation.conflict("stale-version",
            "ticket " + id + " changed meanwhile (version " + t.version() + ", you had " + expectedVersion + ")"));
      }
      Decision d = lifecycle.decide(t.state(), command, actor);
      if (d instanceof Decision.Rejected r) return failed(r.violation());
      Transition tr = ((Decision.Accepted) d).transition();
      Instant at = clock.instant();
      boolean contacted = command instanceof TicketCommand.AddNote n && n.childContacted();
      TicketTransition news1 = new TicketTransition(id, tr.type().name(), tr.from(), tr.to(), at, actor,
          t.severity(), t.intakeOrg(), tr.after().countyCode(), t.version() + 1, tr.reason(), tr.payload());
      news.add(news1);
      return store.update(tx, id, tr.after(), at, contacted)
          .compose(v -> events.transition(tx, news1, command.action()))
          .compose(v -> runHooks(tx, news1));
    });
  }

  /**
   * Corrects a ticket's class, sub-class and level ({@link Reclassification}): the ticket row, one RECLASSIFIED event
   * (labels before and after in its payload, audited as {@code reclassify}) and the hooks, in one transaction. The
   * SLA hook re-budgets the running clocks when the level changes; the example the model learns from follows the
   * ticket (V170 trigger).
   */
  public Future<TicketRecord> reclassify(Actor actor, long id, Reclassification r, Integer expectedVersion) {
    List<TicketTransition> news = new ArrayList<>();
    return pool.withTransaction(tx -> events.lock(tx, actor, id, TicketEventWriter.Scope.TICKET).compose(t -> {
      if (expectedVersion != null && expectedVersion != t.version()) {
        return failed(RuleViolation.conflict("stale-version",
            "ticket " + id + " changed meanwhile (version " + t.version() + ", you had " + expectedVersion + ")"));
      }
      Reclassification.Labels before = new Reclassification.Labels(t.category(), t.subcategory(), t.severity());
      RuleViolation refused = r.check(t.state(), before, actor);
      if (refused != null) return failed(refused);
      Instant at = clock.instant();
      Map<String, Object> payload = new java.util.HashMap<>(r.payload(before));
      // the SLA hook starts a raised level's missing clocks by the stage the suspended ticket waits in
      if (t.status() == TicketStatus.SUSPENDED) {
        payload.put(TicketTransition.SUSPENDED_FROM, t.state().resumesTo().name());
      }
      TicketTransition news1 = new TicketTransition(id, TicketEventType.RECLASSIFIED.name(), t.status(), t.status(),
          at, actor, r.severity(), t.intakeOrg(), t.countyCode(), t.version() + 1, r.reason().strip(), payload);
      news.add(news1);
      return store.relabel(tx, id, r.category(), r.subcategory(), r.severity(), at)
          .compose(v -> events.transition(tx, news1, Reclassification.ACTION))
          .compose(v -> runHooks(tx, news1));
    })).compose(v -> {
      news.forEach(n -> TicketEvents.publish(bus, n));
      return store.find(pool, id);
    });
  }

  /**
   * Records something that happened to a ticket without changing its state (a callback to the caller, a link to
   * another ticket): one event row in its own transaction, published after commit like any transition.
   * The ticket's version is left alone so a handler's pending claim is not made stale by it.
   */
  public Future<TicketTransition> annotate(Actor actor, long id, String type, String reason,
      Map<String, Object> payload) {
    return pool.withTransaction(tx -> annotateIn(tx, actor, id, type, reason, payload))
        .onSuccess(t -> TicketEvents.publish(bus, t));
  }

  /**
   * As {@link #annotate} inside the caller's transaction (which must publish the result after it commits).
   * Locks the ticket row so the event is ordered with concurrent transitions; checks the actor's org scope.
   */
  public Future<TicketTransition> annotateIn(SqlConnection tx, Actor actor, long id, String type, String reason,
      Map<String, Object> payload) {
    return events.lockAndNote(tx, actor, id, TicketEventWriter.Scope.TICKET, type, clock.instant(), reason, payload);
  }

  private Future<Void> runCreatedHooks(SqlConnection tx, List<TicketTransition> ts) {
    Future<Void> chain = Future.succeededFuture();
    for (TransitionHook hook : hooks) chain = chain.compose(v -> hook.onCreated(tx, ts));
    return chain;
  }

  private Future<Void> runHooks(SqlConnection tx, TicketTransition t) {
    Future<Void> chain = Future.succeededFuture();
    for (TransitionHook hook : hooks) chain = chain.compose(v -> hook.onTransition(tx, t));
    return chain;
  }

  public Future<TicketRecord> get(Actor actor, long id) {
    return store.find(pool, id).compose(t -> {
      if (t == null) return failed(RuleViolation.notFound("no ticket " + id));
      if (!AccessScope.of(actor, orgs).allows(t.intakeOrg(), t.countyCode(), orgs)) {
        return audit.recordRead(pool, actor, "read-denied", id, null, clock.instant())
            .compose(v -> failed(RuleViolation.forbidden("org-scope", "ticket " + id + " is outside your org unit")));
      }
      return audit.recordRead(pool, actor, "read", id, null, clock.instant()).map(t);
    });
  }

  /**
   * Break-glass: an intake supervisor reads a ticket outside their scope (a caller who moved, a case spanning two
   * prefectures). Only with a stated reason, audited as "break-glass" with it, which the province sees in its audit
   * search. Inside the scope the ordinary read applies.
   */
  public Future<TicketRecord> breakGlass(Actor actor, long id, String reason) {
    if (actor.role() != cn.hotline12349.core.domain.Role.INTAKE_SUPERVISOR) {
      return failed(RuleViolation.forbidden("break-glass-role", "break-glass reads are for intake supervisors"));
    }
    if (reason == null || reason.strip().length() < 10 || reason.length() > 500) {
      return failed(RuleViolation.invalid("reason", "a break-glass read needs a reason of 10 to 500 characters"));
    }
    if (NumberReveal.holdsNumber(reason)) { // the reason is kept in the audit verbatim
      return failed(RuleViolation.invalid("reason", "reason must not hold a phone number"));
    }
    return store.find(pool, id).compose(t -> t == null ? failed(RuleViolation.notFound("no ticket " + id))
        : audit.recordRead(pool, actor, "break-glass", id, "reason: " + reason.strip(), clock.instant()).map(t));
  }

  public Future<List<TicketEventRecord>> history(long id) { return events.history(pool, id); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
