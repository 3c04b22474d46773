package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.draft.IntakeDrafts;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The intake form's draft of a linked call, on the server: the operator's own, bounded, gone when done or old. */
class DraftApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  private static RunningApp.Response send(String user, String method, String callId, JsonObject body) {
    return app.send(method, "/api/intake/drafts/" + callId, app.login(user), body == null ? null : body.encode());
  }

  private static JsonObject draft(String narrative) {
    return new JsonObject().put("draft", new JsonObject().put("v", 1)
        .put("fields", new JsonObject().put("tf-narrative", narrative).put("tf-child-0-name", "王小明")));
  }

  @Test
  void anOperatorKeepsAndReadsBackTheirOwnDraftAndNoOneElseSeesIt() throws SQLException {
    assertThat(send("op-xining", "PUT", "1733555555.101", draft("孩子在哭")).status()).isEqualTo(204);
    assertThat(send("op-xining", "PUT", "1733555555.101", draft("孩子在哭，邻居听到打骂声")).status()).isEqualTo(204);
    RunningApp.Response back = send("op-xining", "GET", "1733555555.101", null);
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().getJsonObject("draft").getJsonObject("fields").getString("tf-narrative"))
        .isEqualTo("孩子在哭，邻居听到打骂声");

    assertThat(send("sup-xining", "GET", "1733555555.101", null).status()).as("another operator's draft").isEqualTo(404);
    assertThat(send("h-chengdong", "GET", "1733555555.101", null).status()).as("not the intake desk").isEqualTo(403);
    assertThat(send("h-chengdong", "PUT", "1733555555.101", draft("x")).status()).isEqualTo(403);

    // The read is audited; the form's autosaves are not (they read nothing back).
    assertThat(count("select count(*) from audit_log where action = 'access' and detail like 'GET /api/intake/drafts/1733555555.101%'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from audit_log where action = 'access' and detail like 'PUT /api/intake/drafts/%'")).isZero();

    assertThat(send("op-xining", "DELETE", "1733555555.101", null).status()).isEqualTo(204);
    assertThat(send("op-xining", "GET", "1733555555.101", null).status()).isEqualTo(404);
    assertThat(count("select count(*) from intake_drafts where user_id = (select id from users where username = 'op-xining')")).isZero();
  }

  @Test
  void creatingTheTicketForTheCallEndsItsDraft() {
    assertThat(send("op-xining", "PUT", "call-created-1", draft("孩子独自在家")).status()).isEqualTo(204);
    assertThat(send("op-xining", "PUT", "call-other-2", draft("另一通电话")).status()).isEqualTo(204);
    RunningApp.Response created = app.post("op-xining", "/api/tickets",
        TicketLoopApiTest.newTicket("630102").put("callId", "call-created-1"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    // The end handler runs as the answer is sent: give the delete a moment.
    long until = System.currentTimeMillis() + 5_000;
    while (send("op-xining", "GET", "call-created-1", null).status() != 404 && System.currentTimeMillis() < until) {
      Thread.onSpinWait();
    }
    assertThat(send("op-xining", "GET", "call-created-1", null).status()).isEqualTo(404);
    assertThat(send("op-xining", "GET", "call-other-2", null).status()).as("another call's draft stays").isEqualTo(200);
    send("op-xining", "DELETE", "call-other-2", null);
  }

  @Test
  void draftsAreBoundedInSizeShapeAndNumber() throws SQLException {
    RunningApp.Response big = send("op-haixi", "PUT", "call-big", draft("很长".repeat(IntakeDrafts.MAX_CHARS / 2)));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.contentType()).startsWith("application/problem+json");
    assertThat(big.json().getString("field")).isEqualTo("draft");
    RunningApp.Response notObject = send("op-haixi", "PUT", "call-x", new JsonObject().put("draft", "text"));
    assertThat(notObject.status()).isEqualTo(422);
    assertThat(notObject.json().getString("field")).isEqualTo("draft");
    assertThat(send("op-haixi", "PUT", "a%20b", draft("x")).status()).as("not a call id").isEqualTo(422);

    for (int i = 0; i < IntakeDrafts.MAX_PER_USER; i++) {
      assertThat(send("op-haixi", "PUT", "call-" + i, draft("第" + i + "通")).status()).isEqualTo(204);
    }
    RunningApp.Response tooMany = send("op-haixi", "PUT", "call-one-more", draft("x"));
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(send("op-haixi", "PUT", "call-3", draft("改写")).status()).as("replacing one is fine").isEqualTo(204);

    // Untouched for a day: purged (the housekeeping job runs this every ten minutes).
    try (Connection c = app.db.jdbc()) {
      c.createStatement().executeUpdate("update intake_drafts set updated_at = now() - interval '25 hours' "
          + "where call_id <> 'call-3' and user_id = (select id from users where username = 'op-haixi')");
    }
    assertThat(send("op-haixi", "GET", "call-5", null).status()).as("an old draft is not handed out").isEqualTo(404);
    int purged = new IntakeDrafts(app.app.services().pool(), Clock.systemUTC()).purge().await();
    assertThat(purged).isEqualTo(IntakeDrafts.MAX_PER_USER - 1);
    assertThat(count("select count(*) from intake_drafts where call_id like 'call-%'")).isEqualTo(1);
    assertThat(send("op-haixi", "PUT", "call-one-more", draft("x")).status()).isEqualTo(204);
  }

  private static int count(String sql) throws SQLException {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
