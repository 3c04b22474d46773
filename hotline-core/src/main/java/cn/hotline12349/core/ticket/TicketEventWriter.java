package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketEventType;
import cn.hotline12349.core.domain.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one writer of {@code ticket_events}: lifecycle transitions, annotations (callbacks, links), supervision orders
 * and SLA warnings/escalations all go through it. It takes each event's {@code seq} from the ticket's own counter
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
    return insert(tx, t).compose(v -> audit.record(tx, t.actor(), action, t.ticketId(), null, t.at()));
  }

  /** {@link #lock} then {@link #note}; a malformed type is refused before anything is locked. */
  public Future<TicketTransition> lockAndNote(SqlConnection tx, Actor actor, long id, Scope scope, String type,
      Instant at, String reason, Map<String, Object> payload) {
    RuleViolation bad = typeProblem(type);
    if (bad != null) return failed(bad);
    return lock(tx, actor, id, scope).compose(t -> note(tx, t, actor, type, at, reason, payload));
  }

  /**
   * CTE parts writing a new ticket's first events (seqs 1..n; the ticket is inserted with {@code event_seq = n}) and
   * one audit row per event ({@code actions}), for the statement that inserts the ticket as CTE {@code ticket(id)}:
   * creation is one statement. Parameters from {@code $p} on, as {@link #firstArgs} adds them.
   */
  static String firstEventsCte(int p) {
    return """
        events as (
          insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
            from_status, to_status, reason, payload)
          select ticket.id, s.seq, s.type, $%1$d, $%2$d, $%3$d, $%4$d, $%5$d, s.from_status, s.to_status, s.reason,
            s.payload::jsonb
          from ticket, unnest($%6$d::int[], $%7$d::text[], $%8$d::text[], $%9$d::text[], $%10$d::text[], $%11$d::text[])
            as s(seq, type, from_status, to_status, reason, payload)),
        audits as (
          insert into audit_log (at, user_id, username, action, ticket_id)
          select $%1$d, $%2$d, $%3$d, action, ticket.id from ticket, unnest($%12$d::text[]) as action)
        """.formatted(p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11);
  }

  /** The parameters of {@link #firstEventsCte}: the events (all by one actor at one instant) and their actions. */
  static Tuple firstArgs(Tuple args, List<TicketTransition> ts, List<String> actions) {
    TicketTransition t0 = ts.get(0);
    Actor a = t0.actor();
    int n = ts.size();
    Integer[] seq = new Integer[n];
    String[] type = new String[n];
    String[] from = new String[n];
    String[] to = new String[n];
    String[] reason = new String[n];
    String[] payload = new String[n];
    for (int i = 0; i < n; i++) {
      TicketTransition t = ts.get(i);
      seq[i] = i + 1;
      type[i] = t.type();
      from[i] = name(t.fromStatus());
      to[i] = name(t.toStatus());
      reason[i] = t.reason();
      payload[i] = new JsonObject(new HashMap<>(t.payload())).encode();
    }
    return args.addOffsetDateTime(TicketStore.odt(t0.at())).addLong(a.userId()).addString(a.username())
        .addString(a.role().name()).addString(a.orgCode()).addArrayOfInteger(seq).addArrayOfString(type)
        .addArrayOfString(from).addArrayOfString(to).addArrayOfString(reason).addArrayOfString(payload)
        .addArrayOfString(actions.toArray(String[]::new));
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
    return insert(tx, t).compose(v -> audit.record(tx, actor, type.toLowerCase(Locale.ROOT), t.ticketId(), null, at))
        .map(t);
  }

  /**
   * An SLA warning or escalation (no person: the history shows {@code system:sla}), written once per idempotency
   * key. The caller holds the ticket's row lock (the firer claims due rows with their tickets). Returns its news,
   * or null when the key was already written.
   */
  public Future<TicketTransition> system(SqlClient tx, long ticketId, String type, Instant at, String actorOrg,
      JsonObject payload) {
    String key = payload.getString("idempotencyKey");
    return tx.preparedQuery("""
        with t as (
          update tickets set event_seq = event_seq + 1 where id = $1 and not exists (select 1 from ticket_events
            where payload ? 'idempotencyKey' and payload ->> 'idempotencyKey' = $6)
          returning id, event_seq, status, intake_org, county_code, severity, version),
        ins as (
          insert into ticket_events (ticket_id, seq, type, at, actor_username, actor_org, from_status, to_status,
            payload)
          select t.id, t.event_seq, $2, $3, $4, $5, t.status, t.status, $7 from t
          on conflict ((payload ->> 'idempotencyKey')) where payload ? 'idempotencyKey' do nothing
          returning ticket_id)
        select t.status, t.intake_org, t.county_code, t.severity, t.version from ins join t on t.id = ins.ticket_id""")
        .execute(Tuple.tuple().addLong(ticketId).addString(type).addOffsetDateTime(TicketStore.odt(at))
            .addString(SYSTEM_SLA).addString(actorOrg).addString(key).addValue(payload))
        .map(rs -> {
          if (rs.size() == 0) return null;
          Row r = rs.iterator().next();
          TicketStatus status = TicketStatus.valueOf(r.getString(0));
          return new TicketTransition(ticketId, type, status, status, at, null, Severity.valueOf(r.getString(3)),
              r.getString(1), r.getString(2), r.getInteger(4), null, nonNull(payload));
        });
  }

  private Future<Void> insert(SqlClient tx, TicketTransition t) {
    Actor a = t.actor();
    return tx.preparedQuery("""
        with t as (update tickets set event_seq = event_seq + 1 where id = $1 returning id, event_seq)
        insert into ticket_events (ticket_id, seq, type, at, actor_id, actor_username, actor_role, actor_org,
          from_status, to_status, reason, payload)
        select t.id, t.event_seq, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 from t""")
        .execute(Tuple.tuple().addLong(t.ticketId()).addString(t.type()).addOffsetDateTime(TicketStore.odt(t.at()))
            .addLong(a.userId()).addString(a.username()).addString(a.role().name()).addString(a.orgCode())
            .addString(name(t.fromStatus())).addString(name(t.toStatus())).addString(t.reason())
            .addValue(new JsonObject(new HashMap<>(t.payload()))))
        .compose(rs -> rs.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("no ticket " + t.ticketId() + " to append to")));
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

  private static Map<String, Object> nonNull(JsonObject payload) {
    Map<String, Object> out = new HashMap<>();
    payload.forEach(e -> { if (e.getValue() != null) out.put(e.getKey(), e.getValue()); });
    return out;
  }

  private static String name(Enum<?> e) { return e == null ? null : e.name(); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
