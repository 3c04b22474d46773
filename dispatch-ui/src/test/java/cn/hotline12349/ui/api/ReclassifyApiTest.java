package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: POST /api/tickets/{id}/reclassify. Scope and roles, the EMERGENCY downgrade reason, one RECLASSIFIED
 * event with its audit row, SLA clocks re-budgeted to the new level, the training example following the final labels.
 */
class ReclassifyApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  private static JsonObject change(String category, String sub, String severity, String reason) {
    return new JsonObject().put("category", category).put("subcategory", sub).put("severity", severity)
        .put("reason", reason);
  }

  private static long dispatched() {
    JsonObject draft = TicketLoopApiTest.newTicket("630102").put("suggestedCategory", "VIOLATION")
        .put("suggestedSubcategory", "PHYSICAL_ABUSE").put("suggestedSeverity", "HIGH");
    RunningApp.Response created = app.post("op-xining", "/api/tickets", draft);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().getLong("id");
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/dispatch", new JsonObject().put("countyCode", "630102"))
        .status()).isEqualTo(200);
    return id;
  }

  private static Instant due(JsonObject ticket, String stage) {
    for (Object o : ticket.getJsonArray("clocks")) {
      JsonObject c = (JsonObject) o;
      if (stage.equals(c.getString("stage")) && c.getString("dueAt") != null) return Instant.parse(c.getString("dueAt"));
    }
    return null;
  }

  private static JsonArray history(long id) { return app.get("prov", "/api/tickets/" + id).json().getJsonArray("history"); }

  @Test
  void aSupervisorRaisesATicketToEmergencyOneAuditedEventTheClocksShortenAndTheExampleFollows() throws SQLException {
    long id = dispatched();
    JsonObject before = app.get("sup-xining", "/api/tickets/" + id).json();
    Instant claimDueHigh = due(before, "CLAIM");
    assertThat(claimDueHigh).isNotNull();
    int events = before.getJsonArray("history").size();

    RunningApp.Response raised = app.post("sup-xining", "/api/tickets/" + id + "/reclassify",
        change("VIOLATION", "SEXUAL_ABUSE", "EMERGENCY", "回访得知孩子被性侵，仍与施害人同住"));
    assertThat(raised.status()).as(raised.body()).isEqualTo(200);
    assertThat(raised.json().getString("severity")).isEqualTo("EMERGENCY");
    assertThat(raised.json().getString("subcategory")).isEqualTo("SEXUAL_ABUSE");
    assertThat(raised.json().getString("status")).as("the state stays").isEqualTo("DISPATCHED");

    JsonObject after = app.get("sup-xining", "/api/tickets/" + id).json();
    JsonArray h = after.getJsonArray("history");
    assertThat(h.size()).as("exactly one event").isEqualTo(events + 1);
    JsonObject e = h.stream().map(JsonObject.class::cast).filter(x -> "RECLASSIFIED".equals(x.getString("type")))
        .findFirst().orElseThrow();
    assertThat(e.getString("actor")).isEqualTo("sup-xining");
    assertThat(e.getString("reason")).isEqualTo("回访得知孩子被性侵，仍与施害人同住");
    JsonObject p = e.getJsonObject("payload");
    assertThat(p.getString("fromSeverity")).isEqualTo("HIGH");
    assertThat(p.getString("fromSubcategory")).isEqualTo("PHYSICAL_ABUSE");
    assertThat(p.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(p.getString("subcategory")).isEqualTo("SEXUAL_ABUSE");
    assertThat(count("select count(*) from audit_log where action = 'reclassify' and ticket_id = " + id
        + " and username = 'sup-xining'")).isEqualTo(1);

    // HIGH gives the claim 4 h, EMERGENCY 30 min: the running clock keeps its start and gets the shorter budget.
    Instant claimDueEmergency = due(after, "CLAIM");
    assertThat(claimDueEmergency).isBefore(claimDueHigh);
    assertThat(Duration.between(claimDueEmergency, claimDueHigh)).isEqualTo(Duration.ofMinutes(210));
    assertThat(count("select count(*) from sla_deadlines where ticket_id = " + id
        + " and stage = 'CLAIM' and severity = 'EMERGENCY'")).isEqualTo(1);

    // the labelled example carries the final labels; what was suggested stays as at intake
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select category, subcategory,"
        + " severity, suggested_severity, relabels from intake_examples where ticket_id = " + id)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("SEXUAL_ABUSE");
      assertThat(rs.getString(3)).isEqualTo("EMERGENCY");
      assertThat(rs.getString(4)).isEqualTo("HIGH");
      assertThat(rs.getInt(5)).isEqualTo(1);
    }

    // lowering the EMERGENCY needs its own recorded reason: 422 naming the field, nothing written
    RunningApp.Response silent = app.post("sup-xining", "/api/tickets/" + id + "/reclassify",
        change("VIOLATION", "SEXUAL_ABUSE", "NORMAL", "核实后不紧急"));
    assertThat(silent.status()).isEqualTo(422);
    assertThat(silent.contentType()).startsWith("application/problem+json");
    assertThat(silent.json().getString("field")).isEqualTo("downgradeReason");
    assertThat(history(id).size()).isEqualTo(events + 1);
    RunningApp.Response lowered = app.post("sup-xining", "/api/tickets/" + id + "/reclassify",
        change("VIOLATION", "SEXUAL_ABUSE", "HIGH", "核实").put("downgradeReason", "派出所已将施害人带离，孩子由外婆照看"));
    assertThat(lowered.status()).as(lowered.body()).isEqualTo(200);
    JsonObject last = history(id).stream().map(JsonObject.class::cast)
        .filter(x -> "RECLASSIFIED".equals(x.getString("type"))).reduce((a, b) -> b).orElseThrow();
    assertThat(last.getJsonObject("payload").getString("downgradeReason")).isEqualTo("派出所已将施害人带离，孩子由外婆照看");
    // back to HIGH: the 4 h budget again (to the millisecond: used time is carried over at each change)
    assertThat(Duration.between(due(app.get("prov", "/api/tickets/" + id).json(), "CLAIM"), claimDueHigh).abs())
        .isLessThan(Duration.ofMillis(5));
    assertThat(count("select relabels from intake_examples where ticket_id = " + id)).isEqualTo(2);
  }

  @Test
  void onlyPeopleInScopeReclassifyAndBadInputNamesItsField() throws SQLException {
    long id = dispatched();
    JsonObject ok = change("LIFE_DIFFICULTY", "LEFT_BEHIND", "NORMAL", "回访后改为留守儿童");
    RunningApp.Response other = app.post("op-haixi", "/api/tickets/" + id + "/reclassify", ok);
    assertThat(other.status()).as("another prefecture: answered like a missing ticket").isEqualTo(404);
    assertThat(app.post("h-yushu", "/api/tickets/" + id + "/reclassify", ok).status()).isEqualTo(404);
    assertThat(app.post("op-xining", "/api/tickets/999999999/reclassify", ok).status()).isEqualTo(404);
    RunningApp.Response unclaimed = app.post("h-chengdong", "/api/tickets/" + id + "/reclassify", ok);
    assertThat(unclaimed.status()).as("a handler only on a ticket they claimed").isEqualTo(403);
    assertThat(unclaimed.contentType()).startsWith("application/problem+json");
    assertThat(app.post("admin", "/api/tickets/" + id + "/reclassify", ok).status()).isEqualTo(403);

    RunningApp.Response wrongSub = app.post("op-xining", "/api/tickets/" + id + "/reclassify",
        change("LIFE_DIFFICULTY", "SEXUAL_ABUSE", "NORMAL", "x"));
    assertThat(wrongSub.status()).isEqualTo(422);
    assertThat(wrongSub.json().getString("field")).isEqualTo("subcategory");
    RunningApp.Response noReason = app.post("op-xining", "/api/tickets/" + id + "/reclassify",
        change("LIFE_DIFFICULTY", "LEFT_BEHIND", "NORMAL", null));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().getString("field")).isEqualTo("reason");
    RunningApp.Response same = app.post("op-xining", "/api/tickets/" + id + "/reclassify",
        change("VIOLATION", "PHYSICAL_ABUSE", "HIGH", "没变"));
    assertThat(same.status()).isEqualTo(422);
    assertThat(count("select count(*) from audit_log where action = 'reclassify' and ticket_id = " + id)).isZero();
    assertThat(count("select relabels from intake_examples where ticket_id = " + id)).isZero();

    assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/claim", null).status()).isEqualTo(200);
    assertThat(app.post("h-chengdong2", "/api/tickets/" + id + "/reclassify", ok).status())
        .as("a colleague of the claimer").isEqualTo(403);
    RunningApp.Response byHandler = app.post("h-chengdong", "/api/tickets/" + id + "/reclassify", ok);
    assertThat(byHandler.status()).as(byHandler.body()).isEqualTo(200);
    assertThat(byHandler.json().getString("category")).isEqualTo("LIFE_DIFFICULTY");
    assertThat(count("select count(*) from audit_log where action = 'reclassify' and ticket_id = " + id
        + " and username = 'h-chengdong'")).isEqualTo(1);
    // the supervisors' 30-day accuracy compares the suggestion with the final class
    JsonObject accuracy = app.get("sup-xining", "/api/intake/accuracy?days=30").json();
    assertThat(accuracy.encode()).contains("LIFE_DIFFICULTY");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
