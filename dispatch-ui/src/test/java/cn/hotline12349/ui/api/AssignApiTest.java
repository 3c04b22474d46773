package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A claimed ticket is its claimer's; a supervisor hands it to a named colleague with a reason. */
class AssignApiTest {
  static RunningApp app;

  @BeforeAll
  static void start() { app = RunningApp.start(TestDatabase.create().config()); }

  @AfterAll
  static void stop() { app.close(); }

  @Test
  void aColleagueCannotWorkOnAClaimedTicketUntilASupervisorAssignsItToThem() {
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/dispatch", new JsonObject().put("countyCode", "630102"))
        .status()).isEqualTo(200);
    assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/claim", null).status()).isEqualTo(200);

    RunningApp.Response colleague = app.post("h-chengdong2", "/api/tickets/" + id + "/notes",
        new JsonObject().put("text", "我也去看了").put("childContacted", true));
    assertThat(colleague.status()).isEqualTo(403);
    assertThat(colleague.contentType()).startsWith("application/problem+json");
    assertThat(colleague.body()).contains("not-claimer");
    assertThat(app.post("h-chengdong2", "/api/tickets/" + id + "/result", new JsonObject().put("summary", "x"))
        .status()).isEqualTo(403);
    JsonObject unchanged = app.get("prov", "/api/tickets/" + id).json();
    assertThat(unchanged.getString("status")).isEqualTo("CLAIMED");
    assertThat(unchanged.getJsonArray("history").size()).as("nothing written by the refused steps").isEqualTo(3);

    JsonArray handlers = new JsonArray(app.get("sup-xining", "/api/org-units/630102/handlers").body());
    assertThat(handlers.stream().map(h -> ((JsonObject) h).getString("username")))
        .contains("h-chengdong", "h-chengdong2");
    assertThat(handlers.stream().map(h -> ((JsonObject) h).getString("displayName"))).contains("城东区处置员二");
    assertThat(app.get("h-yushu", "/api/org-units/630102/handlers").status()).as("another county's staff list")
        .isEqualTo(404);

    assertThat(app.post("h-chengdong2", "/api/tickets/" + id + "/assign",
        new JsonObject().put("handler", "h-chengdong2").put("reason", "我来接手")).status())
        .as("handlers cannot take a colleague's ticket themselves").isEqualTo(403);
    RunningApp.Response noReason = app.post("sup-xining", "/api/tickets/" + id + "/assign",
        new JsonObject().put("handler", "h-chengdong2"));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.body()).contains("\"field\":\"reason\"");
    RunningApp.Response wrongCounty = app.post("sup-xining", "/api/tickets/" + id + "/assign",
        new JsonObject().put("handler", "h-yushu").put("reason", "x"));
    assertThat(wrongCounty.status()).isEqualTo(422);
    assertThat(wrongCounty.body()).contains("\"field\":\"handler\"");

    RunningApp.Response assigned = app.post("sup-xining", "/api/tickets/" + id + "/assign",
        new JsonObject().put("handler", "h-chengdong2").put("reason", "原处置员休假"));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json().getString("claimedBy")).isEqualTo("h-chengdong2");
    assertThat(app.post("h-chengdong2", "/api/tickets/" + id + "/notes",
        new JsonObject().put("text", "已入户").put("childContacted", true)).status()).isEqualTo(200);
    assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/notes",
        new JsonObject().put("text", "x")).status()).as("the former claimer is now the colleague").isEqualTo(403);

    JsonObject assignedEvent = app.get("prov", "/api/tickets/" + id).json().getJsonArray("history").getJsonObject(3);
    assertThat(assignedEvent.getString("type")).isEqualTo("ASSIGNED");
    assertThat(assignedEvent.getString("actor")).isEqualTo("sup-xining");
    assertThat(assignedEvent.getString("reason")).isEqualTo("原处置员休假");
  }
}
