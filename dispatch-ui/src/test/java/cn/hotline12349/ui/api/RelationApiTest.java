package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.CallerRelations;
import cn.hotline12349.core.config.ConfigDir;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Who is calling" is a choice from config/caller-relations.yaml, the same list for the form and the server. */
class RelationApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theFormsChoicesAreTheCodesTheServerStoresAndAnythingElseIsRefused() {
    RunningApp.Response res = app.get("op-xining", "/api/intake/relations");
    assertThat(res.status()).isEqualTo(200);
    JsonArray list = res.json().getJsonArray("relations");
    List<String> codes = list.stream().map(o -> ((JsonObject) o).getString("code")).toList();
    assertThat(codes).containsExactlyElementsOf(
        CallerRelations.load(ConfigDir.resolve()).all().stream().map(CallerRelations.Relation::code).toList());
    assertThat(codes).contains("CHILD_SELF", "PARENT", "NEIGHBOUR", "TEACHER", "OTHER");
    JsonObject neighbour = list.stream().map(o -> (JsonObject) o).filter(o -> o.getString("code").equals("NEIGHBOUR"))
        .findFirst().orElseThrow();
    assertThat(neighbour.getString("nameZh")).isEqualTo("邻居");
    assertThat(neighbour.getString("nameEn")).isEqualTo("Neighbour");

    for (String code : codes) {
      assertThat(created(code).getString("callerRelation")).as(code).isEqualTo(code);
    }
    // A value earlier clients sent as free text is read as its code.
    assertThat(created("邻居").getString("callerRelation")).isEqualTo("NEIGHBOUR");
    assertThat(created(" 母亲 ").getString("callerRelation")).isEqualTo("PARENT");

    RunningApp.Response refused = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")
        .put("callerRelation", "隔壁王叔叔; DROP TABLE"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().getString("field")).isEqualTo("callerRelation");
    assertThat(app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("callerRelation", "neighbour"))
        .status()).as("codes are exact").isEqualTo(422);
  }

  private static JsonObject created(String relation) {
    RunningApp.Response r = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("callerRelation", relation));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return app.get("op-xining", "/api/tickets/" + r.json().getLong("id")).json();
  }
}
