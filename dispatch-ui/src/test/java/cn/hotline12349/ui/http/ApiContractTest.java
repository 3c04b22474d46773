package cn.hotline12349.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.api.RunningApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** api/openapi.yaml is the HTTP contract: every route has its operation, and requests are checked against it. */
class ApiContractTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();
  static ApiContract contract;

  @BeforeAll
  static void start() {
    contract = ApiContract.load(app.vertx).await();
  }

  @Test
  void everyMountedRouteHasAnOperationAndEveryOperationARoute() {
    AppSettings settings = new AppSettings(Path.of("target/unused-data"), null, 0, ConfigDir.resolve(), true,
        RunningApp.PASSWORD, Duration.ofHours(1), false, Map.of("HOTLINE_AGI_PORT", "off"));
    Router root = new ApiRouter(app.vertx, app.app.services(), settings).router(contract);
    Router api = root.getRoutes().stream().map(Route::getSubRouter).filter(r -> r != null).findFirst().orElseThrow();
    Set<String> routes = new TreeSet<>();
    for (Route r : api.getRoutes()) {
      if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) continue; // filters, not endpoints
      for (HttpMethod m : r.methods()) routes.add(m.name() + " " + shape(r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}")));
    }
    routes.remove("GET /openapi.yaml"); // the contract itself
    Set<String> operations = new TreeSet<>();
    for (Operation op : contract.contract().operations()) operations.add(op.getHttpMethod().name() + " " + shape(op.getOpenAPIPath()));

    Set<String> undocumented = new TreeSet<>(routes);
    undocumented.removeAll(operations);
    Set<String> unrouted = new TreeSet<>(operations);
    unrouted.removeIf(op -> routes.contains(op) || routes.stream().anyMatch(r -> covers(r, op)));
    undocumented.removeIf(r -> operations.stream().anyMatch(op -> covers(r, op)));
    assertThat(undocumented).as("routes with no operation in api/openapi.yaml (add them to the contract)").isEmpty();
    assertThat(unrouted).as("operations in api/openapi.yaml with no route").isEmpty();
  }

  @Test
  void parametersAreCheckedAgainstTheContractNamingTheParameter() {
    assertProblem(app.get("prov", "/api/tickets/abc"), 422, "id");
    assertProblem(app.get("prov", "/api/tickets?size=0"), 422, "size");
    assertProblem(app.get("prov", "/api/tickets?size=many"), 422, "size");
    assertProblem(app.get("prov", "/api/tickets?order=oldest"), 422, "order");
    assertProblem(app.get("prov", "/api/calls?limit=501"), 422, "limit");
    // checks that were written by hand in the routes and now live in the contract only
    assertProblem(app.get("prov", "/api/tickets?claimed=Bad%20Name"), 422, "claimed");
    assertProblem(app.get("prov", "/api/audit?user=" + "u".repeat(65)), 422, "user");
    assertProblem(app.get("prov", "/api/calls/bad%20id/recording"), 422, "linkedid");
    assertThat(app.get("prov", "/api/tickets?size=5").status()).isEqualTo(200);
    // A string parameter stays a string, however numeric it looks (a call id, a searched number).
    assertThat(app.get("prov", "/api/audit?user=1.5&action=-1").status()).isEqualTo(200);
    assertThat(app.get("prov", "/api/calls/1795600300.3000").status()).isEqualTo(404);
  }

  @Test
  void bodiesAreCheckedAgainstTheContractNamingTheField() {
    JsonObject noNarrative = newTicket("630102");
    noNarrative.remove("narrative");
    assertProblem(app.post("op-xining", "/api/tickets", noNarrative), 422, "narrative");
    JsonObject oldChild = newTicket("630102");
    oldChild.getJsonArray("children").getJsonObject(0).put("age", 30);
    assertProblem(app.post("op-xining", "/api/tickets", oldChild), 422, "children[0].age");
    JsonObject textAge = newTicket("630102");
    textAge.getJsonArray("children").getJsonObject(0).put("age", "ten");
    assertProblem(app.post("op-xining", "/api/tickets", textAge), 422, "children[0].age");
    assertProblem(app.post("op-xining", "/api/tickets", newTicket("630102")
        .put("children", new JsonArray().add("a child"))), 422, "children[0]");
    assertProblem(app.sendWith("POST", "/api/login", "{\"username\": 5, \"password\": \"x\"}", Map.of()), 422, "username");
    assertThat(app.post("op-xining", "/api/tickets", newTicket("630102")).status()).isEqualTo(201);
  }

  @Test
  void anOperationAsRoutesAddThemLoads() {
    // no operationId, an enum-only parameter, a non-JSON response and the relative server url of api/openapi.yaml
    JsonObject raw = new JsonObject("""
        {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "/api"}],
         "paths": {"/x/{k}": {"get": {"parameters": [{"name": "k", "in": "path", "required": true,
           "schema": {"enum": ["A", "B"]}}],
           "responses": {"200": {"description": "ok", "content": {"text/csv": {"schema": {"type": "string"}}}}}}}}}""");
    OpenAPIContract c = OpenAPIContract.from(app.vertx, ApiContract.prepare(raw)).await();
    assertThat(c.findOperation("/api/x/A", HttpMethod.GET).getOperationId()).isEqualTo("GET /x/{k}");
  }

  @Test
  void fieldNamesFollowTheApisSpelling() {
    assertThat(ApiContract.field("/children/0/age")).isEqualTo("children[0].age");
    assertThat(ApiContract.field("#/children/0/age")).isEqualTo("children[0].age");
    assertThat(ApiContract.field("")).isEmpty();
    assertThat(ApiContract.field("/a~1b")).isEqualTo("a/b");
  }

  private static JsonObject newTicket(String county) {
    return new JsonObject().put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小红").put("age", 7).put("gender", "FEMALE")
            .put("countyCode", county)))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH")
        .put("narrative", "邻居听到孩子哭喊。");
  }

  /** A route path with its parameter names left out: /tickets/{id}/claim and /tickets/{tid}/claim are one. */
  private static String shape(String path) { return path.replaceAll("\\{[^}]+}", "{}"); }

  /** Whether a route (a generic one such as /tickets/{}/{}) serves the operation. */
  private static boolean covers(String route, String op) {
    String[] r = route.split(" ", 2);
    String[] o = op.split(" ", 2);
    if (!r[0].equals(o[0])) return false;
    String[] rs = r[1].split("/");
    String[] os = o[1].split("/");
    if (rs.length != os.length) return false;
    for (int i = 0; i < rs.length; i++) if (!rs[i].equals("{}") && !rs[i].equals(os[i])) return false;
    return true;
  }

  private static void assertProblem(RunningApp.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("field")).as(r.body()).isEqualTo(field);
  }
}
