package cn.hotline12349.core.retention;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.ticket.ClosedTickets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anonymises the personal data of tickets closed longer ago than their category's retention (through the database
 * function {@code anonymise_ticket}, V84), at most {@code batch} per run, each audited as "anonymised". The dry run
 * reports what a run would do without changing anything.
 */
public final class RetentionJob {
  public static final String USER = "retention-job";
  private final ClosedTickets tickets;
  private final RetentionPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;
  private final int batch;

  public RetentionJob(Pool pool, RetentionPolicy policy, AuditTrail audit, Clock clock, int batch) {
    this.tickets = new ClosedTickets(pool);
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    this.batch = batch;
  }

  /** Per category: the retention, the cut-off and the ids now due (at most {@code batch} in all). */
  public Future<JsonObject> dryRun() {
    Instant now = clock.instant();
    return due(now).map(due -> {
      JsonArray categories = new JsonArray();
      int total = 0;
      for (Category c : Category.values()) {
        List<Long> ids = due.stream().filter(d -> d.category() == c).map(Due::id).toList();
        total += ids.size();
        categories.add(new JsonObject().put("category", c.name())
            .put("afterClosedDays", policy.afterClosed().get(c).toDays())
            .put("closedBefore", now.minus(policy.afterClosed().get(c)).toString())
            .put("due", ids.size()).put("ticketIds", new JsonArray(new ArrayList<>(ids))));
      }
      return new JsonObject().put("dryRun", true).put("at", now.toString()).put("due", total)
          .put("categories", categories);
    });
  }

  /** Anonymises what is due; returns how many tickets it anonymised. */
  public Future<Integer> run() {
    Instant now = clock.instant();
    return due(now).compose(due -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Due d : due) {
        chain = chain.compose(n -> tickets.anonymise(d.id(), now)
            .compose(done -> done
                ? audit.record(null, USER, "anonymised", d.id(), "category " + d.category() + ", closed "
                    + d.closedAt() + ", retention " + policy.afterClosed().get(d.category()).toDays() + " d").map(n + 1)
                : Future.succeededFuture(n)));
      }
      return chain;
    });
  }

  private Future<List<Due>> due(Instant now) {
    List<Due> out = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Category c : Category.values()) {
      chain = chain.compose(v -> out.size() >= batch ? Future.succeededFuture()
          : tickets.closedBefore(c, now.minus(policy.afterClosed().get(c)), batch - out.size()).map(list -> {
            list.forEach(t -> out.add(new Due(t.id(), c, t.closedAt())));
            return null;
          }));
    }
    return chain.map(v -> out);
  }

  private record Due(long id, Category category, Instant closedAt) {}
}
