package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.store.CallStore;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces call changes and writes them in batches: at most one write in flight, the latest state
 * of each call per batch, timeline entries appended in order. A failed batch is kept and retried.
 * The news of each change (what tells a client "read the call list again") is run only after the
 * batch holding it committed, in the order the changes came; a failed batch keeps its news for the retry.
 * Used from the bridge's context only.
 */
final class WriteBehind {
  private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

  private final Vertx vertx;
  private final CallStore store;
  private final long intervalMs;
  private final Map<String, CallChange> pending = new LinkedHashMap<>();
  /** News of the changes in {@link #pending}, in arrival order; run once they are stored. */
  private List<News> pendingNews = new ArrayList<>();
  /**
   * While the database refuses writes the news pile up (about ten per call); past this many only each call's latest
   * news is kept (its body holds every fact so far; clients only re-read on it), so an outage cannot fill the heap.
   */
  static final int MAX_NEWS = 10_000;

  private int newsLimit = MAX_NEWS;

  private record News(String linkedid, Runnable run) {}
  private boolean writing;
  private long timer = -1;
  private long batches;

  WriteBehind(Vertx vertx, CallStore store, long intervalMs) {
    this.vertx = vertx;
    this.store = store;
    this.intervalMs = intervalMs;
  }

  /** @param afterCommit run on this context once the change is stored (null: nothing to tell) */
  void add(CallChange c, Runnable afterCommit) {
    if (afterCommit != null) {
      pendingNews.add(new News(c.after().linkedid(), afterCommit));
      if (pendingNews.size() > newsLimit) {
        pendingNews = latestPerCall(pendingNews);
        newsLimit = Math.max(MAX_NEWS, 2 * pendingNews.size()); // many distinct calls: compact less often
      }
    }
    add(c);
  }

  private static List<News> latestPerCall(List<News> news) {
    Map<String, News> last = new LinkedHashMap<>();
    for (News n : news) {
      last.remove(n.linkedid());
      last.put(n.linkedid(), n);
    }
    return new ArrayList<>(last.values());
  }

  private void add(CallChange c) {
    CallChange prev = pending.get(c.after().linkedid());
    if (prev == null) {
      pending.put(c.after().linkedid(), c);
    } else {
      List<cn.hotline12349.telephony.domain.TimelineEntry> all = new ArrayList<>(prev.added());
      all.addAll(c.added());
      pending.put(c.after().linkedid(), new CallChange(prev.before(), c.after(), all));
    }
    if (timer < 0 && !writing) timer = vertx.setTimer(intervalMs, id -> flush());
  }

  long batches() {
    return batches;
  }

  boolean idle() {
    return pending.isEmpty() && !writing;
  }

  private void flush() {
    timer = -1;
    if (writing || pending.isEmpty()) return;
    List<CallChange> batch = new ArrayList<>(pending.values());
    pending.clear();
    List<News> news = pendingNews;
    pendingNews = new ArrayList<>();
    writing = true;
    batches++;
    long started = System.nanoTime();
    store.write(batch).onComplete(ar -> {
      writing = false;
      if (ar.failed()) {
        log.warn("writing {} call changes failed, will retry: {}", batch.size(), ar.cause().getMessage());
        for (CallChange c : batch) {
          CallChange newer = pending.remove(c.after().linkedid());
          add(c);
          if (newer != null) add(newer);
        }
        news.addAll(pendingNews); // the batch's own news stay ahead of what came meanwhile
        pendingNews = news;
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
      long wait = Math.max(1, intervalMs - (System.nanoTime() - started) / 1_000_000);
      if (!pending.isEmpty() && timer < 0) timer = vertx.setTimer(wait, id -> flush());
    });
  }
}
