package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The list contract over HTTP: cursors, bad input, search, open counts, a ticket's history in pages. */
class TicketListApiTest {
  static cn.hotline12349.core.testing.TestDb db;
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void pagesFollowNextUntilItIsAbsentAndBadInputNamesTheField() {
    for (int i = 0; i < 7; i++) app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"));
    List<Long> seen = new ArrayList<>();
    JsonObject page = app.get("h-chengdong", "/api/tickets?size=3&order=recent").json();
    long count = page.getLong("count");
    assertThat(page.getString("countText")).isEqualTo(Long.toString(count));
    while (true) {
      page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getLong("id")));
      if (!page.containsKey("next")) break;
      assertThat(page.getJsonArray("items")).hasSize(3);
      page = app.get("h-chengdong", "/api/tickets?size=3&order=recent&cursor=" + page.getString("next")).json();
      assertThat(page.containsKey("count")).isFalse();
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize((int) count).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    for (String bad : List.of("page=2", "cursor=xyz", "size=0", "status=OPENED", "overdue=maybe", "createdFrom=yesterday",
        "order=oldest", "stage=LUNCH", "claimed=NOT%20A%20USER", "q=%3F")) {
      RunningApp.Response r = app.get("h-chengdong", "/api/tickets?" + bad);
      assertThat(r.status()).as(bad).isEqualTo(422);
      assertThat(r.json().getString("field")).as(bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void searchOpenCountsAndHistoryPagesStayInScope() {
    JsonObject body = TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102").put("callerNumber", "0971-8123999");
    body.getJsonArray("children").getJsonObject(0).put("name", "欧阳小雪");
    long id = app.post("op-xining", "/api/tickets", body).json().getLong("id");
    app.post("h-chengdong", "/api/tickets/" + id + "/claim", null);
    for (int i = 0; i < 4; i++) {
      app.post("h-chengdong", "/api/tickets/" + id + "/notes", new JsonObject().put("text", "第" + i + "次走访"));
    }
    for (String q : List.of("xiaoxue", "oyxx", "3999", "09718123999", "第2次走访")) {
      JsonObject r = app.get("h-chengdong", "/api/tickets?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).json();
      assertThat(ids(r)).as(q).contains(id);
      assertThat(ids(app.get("h-yushu", "/api/tickets?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).json()))
          .as(q).doesNotContain(id);
    }
    JsonArray counts = new JsonArray(app.get("h-chengdong", "/api/tickets/open-counts").body());
    try (var c = app.db.jdbc(); var rs = c.createStatement().executeQuery("select count(*) filter (where action = 'search'),"
        + " count(*) filter (where detail like '%xiaoxue%' or detail like '%09718123999%' or detail like '%8123999%'"
        + " or detail like '%" + java.net.URLEncoder.encode("第2次走访", java.nio.charset.StandardCharsets.UTF_8) + "%')"
        + " from audit_log")) {
      rs.next();
      assertThat(rs.getInt(1)).as("each search audited").isGreaterThanOrEqualTo(10);
      assertThat(rs.getInt(2)).as("what was typed stays out of the audit").isZero();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(counts.stream().map(o -> ((JsonObject) o).getString("org")).distinct().toList()).containsOnly("630102");
    assertThat(counts.stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum()).isGreaterThanOrEqualTo(1);

    JsonObject first = app.get("h-chengdong", "/api/tickets/" + id + "/history?size=2").json();
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getJsonArray("items").getJsonObject(0).getString("type")).isEqualTo("NOTE_ADDED");
    List<Integer> seqs = new ArrayList<>();
    JsonObject page = first;
    while (true) {
      page.getJsonArray("items").forEach(o -> seqs.add(((JsonObject) o).getInteger("seq")));
      if (!page.containsKey("next")) break;
      page = app.get("h-chengdong", "/api/tickets/" + id + "/history?size=2&before=" + page.getInteger("next")).json();
    }
    assertThat(seqs).containsExactly(7, 6, 5, 4, 3, 2, 1);
    // Outside one's scope a ticket answers as if it did not exist (issue 15: 404, never 403).
    assertThat(app.get("h-yushu", "/api/tickets/" + id + "/history").status()).isEqualTo(404);
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }
}
