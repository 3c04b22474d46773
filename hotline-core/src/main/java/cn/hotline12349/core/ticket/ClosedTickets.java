package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Category;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticket side of retention (the tickets table's SQL stays with its owner): closed tickets past a cut-off, and
 * their anonymisation through the database function {@code anonymise_ticket} (V84). The policy and the audit are
 * {@code retention.RetentionJob}'s.
 */
public final class ClosedTickets {
  private final Pool pool;

  public ClosedTickets(Pool pool) { this.pool = pool; }

  /** A closed ticket not yet anonymised. */
  public record Closed(long id, Category category, Instant closedAt) {}

  /** Of {@code category}, the tickets closed before {@code before} and not anonymised, oldest first. */
  public Future<List<Closed>> closedBefore(Category category, Instant before, int limit) {
    return pool.preparedQuery("""
            select id, closed_at from tickets
            where category = $1 and closed_at < $2 and anonymised_at is null and closed_at is not null
            order by closed_at limit $3""")
        .execute(Tuple.of(category.name(), before.atOffset(ZoneOffset.UTC), limit))
        .map(rows -> {
          List<Closed> out = new ArrayList<>();
          for (Row r : rows) out.add(new Closed(r.getLong(0), category, r.getOffsetDateTime(1).toInstant()));
          return out;
        });
  }

  /** Anonymises one ticket in its own transaction; false when there was nothing (left) to anonymise. */
  public Future<Boolean> anonymise(long id, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery("select anonymise_ticket($1, $2)")
        .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC))).map(rows -> rows.iterator().next().getBoolean(0)));
  }
}
