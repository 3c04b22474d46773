package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order a request is judged in: who you are (401), whether your role may use the operation at all (403), and only
 * then whether its body meets the contract (422). A caller who may not use an operation learns nothing of its body.
 */
class CheckOrderApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theWrongRoleIsRefusedBeforeItsMalformedBody() {
    JsonObject mistyped = new JsonObject().put("number", 12345);
    problem(app.post("h-chengdong", "/api/intake/phone-number", mistyped), 403, "intake-only", null);
    problem(app.post("op-xining", "/api/intake/phone-number", mistyped), 422, "invalid-input", "number");
    problem(app.post("h-chengdong", "/api/intake/phone-number", new JsonObject()), 403, "intake-only", null);
    problem(app.post("op-xining", "/api/intake/phone-number", new JsonObject()), 422, "invalid-input", "number");

    JsonObject incomplete = new JsonObject().put("kind", "POLICE");
    problem(app.post("prov", "/api/admin/partners", incomplete), 403, "admin-only", null);
    problem(app.post("admin", "/api/admin/partners", incomplete), 422, "invalid-input", "code");
  }

  @Test
  void aBodyThatIsNotJsonOrCarriesANulIsJudgedAfterTheRoleToo() {
    String token = app.login("h-chengdong");
    problem(app.sendWith("POST", "/api/intake/suggest", "{\"notes\":", Map.of("Authorization", "Bearer " + token)),
        403, "intake-only", null);
    problem(app.post("h-chengdong", "/api/intake/suggest", new JsonObject().put("notes", "\u0001")), 403,
        "intake-only", null);
    problem(app.post("op-xining", "/api/intake/suggest", new JsonObject().put("notes", "\u0001")), 422,
        "invalid-input", "notes");
    problem(app.sendWith("POST", "/api/intake/suggest", "{\"notes\":",
        Map.of("Authorization", "Bearer " + app.login("op-xining"))), 422, "invalid-input", "body");
  }

  @Test
  void noSessionIsRefusedBeforeEitherRoleOrBody() {
    RunningApp.Response r = app.sendWith("POST", "/api/intake/phone-number", "{\"number\": 12345}", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().containsKey("field")).isFalse();
  }

  private static void problem(RunningApp.Response r, int status, String rule, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("type")).endsWith("/" + rule);
    assertThat(r.json().getString("field")).as(r.body()).isEqualTo(field);
  }
}
