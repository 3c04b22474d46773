package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Intelligent intake in the running system: suggestions, the suggestion kept on the ticket, priority, repeat callers. */
class IntakeApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  static RunningApp.Response suggest(String user, JsonObject body) { return app.post(user, "/api/intake/suggest", body); }

  @Test
  void lifeThreateningNotesAreSuggestedAsEmergencyWithReasons() {
    RunningApp.Response r = suggest("op-xining", new JsonObject().put("notes", "孩子说爸爸正在用皮带打他，满脸是血，躲在厕所里"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject s = r.json();
    assertThat(s.getString("category")).isEqualTo("VIOLATION");
    assertThat(s.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(s.getDouble("confidence")).isBetween(0.0, 1.0);
    assertThat(s.getInteger("priority")).isGreaterThanOrEqualTo(3000);
    assertThat(s.getJsonArray("reasons").stream().map(JsonObject.class::cast)
        .anyMatch(x -> x.getString("why").startsWith("生命优先"))).as(s.encode()).isTrue();
  }

  @Test
  void negatedHittingIsNotViolationAndAPlaceInTheTextGivesTheCounty() {
    JsonObject s = suggest("op-xining", new JsonObject().put("notes", "我没有打孩子，就是说了他几句，孩子最近不想上学，想问问怎么办")).json();
    assertThat(s.getString("category")).as(s.encode()).isNotEqualTo("VIOLATION");
    assertThat(s.getJsonArray("reasons").encode()).contains("否定");

    JsonObject county = suggest("sup-xining", new JsonObject().put("notes", "大通县有个娃娃没人管，天天在外面要饭").put("childAge", 8)).json();
    assertThat(county.getString("countyCode")).isEqualTo("630121");
    assertThat(county.getInteger("childAge")).isEqualTo(8);

    JsonObject choose = suggest("op-xining", new JsonObject().put("notes", "孩子在海东那边被继母打").put("countyCode", "630200")).json();
    assertThat(choose.getBoolean("needsCountyChoice")).isTrue();
    assertThat(choose.getJsonArray("candidateCounties").getList()).contains("630202").doesNotContain("630102");
  }

  @Test
  void badSuggestInputNamesTheFieldAndOnlyIntakeRolesMayAsk() {
    assertProblem(suggest("op-xining", new JsonObject()), 422, "notes");
    assertProblem(suggest("op-xining", new JsonObject().put("notes", "x".repeat(20_001))), 422, "notes");
    assertProblem(suggest("op-xining", new JsonObject().put("notes", "孩子被打").put("childAge", 18)), 422, "childAge");
    assertProblem(suggest("op-xining", new JsonObject().put("notes", "孩子被打").put("childAge", "七")), 422, "childAge");
    assertProblem(suggest("op-xining", new JsonObject().put("notes", "孩子被打").put("countyCode", "999999")), 422, "countyCode");
    assertThat(suggest("h-chengdong", new JsonObject().put("notes", "孩子被打")).status()).isEqualTo(403);
    assertThat(app.post("h-chengdong", "/api/intake/caller-history", new JsonObject().put("number", "13800000000")).status())
        .isEqualTo(403);
    assertThat(app.get(null, "/api/intake/taxonomy").status()).isEqualTo(401);
  }

  @Test
  void taxonomyIsServedFromConfiguration() {
    JsonObject tax = app.get("op-xining", "/api/intake/taxonomy").json();
    JsonArray cats = tax.getJsonArray("categories");
    assertThat(cats.stream().map(c -> ((JsonObject) c).getString("code")).collect(Collectors.toList()))
        .containsExactly("VIOLATION", "LIFE_DIFFICULTY", "PSYCHOLOGICAL", "CONSULTATION", "REFERRAL_OTHER");
    JsonObject first = cats.getJsonObject(0).getJsonArray("subcategories").getJsonObject(0);
    assertThat(first.getString("code")).isEqualTo("PHYSICAL_ABUSE");
    assertThat(first.getString("nameZh")).isEqualTo("身体虐待");
    assertThat(first.getString("defaultSeverity")).isEqualTo("HIGH");
  }

  @Test
  void theSuggestionAndTheOverrideAreKeptOnTheTicket() {
    JsonObject body = TicketLoopApiTest.newTicket("630102").put("severity", "EMERGENCY")
        .put("suggestedCategory", "VIOLATION").put("suggestedSubcategory", "PHYSICAL_ABUSE")
        .put("suggestedSeverity", "HIGH").put("suggestedConfidence", 0.82);
    RunningApp.Response created = app.post("op-xining", "/api/tickets", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject t = app.get("op-xining", "/api/tickets/" + created.json().getLong("id")).json();
    assertThat(t.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(t.getString("suggestedSeverity")).isEqualTo("HIGH");
    JsonObject shown = t.getJsonObject("suggestion");
    assertThat(shown.getString("subcategory")).isEqualTo("PHYSICAL_ABUSE");
    assertThat(shown.getDouble("confidence")).isEqualTo(0.82);
    assertThat(shown.getBoolean("overrodeSeverity")).isTrue();
    assertThat(shown.getBoolean("overrodeCategory")).isFalse();
    JsonObject payload = t.getJsonArray("history").getJsonObject(0).getJsonObject("payload");
    assertThat(payload.getBoolean("overrodeSeverity")).isTrue();
    assertThat(payload.getBoolean("overrodeCategory")).isFalse();
    assertThat(payload.getString("suggestedSeverity")).isEqualTo("HIGH");

    assertProblem(app.post("op-xining", "/api/tickets", body.copy().put("suggestedSeverity", "URGENT")), 422, "suggestedSeverity");
    assertProblem(app.post("op-xining", "/api/tickets", body.copy().put("suggestedCategory", "OTHER")), 422, "suggestedCategory");
    assertProblem(app.post("op-xining", "/api/tickets", body.copy().put("suggestedConfidence", 1.5)), 422, "suggestedConfidence");
  }

  @Test
  void listsCarryThePriorityAndAreOrderedByIt() {
    JsonObject infant = TicketLoopApiTest.newTicket("630103").put("severity", "NORMAL");
    infant.getJsonArray("children").getJsonObject(0).put("age", 0);
    long young = app.post("op-xining", "/api/tickets", infant).json().getLong("id");
    long older = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630103").put("severity", "NORMAL"))
        .json().getLong("id");
    JsonArray items = app.get("sup-xining", "/api/tickets?size=200").json().getJsonArray("items");
    List<Integer> priorities = items.stream().map(i -> ((JsonObject) i).getInteger("priority")).collect(Collectors.toList());
    assertThat(priorities).doesNotContainNull().isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    List<Long> ids = items.stream().map(i -> ((JsonObject) i).getLong("id")).collect(Collectors.toList());
    assertThat(ids.indexOf(young)).as("an infant goes ahead of an older child at the same level, though later")
        .isLessThan(ids.indexOf(older));
  }

  @Test
  void repeatCallerIsFoundAcrossNumberFormats() {
    long first = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("callerNumber", "0971-6123456"))
        .json().getLong("id");
    long second = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("callerNumber", "+86 971 612 3456"))
        .json().getLong("id");
    for (String form : List.of("09716123456", "+8609716123456", "0086 971 6123456", "971-6123456")) {
      RunningApp.Response r = app.post("op-xining", "/api/intake/caller-history", new JsonObject().put("number", form));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      List<Long> ids = r.json().getJsonArray("tickets").stream().map(x -> ((JsonObject) x).getLong("id")).collect(Collectors.toList());
      assertThat(ids).as(form).contains(first, second);
      assertThat(r.json().getJsonArray("calls")).isNotNull();
    }
    assertProblem(app.post("op-xining", "/api/intake/caller-history", new JsonObject().put("number", "abc")), 422, "number");
    JsonObject detail = app.get("op-xining", "/api/tickets/" + second).json();
    assertThat(detail.getJsonArray("callerTickets").stream().map(x -> ((JsonObject) x).getLong("id")).toList())
        .contains(first).doesNotContain(second);
    assertThat(app.get("prov", "/api/tickets/" + second).json().containsKey("callerTickets"))
        .as("only intake roles see the caller's other tickets").isFalse();
  }

  static void assertProblem(RunningApp.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("field")).isEqualTo(field);
  }
}
