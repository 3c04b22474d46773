package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Same child, several reports: suggestions, LINK and MERGE (并单) recorded in both histories. */
class DuplicatesApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  static long report(String name, int age, String county) {
    JsonObject body = TicketLoopApiTest.newTicket(county).put("dispatchTo", county);
    body.getJsonArray("children").getJsonObject(0).put("name", name).put("age", age);
    RunningApp.Response r = app.post("op-xining", "/api/tickets", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  static List<Long> ids(JsonArray a, String key) {
    return a.stream().map(x -> ((JsonObject) x).getLong(key)).collect(Collectors.toList());
  }

  @Test
  void likelySameChildIsSuggestedByPinyinAgeAndCounty() {
    long a = report("马晓军", 9, "630104");
    long sameSound = report("马小军", 10, "630104");
    long tooOld = report("马小军", 12, "630104");
    long otherCounty = report("马小军", 9, "630105");
    long otherName = report("李红梅", 9, "630104");
    RunningApp.Response r = app.get("sup-xining", "/api/tickets/" + a + "/duplicates");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Long> found = ids(r.json().getJsonArray("duplicates"), "id");
    assertThat(found).contains(sameSound).doesNotContain(a, tooOld, otherCounty, otherName);

    JsonObject draft = new JsonObject().put("children", new JsonArray()
        .add(new JsonObject().put("name", "马小君").put("age", 9).put("countyCode", "630104")));
    List<Long> atCreation = ids(app.post("op-xining", "/api/intake/duplicates", draft).json().getJsonArray("duplicates"), "id");
    assertThat(atCreation).contains(a, sameSound).doesNotContain(otherCounty, otherName);
    assertThat(app.get("h-chengdong", "/api/tickets/" + a + "/duplicates").status()).isEqualTo(403);
    IntakeApiTest.assertProblem(app.post("op-xining", "/api/intake/duplicates", new JsonObject().put("children",
        new JsonArray().add(new JsonObject().put("name", "x").put("countyCode", "630100")))), 422, "children[0].countyCode");
  }

  @Test
  void linkIsRecordedInBothHistoriesAndShownBothWays() {
    long a = report("韩梅梅", 6, "630105");
    long b = report("韩美美", 6, "630105");
    RunningApp.Response r = app.post("sup-xining", "/api/tickets/" + a + "/links",
        new JsonObject().put("otherId", b).put("mode", "LINK").put("reason", "同一孩子，不同来电人"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    for (long[] pair : new long[][] {{a, b}, {b, a}}) {
      JsonObject t = app.get("sup-xining", "/api/tickets/" + pair[0]).json();
      assertThat(ids(t.getJsonArray("links"), "otherId")).containsExactly(pair[1]);
      assertThat(lastEvent(t).getString("type")).isEqualTo("TICKET_LINKED");
      assertThat(lastEvent(t).getJsonObject("payload").getLong("otherId")).isEqualTo(pair[1]);
      assertThat(t.getString("status")).isEqualTo("DISPATCHED");
    }
    assertThat(app.post("sup-xining", "/api/tickets/" + b + "/links",
        new JsonObject().put("otherId", a).put("mode", "LINK").put("reason", "again")).status()).isEqualTo(409);
    IntakeApiTest.assertProblem(app.post("sup-xining", "/api/tickets/" + a + "/links",
        new JsonObject().put("otherId", a).put("mode", "LINK").put("reason", "x")), 422, "otherId");
    IntakeApiTest.assertProblem(app.post("sup-xining", "/api/tickets/" + a + "/links",
        new JsonObject().put("otherId", b).put("mode", "JOIN").put("reason", "x")), 422, "mode");
  }

  @Test
  void mergeEndsTheDuplicateStopsItsClocksAndKeepsTheSurvivorGoing() {
    long survivor = report("张小明", 5, "630103");
    long dup = report("张晓明", 5, "630103");
    JsonObject body = new JsonObject().put("otherId", survivor).put("mode", "MERGE").put("reason", "并单：同一孩子");
    assertThat(app.post("op-xining", "/api/tickets/" + dup + "/links", body).status()).as("operators may not merge").isEqualTo(403);
    assertThat(app.post("h-chengdong", "/api/tickets/" + dup + "/links", body).status()).isEqualTo(403);
    assertThat(app.get("op-xining", "/api/tickets/" + dup).json().getString("status")).as("nothing half-stored")
        .isEqualTo("DISPATCHED");

    RunningApp.Response merged = app.post("sup-xining", "/api/tickets/" + dup + "/links", body);
    assertThat(merged.status()).as(merged.body()).isEqualTo(201);

    JsonObject d = app.get("sup-xining", "/api/tickets/" + dup).json();
    assertThat(d.getString("status")).isEqualTo("CLOSED");
    assertThat(lastEvent(d).getString("type")).isEqualTo("CLOSED");
    assertThat(lastEvent(d).getJsonObject("payload").getLong("mergedInto")).isEqualTo(survivor);
    assertThat(d.getJsonArray("clocks").stream().map(JsonObject.class::cast)
        .noneMatch(c -> "RUNNING".equals(c.getString("status")))).as(d.getJsonArray("clocks").encode()).isTrue();
    assertThat(d.getJsonArray("links").getJsonObject(0).getString("mode")).isEqualTo("MERGE");
    assertThat(d.getJsonArray("links").getJsonObject(0).getString("direction")).isEqualTo("OUT");

    JsonObject s = app.get("sup-xining", "/api/tickets/" + survivor).json();
    assertThat(s.getString("status")).isEqualTo("DISPATCHED");
    assertThat(lastEvent(s).getString("type")).isEqualTo("TICKET_MERGED_FROM");
    assertThat(lastEvent(s).getJsonObject("payload").getLong("otherId")).isEqualTo(dup);
    assertThat(s.getJsonArray("links").getJsonObject(0).getString("direction")).isEqualTo("IN");
    assertThat(s.getJsonArray("clocks").stream().map(JsonObject.class::cast)
        .anyMatch(c -> "RUNNING".equals(c.getString("status")))).isTrue();

    List<Long> open = ids(app.get("sup-xining", "/api/tickets?status=NEW,DISPATCHED,CLAIMED,IN_PROGRESS&size=200").json()
        .getJsonArray("items"), "id");
    assertThat(open).contains(survivor).doesNotContain(dup);
    assertThat(ids(app.get("sup-xining", "/api/tickets/" + survivor + "/duplicates").json().getJsonArray("duplicates"), "id"))
        .as("a merged ticket is no longer suggested").doesNotContain(dup);
    assertThat(app.post("sup-xining", "/api/tickets/" + survivor + "/links",
        new JsonObject().put("otherId", dup).put("mode", "MERGE").put("reason", "again")).status()).isEqualTo(409);
  }

  static JsonObject lastEvent(JsonObject ticket) {
    JsonArray h = ticket.getJsonArray("history");
    return h.getJsonObject(h.size() - 1);
  }
}
