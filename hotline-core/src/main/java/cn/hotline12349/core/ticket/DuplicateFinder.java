package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.intake.ChildNameMatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open tickets in the reader's scope that may concern the same child: same county, age within one year (when both
 * are known), and a close name by {@link ChildNameMatcher} (pinyin-aware). A child without a name or county is not
 * matched: too little to call two reports one case.
 */
public final class DuplicateFinder {
  static final int MAX_ROWS = 2000;
  static final int MAX_RESULTS = 20;

  /** One candidate ticket, with the best matching pair of children. */
  public record Candidate(long ticketId, String ref, String status, String severity, String category,
                          String countyCode, Instant createdAt, String childName, Integer childAge,
                          String matchedName, double nameScore) {}

  /** A stored child with its ticket, copied off the row on the event loop. */
  private record Stored(long ticketId, String ref, String status, String severity, String category,
                        Instant createdAt, String name, Integer age, String countyCode) {}

  private final Vertx vertx;
  private final Pool pool;
  private final OrgTree orgs;

  public DuplicateFinder(Vertx vertx, Pool pool, OrgTree orgs) {
    this.vertx = vertx;
    this.pool = pool;
    this.orgs = orgs;
  }

  public Future<List<Candidate>> forChildren(Actor actor, List<ChildDraft> children, Long excludeId) {
    List<ChildDraft> usable = children.stream()
        .filter(c -> c != null && c.name() != null && !c.name().isBlank() && c.countyCode() != null).toList();
    if (usable.isEmpty()) return Future.succeededFuture(List.of());
    String[] counties = usable.stream().map(ChildDraft::countyCode).distinct().toArray(String[]::new);
    AccessScope scope = AccessScope.of(actor, orgs);
    String sql = "select t.id, t.ref, t.status, t.severity, t.category, t.created_at, c.name, c.age, c.county_code"
        + " from tickets t join ticket_children c on c.ticket_id = t.id where " + scope.sql(1)
        + " and t.status not in ('CLOSED', 'RESOLVED_AT_INTAKE') and c.name is not null and c.county_code = any($2)"
        + " and t.id <> $3 order by t.created_at desc limit " + MAX_ROWS;
    return pool.preparedQuery(sql).execute(Tuple.of(scope.orgCode(), counties, excludeId == null ? -1L : excludeId))
        .map(rows -> {
          List<Stored> stored = new ArrayList<>(rows.size());
          for (Row r : rows) {
            stored.add(new Stored(r.getLong("id"), r.getString("ref"), r.getString("status"), r.getString("severity"),
                r.getString("category"), r.getOffsetDateTime("created_at").toInstant(), r.getString("name"),
                r.getInteger("age"), r.getString("county_code")));
          }
          return stored;
        })
        // Pinyin scoring of up to MAX_ROWS names is CPU work: a worker thread, not the event loop.
        .compose(stored -> vertx.executeBlocking(() -> best(stored, usable), false));
  }

  private static List<Candidate> best(List<Stored> stored, List<ChildDraft> usable) {
    Map<Long, Candidate> best = new LinkedHashMap<>();
    for (Stored r : stored) {
      for (ChildDraft c : usable) {
        Candidate k = match(r, c);
        if (k == null) continue;
        Candidate old = best.get(k.ticketId());
        if (old == null || k.nameScore() > old.nameScore()) best.put(k.ticketId(), k);
      }
    }
    List<Candidate> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparingDouble(Candidate::nameScore).reversed()
        .thenComparing(Candidate::createdAt, Comparator.reverseOrder()));
    return out.size() > MAX_RESULTS ? List.copyOf(out.subList(0, MAX_RESULTS)) : out;
  }

  static boolean agesClose(Integer a, Integer b) { return a == null || b == null || Math.abs(a - b) <= 1; }

  private static Candidate match(Stored r, ChildDraft c) {
    if (!c.countyCode().equals(r.countyCode())) return null;
    if (!agesClose(c.age(), r.age())) return null;
    double score = ChildNameMatcher.score(c.name(), r.name());
    if (score < ChildNameMatcher.CLOSE) return null;
    return new Candidate(r.ticketId(), r.ref(), r.status(), r.severity(), r.category(), r.countyCode(), r.createdAt(),
        r.name(), r.age(), c.name(), score);
  }
}
