package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without HOTLINE_AMI_* the system runs, says so in /health, and refuses calls with 503 instead of failing. */
class NoPbxApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void healthSaysNotConfiguredAndStaysUp() {
    RunningApp.Response r = app.get(null, "/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
    assertThat(r.json().getJsonObject("pbx").getString("status")).isEqualTo("NOT_CONFIGURED");
  }

  @Test
  void callsAndQueueActionsAnswer503ButListsWork() {
    assertThat(app.get("op-xining", "/api/calls").json().getJsonArray("items")).isEmpty();
    assertThat(app.get("op-xining", "/api/queue/agents").json().getJsonArray("items")).isEmpty();
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    for (String path : new String[] {"/api/calls/1795432606.0/callback", "/api/tickets/" + id + "/callback",
        "/api/queue/login", "/api/queue/logout"}) {
      RunningApp.Response r = app.post("op-xining", path, null);
      assertThat(r.status()).as(path).isEqualTo(503);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().getString("detail")).contains("no PBX");
    }
    assertThat(app.post("op-xining", "/api/queue/pause", new JsonObject().put("paused", true)).status()).isEqualTo(503);
    assertThat(app.get("op-xining", "/api/tickets/" + id).json().getJsonArray("calls")).isEmpty();
  }
}
