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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partner directory (owner of table {@code partners}). config/partners.yaml seeds it (entries already stored are
 * left as an admin may have changed them); admins add and disable entries. A user sees the partners that serve
 * their unit: those of the unit, of the units above it, and of the units below it.
 */
public final class PartnerService {
  private static final String COLUMNS = "id, code, kind, org_code, name, channels, demo, active, source";
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
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
    List<Tuple> batch = new ArrayList<>();
    for (PartnerEntry e : entries) batch.add(args(e, "CONFIG", now));
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT + " on conflict (code) do nothing returning id")
        .executeBatch(batch).map(rs -> {
          int n = 0;
          for (var r = rs; r != null; r = r.next()) n += r.size();
          return n;
        }));
  }

  private static final String INSERT = """
      insert into partners (code, kind, org_code, name, channels, demo, source, created_at, updated_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $8)""";

  private static Tuple args(PartnerEntry e, String source, Instant now) {
    JsonArray ch = new JsonArray();
    e.channels().forEach(c -> ch.add(new JsonObject().put("type", c.type()).put("value", c.value())));
    return Tuple.tuple().addString(e.code()).addString(e.kind().name()).addString(e.orgCode()).addString(e.name())
        .addValue(ch).addBoolean(e.demo()).addString(source).addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
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
    return pool.preparedQuery("select " + COLUMNS + " from partners where org_code = any($1)"
            + " and ($2::text is null or kind = $2) and ($3 or active) order by org_code, kind, code limit 500")
        .execute(Tuple.of(serving(code).toArray(String[]::new), k == null ? null : k.name(), inactive))
        .map(PartnerService::partners);
  }

  /** The unit, its ancestors and its descendants. */
  List<String> serving(String code) {
    List<String> out = new ArrayList<>();
    for (Optional<OrgUnit> u = orgs.find(code); u.isPresent(); u = orgs.find(u.get().parentCode())) out.add(u.get().code());
    for (OrgUnit u : orgs.all()) if (!u.code().equals(code) && orgs.within(u.code(), code)) out.add(u.code());
    return out;
  }

  public Future<Partner> find(SqlClient db, long id) {
    return db.preparedQuery("select " + COLUMNS + " from partners where id = $1").execute(Tuple.of(id))
        .map(rs -> rs.size() == 0 ? null : partner(rs.iterator().next()));
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
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT + " on conflict (code) do nothing returning " + COLUMNS)
        .execute(args(e, "ADMIN", now)).compose(rs -> rs.size() == 0
            ? failed(RuleViolation.conflict("partner-code-taken", "a partner with code " + e.code() + " exists"))
            : audit.record(tx, actor, "partner-add", null, e.code(), now).map(partner(rs.iterator().next()))));
  }

  /** Admins only: a disabled partner is no longer offered for new referrals; its past referrals keep pointing at it. */
  public Future<Partner> setActive(Actor actor, long id, boolean active) {
    if (actor.role() != Role.ADMIN) return failed(RuleViolation.forbidden("admin-only", "only an admin edits the partner directory"));
    Instant now = clock.instant();
    return pool.withTransaction(tx -> tx.preparedQuery("update partners set active = $2, updated_at = $3 where id = $1"
            + " returning " + COLUMNS).execute(Tuple.of(id, active, now.atOffset(ZoneOffset.UTC)))
        .compose(rs -> rs.size() == 0 ? failed(RuleViolation.notFound("no partner " + id))
            : audit.record(tx, actor, active ? "partner-enable" : "partner-disable", null,
                rs.iterator().next().getString("code"), now).map(partner(rs.iterator().next()))));
  }

  private static List<Partner> partners(Iterable<Row> rows) {
    List<Partner> out = new ArrayList<>();
    for (Row r : rows) out.add(partner(r));
    return out;
  }

  static Partner partner(Row r) {
    List<Partner.Channel> ch = new ArrayList<>();
    Object raw = r.getValue("channels");
    if (raw instanceof JsonArray a) {
      for (Object o : a) {
        JsonObject c = (JsonObject) o;
        ch.add(new Partner.Channel(c.getString("type"), c.getString("value")));
      }
    }
    return new Partner(r.getLong("id"), r.getString("code"), PartnerKind.valueOf(r.getString("kind")),
        r.getString("org_code"), r.getString("name"), ch, r.getBoolean("demo"), r.getBoolean("active"),
        r.getString("source"));
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
