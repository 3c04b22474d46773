package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.domain.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The read side of tickets at province scale: keyset-paged lists and the search box, always inside the actor's
 * {@link AccessScope}; every search is audited (kind and the ids shown, never the query text).
 */
public final class TicketLists {
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final AuditLog audit = new AuditLog();
  private final OpenTicketCounters counters;

  public TicketLists(Pool pool, OrgTree orgs, Clock clock) {
    this.pool = pool;
    this.counters = new OpenTicketCounters(pool);
    this.orgs = orgs;
    this.clock = clock;
  }

  public Future<TicketListPage> list(Actor actor, TicketFilter f) {
    AccessScope scope = AccessScope.of(actor, orgs);
    String org = f.org() == null ? scope.orgCode() : f.org();
    if (orgs.find(org).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + org));
    if (!scope.covers(org, orgs)) {
      return failed(RuleViolation.forbidden("org-scope", "org unit " + org + " is outside your org unit"));
    }
    Tier tier = orgs.get(org).tier();
    Instant now = clock.instant();
    TicketListQuery query = new TicketListQuery(f, tier, org, actor, now);
    try {
      if (f.q() != null) return search(actor, f, new TicketSearch(f.q(), query, tier, org, f.size(), f.cursor()), now);
      TicketListQuery.Built page = query.page();
      Future<RowSet<Row>> rows = pool.preparedQuery(page.sql()).execute(page.args().tuple());
      Future<Long> count = f.cursor() != null ? Future.succeededFuture(null)
          : pool.preparedQuery(query.count().sql()).execute(query.count().args().tuple())
              .map(rs -> rs.iterator().next().getLong(0));
      return Future.all(rows, count).compose(v -> assemble(rows.result(), f, count.result(), null));
    } catch (RuleViolationException e) {
      return Future.failedFuture(e);
    }
  }

  /** The SQL and arguments a page of {@code f} runs (benchmarks time it raw, as the yardstick of the API call). */
  public record RawQuery(String sql, Tuple args) {}

  public RawQuery rawPage(Actor actor, TicketFilter f) {
    AccessScope scope = AccessScope.of(actor, orgs);
    String org = f.org() == null ? scope.orgCode() : f.org();
    Tier tier = orgs.get(org).tier();
    TicketListQuery query = new TicketListQuery(f, tier, org, actor, clock.instant());
    if (f.q() != null) {
      TicketSearch.Built b = new TicketSearch(f.q(), query, tier, org, f.size(), f.cursor()).page();
      return new RawQuery(b.sql(), b.args().tuple());
    }
    return new RawQuery(query.page().sql(), query.page().args().tuple());
  }

  /** The bounded count a first page of {@code f} runs beside the page (benchmarks time it raw). */
  public RawQuery rawCount(Actor actor, TicketFilter f) {
    AccessScope scope = AccessScope.of(actor, orgs);
    String org = f.org() == null ? scope.orgCode() : f.org();
    TicketListQuery query = new TicketListQuery(f, orgs.get(org).tier(), org, actor, clock.instant());
    return new RawQuery(query.count().sql(), query.count().args().tuple());
  }

  /**
   * Open tickets in the actor's scope by the org unit that holds them (the county, or the intake prefecture before
   * dispatch) and state: {@code [{org, status, count, county, intakeOrg}]}, from the V265 counters
   * ({@link OpenTicketCounters}): a few hundred rows whatever the number of tickets.
   */
  public Future<JsonArray> openCounts(Actor actor) {
    AccessScope scope = AccessScope.of(actor, orgs);
    return counters.read(scope.orgCode(), scope.tier().name());
  }

  private Future<TicketListPage> search(Actor actor, TicketFilter f, TicketSearch search, Instant now) {
    TicketSearch.Built b = search.page();
    String kinds = b.kinds().stream().map(Enum::name).collect(Collectors.joining(","));
    return pool.preparedQuery(b.sql()).execute(b.args().tuple())
        .compose(rows -> assemble(rows, f, null, kinds))
        .compose(p -> audit.recordRead(pool, actor, "search", null, "kinds=" + kinds + " ids="
            + p.items().stream().map(t -> Long.toString(t.id())).collect(Collectors.joining(",")), now).map(p));
  }

  private Future<TicketListPage> assemble(RowSet<Row> rows, TicketFilter f, Long count, String searchKind) {
    List<Row> all = new ArrayList<>();
    rows.forEach(all::add);
    boolean more = all.size() > f.size();
    List<Row> shown = more ? all.subList(0, f.size()) : all;
    String next = more ? cursorAfter(shown.get(shown.size() - 1), f, searchKind != null) : null;
    Long[] ids = shown.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
    Long[] claimers = shown.stream().map(r -> r.getLong("claimed_by")).filter(x -> x != null).distinct().toArray(Long[]::new);
    Future<RowSet<Row>> kids = pool.preparedQuery("""
        select ticket_id, name, age, gender, county_code, address, disability, no_guardian from ticket_children
         where ticket_id = any($1) order by ticket_id, position""").execute(Tuple.of(ids));
    Future<RowSet<Row>> users = pool.preparedQuery("select id, username from users where id = any($1)")
        .execute(Tuple.of(claimers));
    return Future.all(kids, users).map(v -> {
      Map<Long, List<ChildDraft>> children = new HashMap<>();
      for (Row r : kids.result()) {
        children.computeIfAbsent(r.getLong(0), k -> new ArrayList<>()).add(new ChildDraft(r.getString(1),
            r.getInteger(2), r.getString(3) == null ? null : ChildDraft.Gender.valueOf(r.getString(3)),
            r.getString(4), r.getString(5), r.getBoolean(6), r.getBoolean(7)));
      }
      Map<Long, String> names = new HashMap<>();
      for (Row r : users.result()) names.put(r.getLong(0), r.getString(1));
      List<TicketRecord> items = new ArrayList<>();
      List<Integer> priorities = new ArrayList<>();
      for (Row r : shown) {
        items.add(ticket(r, names).withChildren(children.getOrDefault(r.getLong("id"), List.of())));
        priorities.add(r.getInteger("queue_rank"));
      }
      boolean capped = count != null && count > TicketFilter.COUNT_BOUND;
      return new TicketListPage(items, priorities, next, count == null ? null : Math.min(count, TicketFilter.COUNT_BOUND),
          capped, searchKind);
    });
  }

  private static String cursorAfter(Row last, TicketFilter f, boolean search) {
    long id = last.getLong("id");
    long created = micros(last.getOffsetDateTime("created_at"));
    if (search) return new ListCursor("S", last.getInteger("rank"), created, id).encode();
    if (f.order() == TicketFilter.Order.RECENT) return new ListCursor("R", created, 0, id).encode();
    return new ListCursor("Q", -last.getInteger("queue_rank"), last.getLong("due_us"), id).encode();
  }

  private static long micros(OffsetDateTime t) {
    Instant i = t.toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  private static TicketRecord ticket(Row r, Map<Long, String> users) {
    Long claimedBy = r.getLong("claimed_by");
    return new TicketRecord(r.getLong("id"), r.getString("ref"), TicketStatus.valueOf(r.getString("status")),
        r.getInteger("version"), r.getString("intake_org"), r.getString("county_code"), r.getString("caller_number"),
        r.getString("caller_relation"), Category.valueOf(r.getString("category")), r.getString("subcategory"),
        Severity.valueOf(r.getString("severity")), enumOrNull(Category.class, r.getString("suggested_category")),
        enumOrNull(Severity.class, r.getString("suggested_severity")), r.getString("narrative"), claimedBy,
        claimedBy == null ? null : users.get(claimedBy), enumOrNull(TicketStatus.class, r.getString("suspended_from")),
        r.getInteger("reply_attempts"), instant(r.getOffsetDateTime("first_contact_at")), r.getString("call_id"),
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")),
        instant(r.getOffsetDateTime("closed_at")), List.of());
  }

  private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }

  private static <E extends Enum<E>> E enumOrNull(Class<E> type, String v) { return v == null ? null : Enum.valueOf(type, v); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
