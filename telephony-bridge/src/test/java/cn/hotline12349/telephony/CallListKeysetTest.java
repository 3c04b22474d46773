package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.domain.CallState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call lists page by keyset (issue 12): following {@code next} shows every call that existed when paging began
 * exactly once and in order, while calls newer and older (and with the same start, or none) arrive between pages;
 * the last page has no {@code next}; each list's page query is an index scan.
 */
class CallListKeysetTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void pagesNeitherSkipNorRepeatWhileCallsArrive() throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    for (int i = 0; i < 130; i++) {
      // Every fifth call shares its start with the one before; a few have no start at all.
      Instant start = i % 29 == 7 ? null : T0.plusSeconds(60L * (i - i % 5 / 4));
      insert(db, "k-" + i, start, i % 3 == 0 ? "632800" : "630100", i % 4 == 0, i % 8 == 0);
    }
    CallService calls = new CallService(pool, null);
    for (String scope : new String[] {null, "630100"}) {
      for (Boolean pending : new Boolean[] {null, true}) {
        CallState state = pending == null ? null : CallState.ABANDONED;
        List<String> before = ids(pool, scope, pending);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
          CallService.Page p = calls.page(new CallService.Query(state, pending, null, null, null, 7, 0, cursor), scope)
              .await();
          p.items().forEach(o -> seen.add(((JsonObject) o).getString("linkedid")));
          assertThat(p.items().size()).isLessThanOrEqualTo(7);
          if (p.next() == null) assertThat(ids(pool, scope, pending)).endsWith(lastOf(seen));
          cursor = p.next();
          // Between pages: a newer call, an older one, one starting with the last shown, one without a start.
          int n = page++;
          insert(db, "new-" + n + "-" + scope + pending, T0.plusSeconds(86400 + n), "630100", true, false);
          insert(db, "old-" + n + "-" + scope + pending, T0.minusSeconds(86400 + n), "630100", true, false);
          insert(db, "nil-" + n + "-" + scope + pending, null, "630100", true, false);
        } while (cursor != null);
        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).as("no call shown twice").hasSize(seen.size());
        List<String> original = seen.stream().filter(before::contains).toList();
        assertThat(original).as("every call of the start, once, in order (" + scope + ", " + pending + ")")
            .containsExactlyElementsOf(before);
      }
    }
    // a cursor that is not a call list's fails the page with the typed error the HTTP edge answers 422 on "cursor"
    assertThatThrownBy(() -> calls.page(new CallService.Query(null, null, null, null, null, 7, 0, "bm90LWl0"), null)
        .await()).isInstanceOf(cn.hotline12349.core.paging.InvalidCursorException.class)
        .satisfies(e -> assertThat(((cn.hotline12349.core.domain.RuleViolationException) e).violation().field())
            .isEqualTo("cursor"));
  }

  @Test
  void eachListIsAnIndexScan() throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    try (Connection c = db.jdbc()) {
      c.createStatement().execute("""
          insert into calls (linkedid, started_at, prefecture_code, abandoned_at, callback_status)
          select 'g-' || g, timestamptz '2026-01-01' + g * interval '1 minute', case when g % 2 = 0 then '630100'
                 else '632800' end, case when g % 10 = 0 then timestamptz '2026-01-01' + g * interval '1 minute' end,
                 case when g % 20 = 0 then 'DONE' end
            from generate_series(1, 50000) g""");
      c.createStatement().execute("analyze calls");
    }
    String key = "coalesce(c.started_at, '-infinity'::timestamptz)";
    String cursorKey = " and (" + key + ", c.linkedid) < (timestamptz '2026-01-20', 'g-9')";
    String pending = " and abandoned_at is not null and callback_status is distinct from 'DONE'";
    for (String where : List.of("", " and prefecture_code = '630100'", pending, pending + " and prefecture_code = '630100'")) {
      for (String after : List.of("", cursorKey)) {
        StringBuilder plan = new StringBuilder();
        for (Row r : pool.query("explain select c.* from calls c where true" + where + after + " order by " + key
            + " desc, c.linkedid desc limit 51").execute().await()) {
          plan.append(r.getString(0)).append('\n');
        }
        assertThat(plan.toString()).as(where + after).doesNotContain("Seq Scan").doesNotContain("Sort")
            .contains("calls_keyset");
      }
    }
    assertThat(pool.preparedQuery("select count(*) from calls").execute(Tuple.tuple()).await().iterator().next()
        .getLong(0)).isEqualTo(50000L);
  }

  private static String lastOf(List<String> l) { return l.get(l.size() - 1); }

  /** The list as it is now, in the list's order (read independently of the service). */
  private static List<String> ids(Pool pool, String scope, Boolean pending) {
    List<String> out = new ArrayList<>();
    for (Row r : pool.preparedQuery("""
        select linkedid from calls where ($1::text is null or prefecture_code = $1)
          and ($2::boolean is null or (abandoned_at is not null and callback_status is distinct from 'DONE'))
         order by started_at desc nulls last, linkedid desc""").execute(Tuple.of(scope, pending)).await()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static void insert(TestDb db, String id, Instant start, String pref, boolean abandoned, boolean done)
      throws Exception {
    try (Connection c = db.jdbc(); PreparedStatement p = c.prepareStatement("""
        insert into calls (linkedid, started_at, prefecture_code, abandoned_at, callback_status)
        values (?, ?, ?, ?, ?)""")) {
      p.setString(1, id);
      p.setTimestamp(2, start == null ? null : Timestamp.from(start));
      p.setString(3, pref);
      p.setTimestamp(4, abandoned ? Timestamp.from(start == null ? T0 : start) : null);
      p.setString(5, done ? "DONE" : null);
      p.executeUpdate();
    }
  }
}
