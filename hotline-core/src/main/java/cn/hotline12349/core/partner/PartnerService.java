package cn.hotline12349.core.partner;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.AuditLog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partner directory (owner of table {@code partners}). config/partners.yaml seeds it (entries already stored are
 * left as an admin may have changed them); admins add and disable entries. A user sees the partners that serve
 * their unit: those of the unit, of the units above it, and of the units below it.
 */
public final class PartnerService {
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final PartnerStore store = new PartnerStore();
  private final AuditLog audit = new AuditLog();

  public PartnerService(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  /** Stores the entries not yet in the table (by code); returns how many were new. */
  public Future<Integer> seed(List<PartnerEntry> entries) {
    if (entries.isEmpty()) return Future.succeededFuture(0);
    Instant now = clock.instant();
    return pool.withTransaction(tx -> store.insertNew(tx, entries, "CONFIG", now));
  }

  /** Active partners serving {@code org} (default: the actor's unit), optionally of one kind, at most 500. */
  public Future<List<Partner>> list(Actor actor, String org, String kind, boolean includeInactive) {
    String code = org == null || org.isBlank() ? actor.orgCode() : org;
    if (orgs.find(code).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + code));
    if (!AccessScope.of(actor, orgs).covers(code, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + code + " is outside your org unit"));
    }
    PartnerKind k = null;
    if (kind != null && !kind.isBlank()) {
      k = PartnerEntry.kind(kind);
      if (k == null) return failed(RuleViolation.invalid("kind", "kind must be one of " + List.of(PartnerKind.values())));
    }
    boolean inactive = includeInactive && actor.role() == Role.ADMIN;
    return store.list(pool, serving(code), k, inactive);
  }

  /** The unit, its ancestors and its descendants. */
  List<String> serving(String code) {
    List<String> out = new ArrayList<>();
    for (Optional<OrgUnit> u = orgs.find(code); u.isPresent(); u = orgs.find(u.get().parentCode())) out.add(u.get().code());
    for (OrgUnit u : orgs.all()) if (!u.code().equals(code) && orgs.within(u.code(), code)) out.add(u.code());
    return out;
  }

  public Future<Partner> find(SqlClient db, long id) {
    return store.find(db, id);
  }

  /** Admins only; the entry is validated like the file's, and its code must be new. */
  public Future<Partner> add(Actor actor, PartnerEntry e) {
    if (actor.role() != Role.ADMIN) return failed(RuleViolation.forbidden("admin-only", "only an admin edits the partner directory"));
    String problem = PartnerEntry.problem(e.code(), e.kind() == null ? null : e.kind().name(), e.orgCode(), e.name(),
        e.channels(), orgs);
    if (problem != null) {
      int colon = problem.indexOf(':');
      return failed(RuleViolation.invalid(problem.substring(0, colon), problem.substring(colon + 1).trim()));
    }
    Instant now = clock.instant();
    return pool.withTransaction(tx -> store.insert(tx, e, "ADMIN", now).compose(p -> p == null
        ? failed(RuleViolation.conflict("partner-code-taken", "a partner with code " + e.code() + " exists"))
        : audit.record(tx, actor, "partner-add", null, e.code(), now).map(p)));
  }

  /** Admins only: a disabled partner is no longer offered for new referrals; its past referrals keep pointing at it. */
  public Future<Partner> setActive(Actor actor, long id, boolean active) {
    if (actor.role() != Role.ADMIN) return failed(RuleViolation.forbidden("admin-only", "only an admin edits the partner directory"));
    Instant now = clock.instant();
    return pool.withTransaction(tx -> store.setActive(tx, id, active, now).compose(p -> p == null
        ? failed(RuleViolation.notFound("no partner " + id))
        : audit.record(tx, actor, active ? "partner-enable" : "partner-disable", null, p.code(), now).map(p)));
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
