package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.TimelineEntry;
import cn.hotline12349.telephony.store.CallStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces call changes and writes them in batches: the latest state of each call per batch, timeline entries
 * appended in order, up to {@link #maxInFlight} batches (transactions) at once. A call is in at most one batch in
 * flight: its changes that come meanwhile wait until that batch is done, so a call's changes are stored in the order
 * they came and two transactions never merge into the same row at once. A failed batch is kept and retried.
 * The news of a change (what tells a client "read the call list again") is run only after the batch holding it
 * committed, in the order the changes came for each call (across calls in one batch too; batches in flight together
 * may tell theirs in either order); a failed batch keeps its news for the retry. A batch tells each of its calls once,
 * with the news of the call's latest change: a news body holds every fact of the call so far and every listener (the
 * browser views, CallMetrics) reads only that, so the earlier news of the same batch would only repeat it. In a burst
 * this is most of the bridge's event-bus traffic (about ten changes a call; docs/BENCHMARKS.md).
 * Used from the bridge's context only.
 */
final class WriteBehind {
  private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

  /**
   * Batches in flight at most, each on a connection of its own. One batch at a time left a core idle while the bridge
   * waited for PostgreSQL (docs/BENCHMARKS.md); more than a few only queue behind each other and take connections from
   * the rest of the application.
   */
  static final int MAX_IN_FLIGHT = 3;
  /**
   * A backlog is split over the free slots only in batches of at least this many calls: a batch's cost is mostly per
   * transaction below that, so small loads still go in one batch.
   */
  static final int MIN_SPLIT = 250;

  private final Vertx vertx;
  private final CallStore store;
  private final long intervalMs;
  private final int maxInFlight;
  /** Changes not yet in a batch, one per call (coalesced), in the order the calls first came. */
  private final Map<String, CallChange> pending = new LinkedHashMap<>();
  /** Calls in a batch in flight: their newer changes stay in {@link #pending} until that batch is done. */
  private final Set<String> inFlight = new HashSet<>();
  /** News of the changes in {@link #pending}, per call, in arrival order; run once they are stored. */
  private final Map<String, List<News>> pendingNews = new LinkedHashMap<>();
  private int newsCount;
  /**
   * While the database refuses writes the news pile up (about ten per call); past this many only each call's latest
   * news is kept (its body holds every fact so far; clients only re-read on it), so an outage cannot fill the heap.
   */
  static final int MAX_NEWS = 10_000;

  private int newsLimit = MAX_NEWS;
  private long newsSeq;

  private record News(long seq, String linkedid, Runnable run) {}
  private int writing;
  private long timer = -1;
  private long batches;

  WriteBehind(Vertx vertx, CallStore store, long intervalMs) {
    this(vertx, store, intervalMs, MAX_IN_FLIGHT);
  }

  WriteBehind(Vertx vertx, CallStore store, long intervalMs, int maxInFlight) {
    if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1");
    this.vertx = vertx;
    this.store = store;
    this.intervalMs = intervalMs;
    this.maxInFlight = maxInFlight;
  }

  /** @param afterCommit run on this context once the change is stored (null: nothing to tell) */
  void add(CallChange c, Runnable afterCommit) {
    if (afterCommit != null) {
      String id = c.after().linkedid();
      pendingNews.computeIfAbsent(id, k -> new ArrayList<>(4)).add(new News(newsSeq++, id, afterCommit));
      if (++newsCount > newsLimit) {
        latestPerCall();
        newsLimit = Math.max(MAX_NEWS, 2 * newsCount); // many distinct calls: compact less often
      }
    }
    merge(c);
    schedule(intervalMs);
  }

  private void latestPerCall() {
    newsCount = 0;
    for (Map.Entry<String, List<News>> e : pendingNews.entrySet()) {
      List<News> l = e.getValue();
      if (l.size() > 1) e.setValue(new ArrayList<>(List.of(l.get(l.size() - 1))));
      newsCount++;
    }
  }

  /** Puts a change into {@link #pending}, after the call's change already there (if any). */
  private void merge(CallChange c) {
    String id = c.after().linkedid();
    CallChange prev = pending.get(id);
    if (prev == null) {
      pending.put(id, c);
    } else {
      List<TimelineEntry> all = new ArrayList<>(prev.added().size() + c.added().size());
      all.addAll(prev.added());
      all.addAll(c.added());
      pending.put(id, new CallChange(prev.before(), c.after(), all));
    }
  }

  private void schedule(long delayMs) {
    if (timer < 0 && writing < maxInFlight && !pending.isEmpty()) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> flush());
    }
  }

  long batches() {
    return batches;
  }

  boolean idle() {
    return pending.isEmpty() && writing == 0;
  }

  /** Sends what is pending and not in flight, split over the free slots when there is enough of it. */
  private void flush() {
    timer = -1;
    int free = maxInFlight - writing;
    if (free <= 0 || pending.isEmpty()) return;
    int ready = 0;
    for (String id : pending.keySet()) if (!inFlight.contains(id)) ready++;
    if (ready == 0) return; // every pending call waits for its batch in flight; its end schedules the next flush
    // a backlog goes out in shares of about 1/maxInFlight each (never below MIN_SPLIT calls): a slot freed while the
    // others still write takes its share, not the whole backlog, so the transactions keep running side by side
    int perBatch = Math.max(MIN_SPLIT, (ready + maxInFlight - 1) / maxInFlight);
    int batchCount = Math.min(free, (ready + perBatch - 1) / perBatch);
    List<List<CallChange>> out = new ArrayList<>(batchCount);
    List<List<News>> newsOf = new ArrayList<>(batchCount);
    Iterator<Map.Entry<String, CallChange>> it = pending.entrySet().iterator();
    for (int b = 0; b < batchCount; b++) {
      List<CallChange> batch = new ArrayList<>(Math.min(perBatch, ready));
      List<News> news = new ArrayList<>();
      while (batch.size() < perBatch && it.hasNext()) {
        Map.Entry<String, CallChange> e = it.next();
        String id = e.getKey();
        if (inFlight.contains(id)) continue;
        batch.add(e.getValue());
        it.remove();
        inFlight.add(id);
        List<News> n = pendingNews.remove(id);
        if (n != null) {
          news.add(n.get(n.size() - 1)); // the call's latest news only: see the class comment
          newsCount -= n.size();
        }
      }
      if (batch.isEmpty()) break;
      news.sort(Comparator.comparingLong(News::seq)); // the order of arrival, across the batch's calls
      out.add(batch);
      newsOf.add(news);
    }
    // sent once the iteration is over: a store may answer at once (its failure puts the batch back into pending)
    for (int b = 0; b < out.size(); b++) send(out.get(b), newsOf.get(b));
    schedule(intervalMs); // what is left for a later slot (calls in flight are rescheduled when their batch ends)
  }

  private void send(List<CallChange> batch, List<News> news) {
    writing++;
    batches++;
    long started = System.nanoTime();
    Future<Void> written;
    try {
      written = store.write(batch);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> {
      writing--;
      for (CallChange c : batch) inFlight.remove(c.after().linkedid());
      if (ar.failed()) {
        log.warn("writing {} call changes failed, will retry: {}", batch.size(), ar.cause().getMessage());
        requeue(batch, news);
      } else {
        for (News n : news) {
          try {
            n.run().run();
          } catch (RuntimeException e) {
            log.warn("call news after a write failed: {}", e.toString());
          }
        }
      }
      // each batch still gathers at least intervalMs of changes, counting the time the last write took: when writes
      // are slower than the interval (a burst) the next batch goes at once instead of idling another interval
      schedule(intervalMs - (System.nanoTime() - started) / 1_000_000);
    });
  }

  /** A failed batch goes back ahead of what came meanwhile for its calls: changes and news. */
  private void requeue(List<CallChange> batch, List<News> news) {
    for (CallChange c : batch) {
      String id = c.after().linkedid();
      CallChange newer = pending.remove(id);
      merge(c);
      if (newer != null) merge(newer);
    }
    Map<String, List<News>> back = new LinkedHashMap<>();
    for (News n : news) back.computeIfAbsent(n.linkedid(), k -> new ArrayList<>()).add(n);
    for (Map.Entry<String, List<News>> e : back.entrySet()) {
      List<News> mine = e.getValue();
      newsCount += mine.size();
      List<News> newer = pendingNews.remove(e.getKey());
      if (newer != null) mine.addAll(newer);
      pendingNews.put(e.getKey(), mine);
    }
  }
}
