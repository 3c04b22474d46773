package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.CallStore;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client re-reads the call list when call news arrives, so the news must follow the commit of the row. The store
 * here is PostgreSQL made slow (every write waits 300 ms before it starts): with news sent as the event is seen, every
 * read below would miss its call. The screen-pop does not wait for the write.
 */
@ExtendWith(VertxExtension.class)
class CallNewsAfterCommitTest {

  /** PgCallStore whose writes start late; remembers which calls are committed (set after the transaction ended). */
  static final class SlowStore implements CallStore {
    final CallStore delegate;
    final Vertx vertx;
    final Set<String> committed = ConcurrentHashMap.newKeySet();

    SlowStore(Vertx vertx, CallStore delegate) {
      this.vertx = vertx;
      this.delegate = delegate;
    }

    @Override
    public Future<Void> write(List<CallChange> changes) {
      Promise<Void> p = Promise.promise();
      vertx.setTimer(300, id -> delegate.write(changes)
          .onSuccess(v -> changes.forEach(c -> committed.add(c.after().linkedid())))
          .onComplete(p));
      return p.future();
    }

    @Override
    public Future<List<Call>> openCalls() {
      return delegate.openCalls();
    }

    @Override
    public Future<Void> callbackRequested(String callbackId, String linkedid, Long ticketId, String operatorUsername,
        String targetNumber, Instant at) {
      return delegate.callbackRequested(callbackId, linkedid, ticketId, operatorUsername, targetNumber, at);
    }

    @Override
    public Future<Void> callbackOperatorAnswered(String callbackId, Instant at) {
      return delegate.callbackOperatorAnswered(callbackId, at);
    }

    @Override
    public Future<Attempt> callbackOutcome(String callbackId, String status, boolean done, String detail,
        Integer talkSeconds, Instant at) {
      return delegate.callbackOutcome(callbackId, status, done, detail, talkSeconds, at);
    }
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void callNewsFollowsTheCommitAndTheScreenPopDoesNotWait(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    SlowStore store = new SlowStore(vertx, new PgCallStore(pool, PbxMappingLoader.load(PbxMappingLoader.configDir())));
    List<String> newsBeforeCommit = new CopyOnWriteArrayList<>();
    List<String> newsRowMissing = new CopyOnWriteArrayList<>();
    Map<String, String> lastNewsState = new ConcurrentHashMap<>();
    List<String> statesReadOnNews = new CopyOnWriteArrayList<>();
    List<Boolean> popBeforeCommit = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger news = new java.util.concurrent.atomic.AtomicInteger();
    vertx.eventBus().<JsonObject>consumer(CallEvents.CHANGED, m -> {
      String id = m.body().getString("linkedid");
      news.incrementAndGet();
      lastNewsState.put(id, m.body().getString("state"));
      if (!store.committed.contains(id)) newsBeforeCommit.add(id);
      // what a client does on the news: read the call from the database
      pool.preparedQuery("select state from calls where linkedid = $1").execute(Tuple.of(id)).onSuccess(rows -> {
        if (rows.size() == 0) newsRowMissing.add(id);
        else statesReadOnNews.add(rows.iterator().next().getString(0));
      });
    }).completion().await();
    for (String op : List.of("op-xining", "op-haixi")) {
      vertx.eventBus().<JsonObject>consumer(CallEvents.operator(op),
          m -> popBeforeCommit.add(!store.committed.contains(m.body().getString("callId"))));
    }
    ScreenPop.CallerHistory noHistory = (number, exclude) -> Future.succeededFuture(
        new JsonObject().put("calls", new JsonArray()).put("tickets", new JsonArray()));
    try (BridgeHarness h = BridgeHarness.start(vertx, store, noHistory)) {
      Replay.backToBack().run(h.pbx, AmiReplayTest.FIVE);
      h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();
      // news reach this consumer a moment after they are sent: wait until every news heard has been read on and no
      // news came for half a second
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int heard = -1;
      while (System.nanoTime() < end) {
        int now = news.get();
        if (now == heard && statesReadOnNews.size() + newsRowMissing.size() == now) break;
        heard = now;
        Thread.sleep(500);
      }

      assertThat(lastNewsState).hasSize(5).allSatisfy((id, state) -> assertThat(state).isEqualTo("ENDED"));
      assertThat(newsBeforeCommit).as("news sent before its call was stored").isEmpty();
      assertThat(newsRowMissing).as("a client reading on the news did not find the call").isEmpty();
      // every news was read on; a write batch tells each of its calls once (its latest change), so at least one each
      assertThat(statesReadOnNews).hasSize(news.get()).hasSizeGreaterThanOrEqualTo(5);
      // five answers, five pops, each sent while its row was still waiting for the (slow) write
      assertThat(popBeforeCommit).hasSize(5).containsOnly(true);
    }
    t.completeNow();
  }
}
