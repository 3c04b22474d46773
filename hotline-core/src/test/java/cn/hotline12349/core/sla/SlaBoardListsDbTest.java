package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The board's overdue, due-soon and supervision lists page by keyset (issue 12): following {@code next} shows every
 * row that was on the list when paging began once and in order, while tickets and orders arrive and time passes
 * between pages; the last page has no {@code next}; the board's first 100 carry the cursor of what follows.
 */
class SlaBoardListsDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void pagesNeitherSkipNorRepeatWhileRowsArrive() throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SlaBoard board = new SlaBoard(f.pool, SlaFixture.ORGS, SlaFixture.CONFIG, f.clock);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      ids.add(f.dispatched(Severity.EMERGENCY).await().id());
      f.clock.advance(Duration.ofSeconds(i % 3 == 0 ? 0 : 30)); // some clocks share their due time
    }
    for (int i = 0; i < 9; i++) {
      supervision.issue(f.province, ids.get(i), SlaFixture.COUNTY, "act", i % 2 == 0 ? "2h" : "4h").await();
    }
    f.clock.advance(Duration.ofMinutes(27)); // the first claims are past their warning (24 min), none due yet
    List<String> dueSoonBefore = keys(board.list(f.province, null, "dueSoon", 200, null).await());
    assertThat(dueSoonBefore).hasSizeGreaterThan(5);
    List<String> dueSoon = pageThrough(f, board, "dueSoon", supervision, ids);
    assertThat(dueSoon.stream().filter(dueSoonBefore::contains).toList()).containsExactlyElementsOf(dueSoonBefore);

    f.clock.advance(Duration.ofMinutes(10)); // the first claims (30 min) are overdue
    for (String list : List.of("overdue", "supervision")) {
      List<String> before = keys(board.list(f.province, null, list, 200, null).await());
      assertThat(before).as(list).hasSizeGreaterThan(5);
      List<String> seen = pageThrough(f, board, list, supervision, ids);
      assertThat(seen.stream().filter(before::contains).toList()).as(list + ": each once, in order")
          .containsExactlyElementsOf(before);
    }

    JsonObject b = board.board(f.province, null).await();
    assertThat(b.fieldNames()).as("the board's numbers only; its lists are pages of list()")
        .contains("totals", "counts", "onTime").doesNotContain("overdue", "dueSoon", "supervision", "overdueNext");
    assertThat(board.list(f.province, null, "overdue", 2, null).await().getString("next")).isNotNull();
    assertThat(board.list(f.province, null, "overdue", 2, "eHl6").toCompletionStage().toCompletableFuture()
        .handle((o, e) -> e).get()).isInstanceOf(RuleViolationException.class).hasMessageContaining("cursor");
    assertThat(board.list(f.handler, "630000", "overdue", 2, null).toCompletionStage().toCompletableFuture()
        .handle((o, e) -> e).get()).hasMessageContaining("outside");
  }

  /** Pages of 3; between pages a new ticket, a new order, and a minute passes. No row twice. */
  private static List<String> pageThrough(SlaFixture f, SlaBoard board, String list, SupervisionService supervision,
      List<Long> ids) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int n = 0;
    do {
      JsonObject page = board.list(f.province, null, list, 3, cursor).await();
      seen.addAll(keys(page));
      assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(3);
      cursor = page.getString("next");
      Future<TicketRecord> created = f.dispatched(Severity.EMERGENCY);
      created.await();
      supervision.issue(f.province, ids.get(n++ % ids.size()), SlaFixture.COUNTY, "again", n % 2 == 0 ? "1h" : "3h")
          .await();
      // Time passes too, except for due soon (a clock due meanwhile leaves that list, as it should).
      if (!list.equals("dueSoon")) f.clock.advance(Duration.ofMinutes(1));
    } while (cursor != null);
    assertThat(new HashSet<>(seen)).as(list + ": no row twice").hasSize(seen.size());
    return seen;
  }

  private static List<String> keys(JsonObject page) {
    List<String> out = new ArrayList<>();
    for (Object o : page.getJsonArray("items")) {
      JsonObject r = (JsonObject) o;
      out.add(r.containsKey("orderId") ? "o" + r.getLong("orderId") : r.getLong("ticketId") + ":" + r.getString("clockKey"));
    }
    return out;
  }
}
