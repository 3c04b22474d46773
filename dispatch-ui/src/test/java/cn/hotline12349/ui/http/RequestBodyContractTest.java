package cn.hotline12349.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.ui.api.RunningApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request bodies are the contract's (api/openapi.yaml): every operation that changes something describes its JSON
 * body, and for each described body a missing required field and a field of the wrong type are refused 422
 * problem+json naming that field, with nothing stored. The cases are made from the contract itself, so an operation
 * added later is covered without an edit here.
 */
class RequestBodyContractTest {
  /**
   * Operations that change something and take no body (their routes never read one: {@link ApiContract#body} would
   * fail them with 500, which {@link #bodylessOperationsIgnoreABody} would see), and the upload, whose body is bytes.
   */
  private static final Set<String> BODYLESS = Set.of("POST /logout", "POST /calls/{linkedid}/callback",
      "POST /tickets/{id}/callback", "POST /queue/login", "POST /queue/logout", "POST /intake/model/rebuild",
      "POST /supervision/{orderId}/fulfil", "POST /admin/users/{username}/unlock", "POST /admin/retention/run",
      "DELETE /intake/drafts/{callId}", "POST /tickets/{id}/attachments",
      "POST /calls/{linkedid}/hangup");
  /** Tables background jobs write on their own (board counters folded every 5 s, session activity, the PBX lease). */
  private static final Set<String> BUSY_TABLES = Set.of("board_counts", "board_count_deltas", "board_hour_counts",
      "open_ticket_counts", "open_ticket_count_deltas", "sessions",
      "pbx_lease", "flyway_schema_history", "audit_log");
  private static JsonObject contract;
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = RequestBodyContractTest.class.getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
      contract = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class));
    }
  }

  @Test
  void everyOperationThatChangesSomethingDescribesItsBody() {
    Set<String> undescribed = new TreeSet<>();
    for (Op op : operations()) {
      if (!Set.of("post", "put", "patch").contains(op.method())) continue;
      if (op.bodySchema() == null && !BODYLESS.contains(op.name())) undescribed.add(op.name());
    }
    assertThat(undescribed).as("operations with no JSON requestBody schema in api/openapi.yaml (describe the body, or"
        + " list the operation in BODYLESS if its route reads none)").isEmpty();
    for (String name : BODYLESS) {
      assertThat(operations().stream().anyMatch(o -> o.name().equals(name))).as(name + " is an operation").isTrue();
    }
  }

  @Test
  void bodylessOperationsIgnoreABody() {
    // A route that read a body its operation does not describe would answer 500 (ApiContract.body).
    for (Op op : operations()) {
      // not probed: logout ends the shared session, the upload's body is bytes, a model rebuild or a retention run
      // would start real background work
      if (!BODYLESS.contains(op.name()) || Set.of("POST /logout", "POST /tickets/{id}/attachments",
          "POST /intake/model/rebuild", "POST /admin/retention/run").contains(op.name())) continue;
      RunningApp.Response r = app.send(op.method().toUpperCase(), "/api" + concrete(op.path()),
          app.login(op.path().startsWith("/admin") ? "admin" : "prov"), new JsonObject().put("unexpected", 1).encode());
      assertThat(r.status()).as(op.name() + ": " + r.body()).isNotEqualTo(500);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Op op : operations()) {
      JsonObject schema = op.bodySchema();
      if (schema == null) continue;
      JsonObject valid = sample(schema);
      JsonObject props = schema.getJsonObject("properties", new JsonObject());
      for (Object f : schema.getJsonArray("required", new JsonArray())) {
        JsonObject body = valid.copy();
        body.remove((String) f);
        out.add(Arguments.of(op.name() + " without " + f, op, body, f));
      }
      for (String f : props.fieldNames()) {
        JsonObject body = valid.copy().put(f, wrongType(resolve(props.getJsonObject(f))));
        out.add(Arguments.of(op.name() + " with " + f + " of the wrong type", op, body, f));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMissingOrMistypedFieldIsRefusedByNameAndNothingIsStored(String name, Op op, JsonObject body, String field)
      throws SQLException {
    Map<String, Long> before = rowCounts();
    String path = "/api" + concrete(op.path());
    RunningApp.Response r = null;
    if (op.path().equals("/login")) {
      r = app.sendWith("POST", path, body.encode(), Map.of());
    } else {
      // The role is judged before the body (CheckOrderApiTest): the first user whose role may use the operation.
      for (String user : op.path().startsWith("/admin") ? List.of("admin") : List.of("prov", "op-xining")) {
        r = app.send(op.method().toUpperCase(), path, app.login(user), body.encode());
        if (r.status() != 403) break;
      }
    }
    assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("field")).as(name + ": " + r.body()).isEqualTo(field);
    assertThat(rowCounts()).as("nothing stored by " + name).isEqualTo(before);
  }

  @Test
  void theSamplesTheCasesStartFromAreValid() {
    // Otherwise "missing field" could be refused for another field; a valid sample reaches the route (not 422 naming
    // a body field the contract checks). Checked on the ticket notes operation as an example of the generator.
    JsonObject note = sample(operations().stream().filter(o -> o.name().equals("POST /tickets/{id}/notes"))
        .findFirst().orElseThrow().bodySchema());
    assertThat(note.fieldNames()).containsExactly("text");
    RunningApp.Response r = app.post("prov", "/api/tickets/999999999/notes", note);
    assertThat(r.status()).as(r.body()).isEqualTo(404);
  }

  record Op(String method, String path, JsonObject bodySchema) {
    String name() { return method.toUpperCase() + " " + path; }

    @Override
    public String toString() { return name(); }
  }

  static List<Op> operations() {
    List<Op> out = new ArrayList<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : new TreeSet<>(paths.fieldNames())) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op) || method.equals("parameters")) continue;
        JsonObject body = op.getJsonObject("requestBody");
        JsonObject schema = body == null ? null : body.getJsonObject("content", new JsonObject())
            .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
        out.add(new Op(method, path, schema == null ? null : resolve(schema)));
      }
    }
    return out;
  }

  private static JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) return schema;
    return resolve(contract.getJsonObject("components").getJsonObject("schemas").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1)));
  }

  /** A body with every required field holding a value of its schema (optional fields left out). */
  private static JsonObject sample(JsonObject schema) {
    JsonObject out = new JsonObject();
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    for (Object f : schema.getJsonArray("required", new JsonArray())) out.put((String) f, value(resolve(props.getJsonObject((String) f))));
    return out;
  }

  private static Object value(JsonObject s) {
    if (s.getValue("enum") instanceof JsonArray e) return e.stream().filter(v -> v != null).findFirst().orElseThrow();
    Set<String> types = types(s);
    if (types.contains("object")) return sample(s);
    if (types.contains("array")) return new JsonArray();
    if (types.contains("boolean")) return true;
    if (types.contains("integer") || types.contains("number")) return s.getInteger("minimum", 1);
    String pattern = s.getString("pattern");
    for (String candidate : List.of("x", "630102", "a")) {
      if (pattern == null || Pattern.compile(pattern).matcher(candidate).find()) return candidate;
    }
    throw new IllegalStateException("no sample value for " + s);
  }

  /** A value no schema of this type takes: a number for text and enums, text for everything else. */
  private static Object wrongType(JsonObject s) {
    Set<String> types = types(s);
    return types.contains("string") || s.containsKey("enum") ? (Object) 12345 : "not-" + String.join("-", types);
  }

  private static Set<String> types(JsonObject s) {
    Object t = s.getValue("type");
    Set<String> out = new TreeSet<>();
    if (t instanceof String one) out.add(one);
    else if (t instanceof JsonArray many) many.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  /**
   * A path with its parameters filled in: ids that exist or not do not matter, each route reads (and so checks) its
   * body before it looks anything up.
   */
  private static String concrete(String path) {
    return path.replace("{linkedid}", "1795600300.1").replace("{username}", "op-xining").replace("{callId}", "call-1")
        .replaceAll("\\{[^}]+}", "1");
  }

  private static Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = app.db.jdbc()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "select tablename from pg_tables where schemaname = current_schema()")) {
        while (rs.next()) if (!BUSY_TABLES.contains(rs.getString(1))) tables.add(rs.getString(1));
      }
      for (String t : tables) {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from \"" + t + "\"")) {
          rs.next();
          out.put(t, rs.getLong(1));
        }
      }
    }
    return out;
  }
}
