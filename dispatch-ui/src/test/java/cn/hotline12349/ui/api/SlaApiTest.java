package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SLA engine wired into the running system: clocks on tickets, the board, supervision orders. */
class SlaApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void aDispatchedTicketCarriesItsClaimClockAndShowsOnTheBoard() {
    Instant before = Instant.now();
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"))
        .json().getLong("id");
    JsonArray clocks = app.get("h-chengdong", "/api/tickets/" + id).json().getJsonArray("clocks");
    JsonObject claim = clocks.stream().map(JsonObject.class::cast)
        .filter(c -> "CLAIM".equals(c.getString("stage")) && "RUNNING".equals(c.getString("status")))
        .findFirst().orElseThrow(() -> new AssertionError("no running CLAIM clock in " + clocks));
    Instant due = Instant.parse(claim.getString("dueAt"));
    assertThat(due).as("HIGH: county claim within 4 h").isBetween(before.plus(Duration.ofHours(4)).minusSeconds(5),
        Instant.now().plus(Duration.ofHours(4)).plusSeconds(5));
    assertThat(claim.getString("ownerOrg")).isEqualTo("630102");

    JsonObject board = app.get("prov", "/api/sla/board?org=630000").json();
    assertThat(board.getJsonArray("counts").stream().map(JsonObject.class::cast)
        .anyMatch(c -> "630102".equals(c.getString("county")) && "CLAIM".equals(c.getString("stage"))
            && c.getLong("count") >= 1)).as(board.encode()).isTrue();
    assertThat(app.get("h-yushu", "/api/sla/board?org=630100").status()).isEqualTo(403);

    RunningApp.Response order = app.post("prov", "/api/tickets/" + id + "/supervision",
        new JsonObject().put("targetOrg", "630100").put("reason", "请加快处置").put("duration", "2h"));
    assertThat(order.status()).as(order.body()).isEqualTo(201);
    assertThat(app.get("prov", "/api/tickets/" + id).json().getJsonArray("supervisionOrders")).hasSize(1);
    assertThat(app.post("sup-xining", "/api/supervision/" + order.json().getLong("id") + "/fulfil", null).status())
        .as("only the issuing tier closes a supervision order").isEqualTo(403);
    RunningApp.Response fulfilled = app.post("prov", "/api/supervision/" + order.json().getLong("id") + "/fulfil", null);
    assertThat(fulfilled.status()).as(fulfilled.body()).isEqualTo(200);
    assertThat(fulfilled.json().getString("status")).isNotEqualTo(order.json().getString("status"));
  }
}
