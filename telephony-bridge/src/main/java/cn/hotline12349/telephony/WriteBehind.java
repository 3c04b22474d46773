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
  private List<Runnable> pendingNews = new ArrayList<>();
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
    if (afterCommit != null) pendingNews.add(afterCommit);
    add(c);
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
    List<Runnable> news = pendingNews;
    pendingNews = new ArrayList<>();
    writing = true;
    batches++;
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
        for (Runnable r : news) {
          try {
            r.run();
          } catch (RuntimeException e) {
            log.warn("call news after a write failed: {}", e.toString());
          }
        }
      }
      if (!pending.isEmpty() && timer < 0) timer = vertx.setTimer(intervalMs, id -> flush());
    });
  }
}
