package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.PhoneNumber;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, masking: every role, operators included, reads caller numbers masked; the full number only through the
 * audited reveal, for intake roles in scope, with a purpose; one audit row per reveal, without the number.
 */
class CallerNumberRevealApiTest {
  static final String NUMBER = "13897016688";
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  static long ticket(String number) {
    RunningApp.Response r = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")
        .put("callerNumber", number));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("callerNumber")).as("even the answer to the create").isEqualTo(PhoneNumber.mask(number))
        .contains("****");
    return r.json().getLong("id");
  }

  @Test
  void operatorsReadNumbersMaskedInListsDetailsAndSearches() {
    long id = ticket(NUMBER);
    for (String user : List.of("op-xining", "sup-xining", "prov")) {
      JsonObject detail = app.get(user, "/api/tickets/" + id).json();
      assertThat(detail.getString("callerNumber")).as(user).isEqualTo("138****6688");
      RunningApp.Response list = app.get(user, "/api/tickets?order=recent&size=50");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).as(user + " list").doesNotContain(NUMBER).contains("138****6688");
    }
    RunningApp.Response search = app.get("op-xining", "/api/tickets?q=" + NUMBER);
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    assertThat(search.body()).doesNotContain(NUMBER);
    assertThat(app.get("op-xining", "/api/tickets/" + id + "/case-sheet").body()).doesNotContain(NUMBER);
  }

  @Test
  void anOperatorRevealsTheNumberWithAPurposeAndOneAuditRowWithoutTheNumber() throws Exception {
    long id = ticket("0971-8123456");
    long before = reveals(id).size();
    RunningApp.Response r = app.post("op-xining", "/api/tickets/" + id + "/caller-number",
        new JsonObject().put("purpose", "REPLY"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getString("callerNumber")).isEqualTo("0971-8123456");
    assertThat(r.json().getString("purpose")).isEqualTo("REPLY");
    List<String[]> rows = reveals(id);
    assertThat(rows).hasSize((int) before + 1);
    String[] row = rows.get(rows.size() - 1);
    assertThat(row[0]).isEqualTo("op-xining");
    assertThat(row[1]).isEqualTo("purpose=REPLY");
    assertThat(allAuditText()).doesNotContain("8123456");
    assertThat(app.get("prov", "/api/audit?action=caller-number-revealed&ticket=" + id).json().getJsonArray("items"))
        .as("the province finds it in its audit search").hasSize(rows.size());

    RunningApp.Response other = app.post("sup-xining", "/api/tickets/" + id + "/caller-number",
        new JsonObject().put("purpose", "OTHER").put("reason", "回访前核对来电人身份"));
    assertThat(other.status()).as(other.body()).isEqualTo(200);
    assertThat(reveals(id).get(reveals(id).size() - 1)[1]).isEqualTo("purpose=OTHER reason: 回访前核对来电人身份");
  }

  @Test
  void otherRolesAreRefusedOutsideTheScopeIsNotFoundAndThePurposeIsRequired() throws Exception {
    long id = ticket(NUMBER);
    JsonObject callback = new JsonObject().put("purpose", "CALLBACK");
    String path = "/api/tickets/" + id + "/caller-number";
    for (String user : List.of("h-chengdong", "prov", "admin")) {
      RunningApp.Response r = app.post(user, path, callback);
      assertThat(r.status()).as(user).isEqualTo(403);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body()).doesNotContain(NUMBER);
    }
    RunningApp.Response outside = app.post("op-haixi", path, callback);
    assertThat(outside.status()).isEqualTo(404);
    assertThat(outside.json().getString("type")).isEqualTo(app.post("op-haixi", "/api/tickets/999999999/caller-number",
        callback).json().getString("type"));
    GuardrailsApiTest.assertProblem(app.post("op-xining", path, new JsonObject()), 422, "purpose");
    GuardrailsApiTest.assertProblem(app.post("op-xining", path, new JsonObject().put("purpose", "callback")), 422, "purpose");
    GuardrailsApiTest.assertProblem(app.post("op-xining", path, new JsonObject().put("purpose", "OTHER")), 422, "reason");
    GuardrailsApiTest.assertProblem(app.post("op-xining", path, new JsonObject().put("purpose", "OTHER")
        .put("reason", "call 13897016688 back")), 422, "reason");
    assertThat(reveals(id)).as("no refused try counts as a reveal").isEmpty();
  }

  /** [username, detail] of the reveal rows of a ticket, oldest first. */
  static List<String[]> reveals(long ticketId) throws Exception {
    try (Connection c = app.db.jdbc(); PreparedStatement ps = c.prepareStatement(
        "select username, detail from audit_log where action = 'caller-number-revealed' and ticket_id = ? order by id")) {
      ps.setLong(1, ticketId);
      List<String[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
      }
      return out;
    }
  }

  static String allAuditText() throws Exception {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement()
        .executeQuery("select string_agg(coalesce(detail, ''), '|') from audit_log")) {
      rs.next();
      return String.valueOf(rs.getString(1));
    }
  }
}
