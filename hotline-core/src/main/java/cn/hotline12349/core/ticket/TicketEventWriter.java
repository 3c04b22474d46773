package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.TicketEventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one writer of {@code ticket_events} (its repository {@link TicketEventLog} holds the SQL): lifecycle
 * transitions, annotations (callbacks, links), supervision orders and SLA warnings/escalations all go through it. It takes each event's {@code seq} from the ticket's own counter
 * ({@code tickets.event_seq}, bumped in the same statement, under the ticket's row lock), checks the actor's scope
 * the same way for every kind of event, and audits every event a person writes. Callers own the transaction and
 * publish the returned news after it commits.
 */
public final class TicketEventWriter {
  /** Who may write a person's event on a ticket. */
  public sealed interface Scope {
    /** The actor's {@link AccessScope} covers the ticket as it is now: everything a person does to a ticket. */
    Scope TICKET = new Ticket();

    /**
     * The issuer of an order (or a unit above it), wherever the ticket has moved since: a 督办 stays its issuer's
     * to close (docs/architecture.md, "Supervision after a transfer").
     */
    static Scope issuedBy(String orgCode) { return new Issuer(orgCode); }

    record Ticket() implements Scope { }

    record Issuer(String orgCode) implements Scope { }
  }

  public static final String SYSTEM_SLA = "system:sla";

  private final OrgTree orgs;
  private final TicketStore store = new TicketStore();
  private final TicketEventLog log = new TicketEventLog();
  private final AuditLog audit = new AuditLog();

  public TicketEventWriter(OrgTree orgs) { this.orgs = orgs; }

  /** Locks the ticket row for the rest of the transaction; fails 404 if absent, 403 if out of the actor's scope. */
  public Future<TicketRecord> lock(SqlConnection tx, Actor actor, long id, Scope scope) {
    return store.lockForUpdate(tx, id).compose(t -> {
      if (t == null) return failed(RuleViolation.notFound("no ticket " + id));
      if (!allows(actor, t, scope)) {
        return failed(RuleViolation.forbidden("org-scope", "ticket " + id + " is outside your org unit"));
      }
      return Future.succeededFuture(t);
    });
  }

  boolean allows(Actor actor, TicketRecord t, Scope scope) {
    if (scope instanceof Scope.Issuer issuer) return orgs.within(issuer.orgCode(), actor.orgCode());
    return AccessScope.of(actor, orgs).allows(t.intakeOrg(), t.countyCode(), orgs);
  }

  /** A lifecycle transition of a ticket locked by {@link #lock}; audited as {@code action}. */
  Future<Void> transition(SqlClient tx, TicketTransition t, String action) {
    return log.append(tx, t).compose(v -> audit.record(tx, t.actor(), action, t.ticketId(), null, t.at()));
  }

  /** {@link #lock} then {@link #note}; a malformed type is refused before anything is locked. */
  public Future<TicketTransition> lockAndNote(SqlConnection tx, Actor actor, long id, Scope scope, String type,
      Instant at, String reason, Map<String, Object> payload) {
    RuleViolation bad = typeProblem(type);
    if (bad != null) return failed(bad);
    return lock(tx, actor, id, scope).compose(t -> note(tx, t, actor, type, at, reason, payload));
  }

  /**
   * A person's event that leaves the ticket's state alone (a callback, a link, a supervision order) on a ticket
   * locked by {@link #lock}. Lifecycle types are refused: only the lifecycle writes those.
   */
  public Future<TicketTransition> note(SqlClient tx, TicketRecord locked, Actor actor, String type, Instant at,
      String reason, Map<String, Object> payload) {
    RuleViolation bad = typeProblem(type);
    if (bad != null) return failed(bad);
    TicketTransition t = new TicketTransition(locked.id(), type, locked.status(), locked.status(), at, actor,
        locked.severity(), locked.intakeOrg(), locked.countyCode(), locked.version(), reason, payload);
    return log.append(tx, t).compose(v -> audit.record(tx, actor, type.toLowerCase(Locale.ROOT), t.ticketId(), null, at))
        .map(t);
  }

  /**
   * An SLA warning or escalation (no person: the history shows {@code system:sla}), written once per idempotency
   * key. The caller holds the ticket's row lock (the firer claims due rows with their tickets). Returns its news,
   * or null when the key was already written.
   */
  public Future<TicketTransition> system(SqlClient tx, long ticketId, String type, Instant at, String actorOrg,
      JsonObject payload) {
    return log.appendSystem(tx, ticketId, type, at, SYSTEM_SLA, actorOrg, payload);
  }

  private static RuleViolation typeProblem(String type) {
    if (type == null || !type.matches("[A-Z][A-Z0-9_]{1,39}")) {
      return RuleViolation.invalid("type", "an event type is upper-case letters, digits and _");
    }
    return isLifecycleType(type) ? RuleViolation.invalid("type", type + " is written by the lifecycle only") : null;
  }

  private static boolean isLifecycleType(String type) {
    for (TicketEventType k : TicketEventType.values()) if (k.name().equals(type)) return true;
    return false;
  }

  /** The events of one ticket in order. */
  public Future<List<TicketEventRecord>> history(SqlClient db, long ticketId) { return log.history(db, ticketId); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
