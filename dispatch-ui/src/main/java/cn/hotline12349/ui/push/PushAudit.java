package cn.hotline12349.ui.push;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.domain.Actor;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of what the event stream pushed: ticket news carries the ticket's list row (the first child's name, the
 * narrative's first line), a read of personal data like a list page. One row per user every {@link #EVERY_MS} with
 * the ids pushed meanwhile ({@code GET /api/events -> pushed ids=…}, like a list's entry) instead of one insert per
 * receiver per change, which a busy province's streams could not afford.
 */
public final class PushAudit {
  private static final Logger log = LoggerFactory.getLogger(PushAudit.class);
  static final long EVERY_MS = 10_000;
  /** Ids per row at most (a row's detail is bounded); more go into further rows of the same flush. */
  private static final int IDS_PER_ROW = 200;

  private record Reader(long userId, String username) {}

  private final AuditTrail trail;
  private final Map<Reader, Set<Long>> pushed = new ConcurrentHashMap<>();

  private PushAudit(AuditTrail trail) { this.trail = trail; }

  public static PushAudit start(Vertx vertx, AuditTrail trail) {
    PushAudit audit = new PushAudit(trail);
    vertx.setPeriodic(EVERY_MS, id -> audit.flush());
    return audit;
  }

  /** Notes that {@code user}'s stream was sent the list row of ticket {@code ticketId}. */
  public void pushed(Actor user, long ticketId) { add(new Reader(user.userId(), user.username()), ticketId); }

  private void add(Reader reader, long ticketId) {
    // compute, not computeIfAbsent(..).add: an add is then atomic with flush's remove, so no id lands in a removed set
    pushed.compute(reader, (r, ids) -> {
      Set<Long> out = ids == null ? ConcurrentHashMap.newKeySet() : ids;
      out.add(ticketId);
      return out;
    });
  }

  void flush() {
    for (Reader r : pushed.keySet()) {
      Set<Long> ids = pushed.remove(r);
      if (ids == null || ids.isEmpty()) continue;
      var sorted = ids.stream().sorted().toList();
      for (int from = 0; from < sorted.size(); from += IDS_PER_ROW) {
        var part = sorted.subList(from, Math.min(sorted.size(), from + IDS_PER_ROW));
        String detail = "GET /api/events -> pushed ids=" + part.stream().map(String::valueOf).collect(Collectors.joining(","));
        trail.record(r.userId(), r.username(), "access", null, detail).onFailure(e -> {
          log.warn("audit of pushed ticket rows not written, retried: {}", e.getClass().getSimpleName());
          part.forEach(id -> add(r, id));
        });
      }
    }
  }
}
