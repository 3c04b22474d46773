package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A claimed ticket is its claimer's; a supervisor hands it to a named colleague with a reason. */
class AssignApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theHandlersOfAWholeSubtreeComeInPagesWithinTheViewersScope() {
    // The province's list names claimers from every county with one read of this (js/people.js), a page at a time.
    java.util.List<String> paged = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = app.get("prov", "/api/org-units/630000/handlers?subtree=true&size=2"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      assertThat(page.getJsonArray("items").size()).isBetween(1, 2);
      for (Object o : page.getJsonArray("items")) {
        JsonObject u = (JsonObject) o;
        assertThat(u.getString("orgCode")).startsWith("63");
        assertThat(u.getString("displayName")).isNotBlank();
        paged.add(u.getString("username"));
      }
      cursor = page.getString("next");
      pages++;
    } while (cursor != null && pages < 50);
    assertThat(cursor).as("the last page has no next").isNull();
    assertThat(paged).as("by login name, none twice").isSorted().doesNotHaveDuplicates()
        .contains("h-chengdong", "h-chengdong2", "h-yushu");
    JsonArray one = app.get("prov", "/api/org-units/630000/handlers?subtree=true").json().getJsonArray("items");
    assertThat(one.stream().map(u -> ((JsonObject) u).getString("username")).toList()).isEqualTo(paged);

    JsonArray xining = app.get("sup-xining", "/api/org-units/630100/handlers?subtree=true").json().getJsonArray("items");
    assertThat(xining.stream().map(u -> ((JsonObject) u).getString("orgCode"))).isNotEmpty().allMatch(c -> c.startsWith("6301"));
    assertThat(xining.stream().map(u -> ((JsonObject) u).getString("username"))).contains("h-chengdong").doesNotContain("h-yushu");
    assertThat(app.get("sup-xining", "/api/org-units/630000/handlers?subtree=true").status()).as("above one's scope")
        .isEqualTo(404);
    assertThat(app.get("h-chengdong", "/api/org-units/630100/handlers?subtree=true").status()).isEqualTo(404);
    assertThat(app.get("prov", "/api/org-units/630000/handlers?subtree=true&size=0").status()).isEqualTo(422);
  }

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
