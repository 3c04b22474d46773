package cn.hotline12349.core.stats;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Read-only statistics for the province's reports: tickets by category, severity, region and month; on-time rates per
 * owner tier and stage; referral completion; caller satisfaction and reply outcomes apart from the supervisor's
 * review of results; abandoned calls and calls answered within 15 s. Scoped like ticket lists (AccessScope) and
 * narrowed to {@code org}'s subtree. Months and days are Asia/Shanghai.
 */
public final class StatsRepository {
  public static final Duration MAX_RANGE = Duration.ofDays(731);
  static final String ZONE = "Asia/Shanghai";
  private final Pool pool;
  private final OrgTree orgs;

  public StatsRepository(Pool pool, OrgTree orgs) {
    this.pool = pool;
    this.orgs = orgs;
  }

  public Future<JsonObject> stats(Actor actor, StatsQuery q) {
    if (q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
      return failed(RuleViolation.invalid("to", "from and to are required and from must be before to"));
    }
    if (Duration.between(q.from(), q.to()).compareTo(MAX_RANGE) > 0) {
      return failed(RuleViolation.invalid("to", "at most two years per request"));
    }
    AccessScope scope = AccessScope.of(actor, orgs);
    String org = q.org() == null || q.org().isBlank() ? actor.orgCode() : q.org();
    if (orgs.find(org).isEmpty()) return failed(RuleViolation.invalid("org", "unknown org unit " + org));
    if (!scope.covers(org, orgs)) return failed(RuleViolation.forbidden("org-scope", "org unit " + org + " is outside your org unit"));
    // $1 scope org, $2 from, $3 to, $4 narrowing org
    String where = " where " + scope.sql(1) + " and t.created_at >= $2 and t.created_at < $3 and " + narrow(4);
    Tuple args = Tuple.of(scope.orgCode(), q.from().atOffset(ZoneOffset.UTC), q.to().atOffset(ZoneOffset.UTC), org);
    String tickets = "(select t.* from tickets t" + where + ")";
    Future<RowSet<Row>> groups = pool.preparedQuery("select " + key(q.by()) + " as k, count(*) from tickets t" + where
        + " group by 1 order by 1").execute(args);
    Future<RowSet<Row>> dims = pool.preparedQuery("""
        select 'category', category, count(*) from %1$s x group by 2
        union all select 'severity', severity, count(*) from %1$s x group by 2
        union all select 'county', coalesce(county_code, '-'), count(*) from %1$s x group by 2
        union all select 'month', to_char(created_at at time zone '%2$s', 'YYYY-MM'), count(*) from %1$s x group by 2
        union all select 'status', status, count(*) from %1$s x group by 2""".formatted(tickets, ZONE)).execute(args);
    Future<RowSet<Row>> onTime = pool.preparedQuery("""
        select o.tier, d.stage, count(*) filter (where d.outcome = 'MET'), count(*)
          from sla_deadlines d join %s x on x.id = d.ticket_id join org_units o on o.code = d.owner_org
         where d.status = 'STOPPED' and d.outcome in ('MET', 'LATE') group by 1, 2 order by 1, 2""".formatted(tickets))
        .execute(args);
    Future<RowSet<Row>> referrals = pool.preparedQuery("""
        select r.partner_kind, r.status, count(*) from referrals r join %s x on x.id = r.ticket_id group by 1, 2 order by 1, 2"""
        .formatted(tickets)).execute(args);
    // From the lifecycle's reply events, so POST /reply and POST /callback-attempts are counted alike.
    Future<RowSet<Row>> reply = pool.preparedQuery("""
        select coalesce(e.payload ->> 'outcome', case when (e.payload ->> 'reached')::boolean then 'REACHED' else 'NO_ANSWER' end),
               (e.payload ->> 'satisfaction')::int, coalesce((e.payload ->> 'unreachable')::boolean, false), count(*)
          from ticket_events e join %s x on x.id = e.ticket_id
         where e.type in ('REPLY_ATTEMPTED', 'REPLIED') group by 1, 2, 3""".formatted(tickets)).execute(args);
    Future<RowSet<Row>> review = pool.preparedQuery("""
        select e.type, count(*) from ticket_events e join %s x on x.id = e.ticket_id
         where e.type in ('RESULT_ACCEPTED', 'RESULT_RETURNED') group by 1""".formatted(tickets)).execute(args);
    Future<JsonObject> calls = calls(actor, q, org);
    return Future.all(List.of(groups, dims, onTime, referrals, reply, review, calls)).map(v -> new JsonObject()
        .put("from", q.from().toString()).put("to", q.to().toString()).put("org", org)
        .put("by", q.by().name().toLowerCase(java.util.Locale.ROOT))
        .put("groups", pairs(groups.result()))
        .put("total", sum(groups.result()))
        .put("dimensions", dimensions(dims.result()))
        .put("onTime", StatsJson.onTime(onTime.result()))
        .put("referrals", StatsJson.referrals(referrals.result()))
        .put("reply", StatsJson.reply(reply.result()))
        .put("review", StatsJson.review(review.result()))
        .put("calls", calls.result()));
  }

  /** Calls are seen by the intake tier and the province; a county sees none (null). */
  private Future<JsonObject> calls(Actor actor, StatsQuery q, String org) {
    Tier tier = orgs.get(org).tier();
    if (tier == Tier.COUNTY) return Future.succeededFuture(null);
    return pool.preparedQuery("""
        select count(*) filter (where queued_at is not null or answered_at is not null or abandoned_at is not null),
               count(*) filter (where abandoned_at is not null),
               count(*) filter (where answered_at is not null),
               count(*) filter (where answered_at is not null
                                  and answered_at - coalesce(queued_at, started_at) <= interval '15 seconds')
          from calls
         where direction = 'INBOUND' and started_at >= $1 and started_at < $2 and ($3::text is null or prefecture_code = $3)""")
        .execute(Tuple.of(q.from().atOffset(ZoneOffset.UTC), q.to().atOffset(ZoneOffset.UTC),
            tier == Tier.PROVINCE ? null : org))
        .map(rs -> StatsJson.calls(rs.iterator().next()));
  }

  /** Tickets taken in by {@code $n}, or at a county in its subtree. */
  static String narrow(int n) {
    return "(t.intake_org = $" + n + " or t.county_code = $" + n
        + " or t.county_code in (select code from org_units where parent_code = $" + n + ")"
        + " or t.intake_org in (select code from org_units where parent_code = $" + n + "))";
  }

  private static String key(StatsQuery.By by) {
    return switch (by) {
      case CATEGORY -> "t.category";
      case SEVERITY -> "t.severity";
      case COUNTY -> "coalesce(t.county_code, '-')";
      case MONTH -> "to_char(t.created_at at time zone '" + ZONE + "', 'YYYY-MM')";
    };
  }

  private static JsonArray pairs(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) out.add(new JsonObject().put("key", r.getString(0)).put("count", r.getLong(1)));
    return out;
  }

  private static long sum(RowSet<Row> rows) {
    long n = 0;
    for (Row r : rows) n += r.getLong(1);
    return n;
  }

  private static JsonObject dimensions(RowSet<Row> rows) {
    JsonObject out = new JsonObject();
    for (String d : List.of("category", "severity", "county", "month", "status")) out.put(d, new JsonObject());
    for (Row r : rows) out.getJsonObject(r.getString(0)).put(r.getString(1), r.getLong(2));
    return out;
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
