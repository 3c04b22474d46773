package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.TimelineEntry;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch's timeline goes in as plain inserts; a batch holding an entry already stored (a replayed event, a write
 * retried after its commit's answer was lost) or the same entry twice is written again whole with ON CONFLICT DO
 * NOTHING: each entry stored once, in the order it came, the call row merged, nothing lost.
 */
@ExtendWith(VertxExtension.class)
class TimelineBatchWriteTest {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  static Call call(String id, Instant answered, Instant ended) {
    return new Call(id, Call.INBOUND, "13909710001", "12349", "630100", "hotline-630100", 1, null, null, null, T0,
        T0.plusSeconds(1), T0.plusSeconds(2), null, null, answered, null, null, null, null, null, null, ended,
        ended == null ? null : "16", false, null, null, T0.plusSeconds(2), null, null, false, null);
  }

  static TimelineEntry entry(String type, int second) {
    return new TimelineEntry(type, T0.plusSeconds(second), null);
  }

  @Test
  void newEntriesArePlainInsertsAndStoredEntriesMakeTheBatchWriteAgainSkippingThem(Vertx vertx) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    PgCallStore store = new PgCallStore(pool, CallPersistenceTest.loadMapping());

    // two calls (a batch naming each once takes the one-statement path), only new entries: written at the first try
    store.write(List.of(
        new CallChange(null, call("a", null, null), List.of(entry("STARTED", 0), entry("IVR", 1), entry("QUEUED", 2))),
        new CallChange(null, call("b", null, null), List.of(entry("STARTED", 0)))))
        .await(10, TimeUnit.SECONDS);
    assertThat(store.rewritten()).isZero();

    // call a again: one entry already stored (replayed), one new; call b: a new entry given twice in the batch
    store.write(List.of(
        new CallChange(null, call("a", T0.plusSeconds(5), T0.plusSeconds(9)),
            List.of(entry("QUEUED", 2), entry("ANSWERED", 5), entry("ENDED", 9))),
        new CallChange(null, call("b", null, T0.plusSeconds(4)), List.of(entry("ENDED", 4), entry("ENDED", 4)))))
        .await(10, TimeUnit.SECONDS);
    assertThat(store.rewritten()).isEqualTo(1);

    assertThat(CallPersistenceTest.column(db, "select type from call_timeline where linkedid = 'a' order by id"))
        .containsExactly("STARTED", "IVR", "QUEUED", "ANSWERED", "ENDED");
    assertThat(CallPersistenceTest.column(db, "select type from call_timeline where linkedid = 'b' order by id"))
        .containsExactly("STARTED", "ENDED");
    assertThat(CallPersistenceTest.column(db, "select linkedid || ' ' || state from calls order by linkedid"))
        .containsExactly("a ENDED", "b ABANDONED"); // b ended unanswered

    // a failure that is not a duplicate entry is not retried here: the write-behind keeps the batch and retries it
    pool.close().await(10, TimeUnit.SECONDS);
    assertThat(store.write(List.of(new CallChange(null, call("c", null, null), List.of(entry("STARTED", 0))),
            new CallChange(null, call("d", null, null), List.of(entry("STARTED", 0)))))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed())).await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.rewritten()).isEqualTo(1);
  }
}
