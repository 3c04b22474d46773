package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a ticket list or search asks for. {@code org} narrows to an org unit's subtree within the caller's scope;
 * {@code claimedBy} is "me", "none" or a username; {@code q} makes it a search; {@code cursor} is the {@code next} of
 * the previous page (null for the first).
 */
public record TicketFilter(List<TicketStatus> statuses, List<Severity> severities, List<Category> categories,
                           String org, String stage, Boolean open, Boolean overdue, Boolean warned, String claimedBy,
                           Instant createdFrom, Instant createdTo, Instant dueFrom, Instant dueTo, String q,
                           Order order, int size, String cursor) {
  public static final int MAX_SIZE = 200;
  /** Counts are exact up to here, then shown as "10,000+". */
  public static final int COUNT_BOUND = 10_000;

  /** QUEUE: priority, then the earliest running deadline (work queues). RECENT: newest first. */
  public enum Order { QUEUE, RECENT }

  public TicketFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    severities = severities == null ? List.of() : List.copyOf(severities);
    categories = categories == null ? List.of() : List.copyOf(categories);
    order = order == null ? Order.QUEUE : order;
    q = q == null || q.isBlank() ? null : q.strip();
  }

  public static TicketFilter all(int size) {
    return new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        size, null);
  }

  public TicketFilter withCursor(String next) {
    return new TicketFilter(statuses, severities, categories, org, stage, open, overdue, warned, claimedBy,
        createdFrom, createdTo, dueFrom, dueTo, q, order, size, next);
  }
}
