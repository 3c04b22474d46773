package cn.hotline12349.core.stats;

import cn.hotline12349.core.async.Loops;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.AuditLog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Tickets for export, streamed in pages of {@value #PAGE} by id (keyset paging: each page is one indexed query, so a
 * year of a province never sits in memory). Without personal data by default; the full export (caller number and
 * relation, children's names, narrative) is for province supervisors only. Every export is audited.
 */
public final class TicketExport {
  public static final int PAGE = 500;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
  private static final List<String> HEADER = List.of("ref", "created_at", "status", "category", "subcategory", "severity",
      "intake_org", "intake_org_name", "county_code", "county_name", "children", "first_contact_at", "closed_at",
      "reply_attempts", "referrals", "mandatory_rule", "satisfaction");
  private static final List<String> PERSONAL = List.of("caller_number", "caller_relation", "child_names", "narrative");
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final int pageSize;
  private final AuditLog audit = new AuditLog();

  public TicketExport(Pool pool, OrgTree orgs, Clock clock) { this(pool, orgs, clock, PAGE); }

  /** With another page size (tests: many pages from few rows). */
  TicketExport(Pool pool, OrgTree orgs, Clock clock, int pageSize) {
    if (pageSize < 1) throw new IllegalArgumentException("pageSize must be positive");
    this.pageSize = pageSize;
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  public static List<String> header(boolean full) {
    List<String> h = new ArrayList<>(HEADER);
    if (full) h.addAll(PERSONAL);
    return h;
  }

  /** Checks the request before anything is written: scope of {@code org}, full export rights. */
  public Future<Void> check(Actor actor, ExportFilter f, boolean full) {
    if (full && actor.role() != Role.PROVINCE_SUPERVISOR) {
      return failed(RuleViolation.forbidden("full-export", "only a province supervisor exports personal data"));
    }
    if (f.org() != null) {
      if (orgs.find(f.org()).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + f.org()));
      if (!AccessScope.of(actor, orgs).covers(f.org(), orgs)) {
        return failed(RuleViolation.forbidden("org-scope", "org unit " + f.org() + " is outside your org unit"));
      }
    }
    if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
      return failed(RuleViolation.invalid("to", "to must be after from"));
    }
    return Future.succeededFuture();
  }

  /**
   * Feeds the sink page after page (the next page is read only when the sink's future completes: backpressure) and
   * records the export in the audit log; returns the number of rows.
   */
  public Future<Long> stream(Actor actor, ExportFilter f, boolean full, Function<List<List<Object>>, Future<Void>> sink) {
    return check(actor, f, full).compose(v -> audit.recordRead(pool, actor, full ? "export-full" : "export", null,
            describe(f), clock.instant()))
        .compose(v -> pages(actor, f, full, sink));
  }

  /** Where the export stands: the last id sent, rows so far, and whether the last page was full (more may follow). */
  private record Cursor(long afterId, long soFar, boolean more) { }

  /** One page after another, as an iterative loop ({@link Loops}): a self-calling compose chain overflowed the stack. */
  private Future<Long> pages(Actor actor, ExportFilter f, boolean full, Function<List<List<Object>>, Future<Void>> sink) {
    return Loops.untilDone(new Cursor(0L, 0L, true), c -> !c.more(), c -> page(actor, f, full, c, sink))
        .map(Cursor::soFar);
  }

  private Future<Cursor> page(Actor actor, ExportFilter f, boolean full, Cursor at,
                              Function<List<List<Object>>, Future<Void>> sink) {
    long afterId = at.afterId();
    AccessScope scope = AccessScope.of(actor, orgs);
    List<Object> params = new ArrayList<>();
    params.add(scope.orgCode());
    params.add(afterId);
    StringBuilder where = new StringBuilder(" where ").append(scope.sql(1)).append(" and t.id > $2");
    if (!f.statuses().isEmpty()) {
      params.add(f.statuses().stream().map(Enum::name).toArray(String[]::new));
      where.append(" and t.status = any($").append(params.size()).append(")");
    }
    if (!f.severities().isEmpty()) {
      params.add(f.severities().stream().map(Enum::name).toArray(String[]::new));
      where.append(" and t.severity = any($").append(params.size()).append(")");
    }
    if (f.org() != null) {
      params.add(f.org());
      where.append(" and ").append(StatsRepository.narrow(params.size()));
    }
    if (f.from() != null) {
      params.add(f.from().atOffset(ZoneOffset.UTC));
      where.append(" and t.created_at >= $").append(params.size());
    }
    if (f.to() != null) {
      params.add(f.to().atOffset(ZoneOffset.UTC));
      where.append(" and t.created_at < $").append(params.size());
    }
    String sql = SELECT + where + " order by t.id limit " + pageSize;
    return pool.preparedQuery(sql).execute(Tuple.from(params)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(new Cursor(afterId, at.soFar(), false));
      List<List<Object>> out = new ArrayList<>(rows.size());
      long last = afterId;
      for (Row r : rows) {
        out.add(row(r, full));
        last = r.getLong("id");
      }
      long lastId = last;
      int n = rows.size();
      return sink.apply(out).map(v -> new Cursor(lastId, at.soFar() + n, n == pageSize));
    });
  }

  private static final String SELECT = """
      select t.id, t.ref, t.created_at, t.status, t.category, t.subcategory, t.severity, t.intake_org, t.county_code,
             t.first_contact_at, t.closed_at, t.reply_attempts, t.caller_number, t.caller_relation, t.narrative,
             (select count(*) from ticket_children c where c.ticket_id = t.id) as children,
             (select string_agg(c.name, '、' order by c.position) from ticket_children c where c.ticket_id = t.id) as names,
             (select count(*) from referrals r where r.ticket_id = t.id) as referrals,
             (select m.rule_code from mandatory_reports m where m.ticket_id = t.id) as mandatory_rule,
             (select a.satisfaction from callback_attempts a where a.ticket_id = t.id and a.satisfaction is not null
               order by a.attempt desc limit 1) as satisfaction
        from tickets t""";

  /** The province's page query as the benchmark EXPLAINs it (one indexed range per page). */
  public static String pageSqlForExplain() {
    return SELECT + " where ('630000'::text is not null) and t.id > 100000 order by t.id limit " + PAGE;
  }

  private List<Object> row(Row r, boolean full) {
    List<Object> v = new ArrayList<>();
    v.add(r.getString("ref"));
    v.add(time(r.getOffsetDateTime("created_at")));
    v.add(r.getString("status"));
    v.add(r.getString("category"));
    v.add(r.getString("subcategory"));
    v.add(r.getString("severity"));
    v.add(r.getString("intake_org"));
    v.add(name(r.getString("intake_org")));
    v.add(r.getString("county_code"));
    v.add(name(r.getString("county_code")));
    v.add(r.getLong("children"));
    v.add(time(r.getOffsetDateTime("first_contact_at")));
    v.add(time(r.getOffsetDateTime("closed_at")));
    v.add(r.getInteger("reply_attempts"));
    v.add(r.getLong("referrals"));
    v.add(r.getString("mandatory_rule"));
    v.add(r.getInteger("satisfaction"));
    if (full) {
      v.add(r.getString("caller_number"));
      v.add(r.getString("caller_relation"));
      v.add(r.getString("names"));
      v.add(r.getString("narrative"));
    }
    return v;
  }

  private String name(String code) { return code == null ? null : orgs.find(code).map(u -> u.nameZh()).orElse(null); }

  private static String time(OffsetDateTime t) { return t == null ? null : LOCAL.format(t); }

  private static String describe(ExportFilter f) {
    return "status=" + f.statuses() + " severity=" + f.severities() + " org=" + f.org() + " from=" + f.from() + " to=" + f.to();
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
