package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.db.EmbeddedDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Stop and start on the same data directory, the way scripts/start runs: every ticket and event is still there. */
class RestartTest {
  @Test
  void ticketsSurviveARestartOnTheSameDataDirectory() throws Exception {
    Path dataDir = Files.createTempDirectory("hotline-restart").resolve("pg");
    long id;
    int demoTickets;
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dataDir, 0); RunningApp app = RunningApp.start(pg.config())) {
      demoTickets = app.get("prov", "/api/tickets").json().getInteger("count");
      assertThat(demoTickets).as("demo tickets").isGreaterThanOrEqualTo(5);
      id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"))
          .json().getLong("id");
      assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/claim", null).status()).isEqualTo(200);
    }
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dataDir, 0); RunningApp app = RunningApp.start(pg.config())) {
      JsonObject t = app.get("prov", "/api/tickets/" + id).json();
      assertThat(t.getString("status")).isEqualTo("CLAIMED");
      assertThat(t.getJsonArray("history")).hasSize(3);
      assertThat(app.get("prov", "/api/tickets").json().getInteger("count"))
          .as("demo data is not seeded twice").isEqualTo(demoTickets + 1);
    }
  }
}
