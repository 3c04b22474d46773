package cn.hotline12349.ui.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP contract ({@code api/openapi.yaml}) enforced: every API request that matches an operation has its path,
 * query and header parameters checked against the operation before a route sees it, and its JSON body when the route
 * first reads it ({@link #body}; routes check the caller's role first, so 401/403 come before a body's 422). A mismatch is
 * the project's usual 422 {@code application/problem+json} naming the field ({@code id}, {@code size},
 * {@code children[0].age}). Routes keep only the rules a schema cannot say (domain rules live in the domain).
 */
public final class ApiContract {
  /** Where the contract lives on the class path; also served as {@code GET /api/openapi.yaml}. */
  public static final String RESOURCE = "api/openapi.yaml";
  /** vertx-openapi reads server urls with java.net.URL, which refuses the contract's relative {@code /api}. */
  private static final String BASE_URL = "http://localhost";
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property \"?([^\"]+)\"?");

  private final OpenAPIContract contract;
  /** The implementation's per-parameter methods: the public validate() only says which field in its message. */
  private final RequestValidatorImpl validator;
  private final String text;
  /** One schema validator per string parameter, made at its first use. */
  private final Map<Parameter, Validator> stringValidators = new ConcurrentHashMap<>();
  /** One schema validator per JSON request body, made at its first use. */
  private final Map<MediaType, Validator> bodyValidators = new ConcurrentHashMap<>();
  /** Where the checked body is kept on the routing context. */
  private static final String BODY = "hotline.contract.body";
  /** The operation whose body is still to be checked at the route's first read of it. */
  private static final String PENDING = "hotline.contract.pending";

  private record Pending(ApiContract contract, Operation op) {}

  private ApiContract(Vertx vertx, OpenAPIContract contract, String text) {
    this.contract = contract;
    this.validator = new RequestValidatorImpl(vertx, contract);
    this.text = text;
  }

  /** Reads and resolves the contract; fails (naming the fault) when it is not a valid OpenAPI 3.1 document. */
  public static Future<ApiContract> load(Vertx vertx) {
    String text = vertx.fileSystem().readFileBlocking(RESOURCE).toString();
    JsonObject raw;
    try {
      raw = prepare(new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(text, Map.class)));
    } catch (Exception e) {
      return Future.failedFuture(new IllegalStateException(RESOURCE + " is not valid YAML: " + e.getMessage(), e));
    }
    return OpenAPIContract.from(vertx, raw).map(c -> new ApiContract(vertx, c, text))
        .recover(e -> Future.failedFuture(new IllegalStateException(RESOURCE + " is not a valid OpenAPI 3.1 contract: "
            + describe(e), e)));
  }

  /** Each cause's message, with the place in the document the schema check pointed at. */
  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) out.append(out.length() == 0 ? "" : "; ").append(t.getMessage());
      if (t instanceof io.vertx.json.schema.JsonSchemaValidationException v && v.location() != null) {
        out.append(" at ").append(v.location());
      }
    }
    return out.toString();
  }

  /**
   * The document as vertx-openapi takes it: an absolute server url, and an operationId on every operation (the
   * contract names operations by path and method; vertx-openapi keys them by id), and responses without their media
   * types: only requests are checked, and vertx-openapi refuses problem+json, audio/wav, text/csv and text/html. A
   * parameter schema that is only an enum of strings gets its {@code type: string} (valid JSON Schema without it, but
   * vertx-openapi needs a type to read the value).
   */
  static JsonObject prepare(JsonObject raw) {
    JsonArray servers = raw.getJsonArray("servers", new JsonArray());
    for (int i = 0; i < servers.size(); i++) {
      JsonObject s = servers.getJsonObject(i);
      if (s.getString("url", "").startsWith("/")) s.put("url", BASE_URL + s.getString("url"));
    }
    JsonObject paths = raw.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      typedEnums(item.getJsonArray("parameters"));
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op)) continue;
        typedEnums(op.getJsonArray("parameters"));
        if (!op.containsKey("operationId")) op.put("operationId", method.toUpperCase(Locale.ROOT) + " " + path);
        withoutContent(op.getJsonObject("responses", new JsonObject()));
      }
    }
    withoutContent(raw.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject()));
    return raw;
  }

  private static void typedEnums(JsonArray parameters) {
    if (parameters == null) return;
    for (Object p : parameters) {
      if (p instanceof JsonObject param && param.getValue("schema") instanceof JsonObject schema
          && !schema.containsKey("type") && schema.getValue("enum") instanceof JsonArray values
          && values.stream().allMatch(v -> v instanceof String)) {
        schema.put("type", "string");
      }
    }
  }

  private static void withoutContent(JsonObject responses) {
    for (String status : responses.fieldNames()) {
      if (responses.getValue(status) instanceof JsonObject r) r.remove("content");
    }
  }

  public OpenAPIContract contract() { return contract; }

  /** The document as written (comments and all), for {@code GET /api/openapi.yaml}. */
  public String text() { return text; }

  /** The operation a request path (with its /api prefix) and method fall under, or null. */
  public Operation operation(String path, io.vertx.core.http.HttpMethod method) {
    return contract.findOperation(path, method);
  }

  /**
   * Route handler checking the requests of operations open without a session ({@code security: []}, such as login):
   * mounted before the session check, as {@link #handle} is mounted after it for the rest.
   */
  public void handlePublic(RoutingContext ctx) {
    Operation op = operation(ctx.request().path(), ctx.request().method());
    if (op != null && op.getSecurityRequirements().isEmpty()) check(ctx, op);
    else ctx.next();
  }

  /** Route handler: checks the request against its operation; requests the contract does not know pass on. */
  public void handle(RoutingContext ctx) {
    Operation op = operation(ctx.request().path(), ctx.request().method());
    if (op == null || op.getSecurityRequirements().isEmpty()) {
      // unknown: the route table decides (404); ApiContractTest keeps routes and contract equal. Public: checked.
      ctx.next();
      return;
    }
    check(ctx, op);
  }

  private void check(RoutingContext ctx, Operation op) {
    // Parameters only: the body was parsed once by InputGuard and is checked below from that value.
    RequestUtils.extract(ctx.request(), op, () -> Future.succeededFuture(null))
        .onSuccess(request -> {
          try {
            checkParameters(op, request);
          } catch (RuntimeException e) {
            ctx.fail(e);
            return;
          }
          // The body is checked when the route first reads it (body()), which every route does after its own role
          // check: authentication, then the role (403), then the body (422), so a caller who may not use the
          // operation learns nothing about its body. Routes read the body before any write (nothing half-stored).
          ctx.put(PENDING, new Pending(this, op));
          ctx.next();
        })
        .onFailure(e -> ctx.fail(Problems.invalid("parameters", "the request's parameters cannot be read")));
  }

  /**
   * The JSON body against its operation's schema, from the value InputGuard parsed (no second parse). An absent body
   * is checked as {@code {}}, so a missing required field is named like any other. The checked object is kept on the
   * context for {@link #body}; an operation without a JSON request body keeps nothing, so a route reading a body its
   * operation does not describe fails loudly (500) instead of reading unchecked input.
   */
  private void checkBody(RoutingContext ctx, Operation op) {
    if (op.getRequestBody() == null || AttachmentRoutes.isUpload(ctx)) return; // uploads: bytes judged by content
    MediaType json = op.getRequestBody().getContent().get("application/json");
    if (json == null) return;
    Object parsed = ctx.get(InputGuard.PARSED);
    if (parsed == InputGuard.NOT_JSON) throw Problems.invalid("body", "the body is not valid JSON");
    Object value = parsed == null ? new JsonObject() : parsed;
    String bad = InputGuard.badText(value, "");
    if (bad != null) {
      throw Problems.invalid(bad.isEmpty() ? "body" : bad,
          (bad.isEmpty() ? "the body" : bad) + " contains a NUL or control character");
    }
    OutputUnit result = bodyValidators.computeIfAbsent(json, m -> contract.getSchemaRepository().validator(m.getSchema()))
        .validate(value);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw bodyProblem(result);
    }
    if (!(value instanceof JsonObject o)) throw Problems.invalid("body", "the body must be a JSON object");
    ctx.put(BODY, o);
  }

  /**
   * The request body as the contract checked it, checked at this first read (a mismatch throws the 422 problem); fails
   * when the route's operation describes no JSON body.
   */
  static JsonObject body(RoutingContext ctx) {
    JsonObject body = ctx.get(BODY);
    Pending pending = ctx.get(PENDING);
    if (body == null && pending != null) {
      pending.contract().checkBody(ctx, pending.op());
      body = ctx.get(BODY);
    }
    if (body == null) {
      throw new IllegalStateException(ctx.request().method() + " " + ctx.normalizedPath()
          + " reads a request body its operation in " + RESOURCE + " does not describe");
    }
    return body;
  }

  private void checkParameters(Operation op, ValidatableRequest request) {
    for (Parameter p : op.getParameters()) {
      var values = switch (p.getIn()) {
        case PATH -> request.getPathParameters();
        case QUERY -> request.getQuery();
        case HEADER -> request.getHeaders();
        case COOKIE -> request.getCookies();
      };
      RequestParameter value = values.get(p.getName());
      try {
        if (p.getSchemaType() == SchemaType.STRING && value != null && !value.isNull()) {
          // A string as sent: vertx-openapi 5.0 decodes "1795600300.3000" or "true" as JSON first, and then
          // refuses a string parameter (a call id, a search text) for being a number.
          stringValidators.computeIfAbsent(p, k -> contract.getSchemaRepository().validator(k.getSchema()))
              .validate(String.valueOf(value.get())).checkValidity();
        } else {
          validator.validateParameter(p, value);
        }
      } catch (JsonSchemaValidationException e) {
        throw Problems.invalid(p.getName(), p.getName() + " is not valid: " + e.getMessage());
      } catch (ValidatorException e) {
        throw Problems.invalid(p.getName(), parameterMessage(p, e));
      }
    }
  }

  private static String parameterMessage(Parameter p, ValidatorException e) {
    String name = p.getName();
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> name + " is required";
      default -> {
        String reason = e instanceof SchemaValidationException s ? reason(s.getOutputUnit()) : null;
        yield name + (reason == null ? " is not valid" : " is not valid: " + reason);
      }
    };
  }

  /** The deepest error names the field: {@code /children/0/age} becomes {@code children[0].age}. */
  static RuntimeException bodyProblem(OutputUnit unit) {
    OutputUnit leaf = leaf(unit);
    String location = leaf == null ? "" : leaf.getInstanceLocation();
    String field = field(location);
    String message = leaf == null ? null : leaf.getError();
    if (message != null) {
      Matcher m = REQUIRED_PROPERTY.matcher(message);
      if (m.find()) {
        String missing = m.group(1);
        String f = field.isEmpty() ? missing : field + "." + missing;
        return Problems.invalid(f, missing + " is required");
      }
    }
    if (field.isEmpty()) return Problems.invalid("body", "the body does not match the contract" + suffix(message));
    String name = field.substring(Math.max(field.lastIndexOf('.'), field.lastIndexOf(']')) + 1);
    return Problems.invalid(field, (name.isEmpty() ? field : name) + " is not valid" + suffix(message));
  }

  private static String suffix(String message) { return message == null ? "" : ": " + message; }

  private static String reason(OutputUnit unit) {
    OutputUnit leaf = leaf(unit);
    return leaf == null ? null : leaf.getError();
  }

  /** The error deepest in the instance (the most specific); among equals the first. */
  private static OutputUnit leaf(OutputUnit unit) {
    if (unit == null) return null;
    OutputUnit best = unit.getError() != null ? unit : null;
    if (unit.getErrors() != null) {
      for (OutputUnit e : unit.getErrors()) {
        OutputUnit l = leaf(e);
        if (l != null && (best == null || depth(l) > depth(best))) best = l;
      }
    }
    return best;
  }

  private static int depth(OutputUnit u) {
    String loc = u.getInstanceLocation();
    return loc == null ? 0 : (int) loc.chars().filter(c -> c == '/').count();
  }

  /** A JSON pointer ({@code #/children/0/age} or {@code /children/0/age}) as the API names fields. */
  static String field(String pointer) {
    if (pointer == null) return "";
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    StringBuilder out = new StringBuilder();
    for (String seg : p.split("/")) {
      if (seg.isEmpty()) continue;
      String s = seg.replace("~1", "/").replace("~0", "~");
      if (s.chars().allMatch(Character::isDigit)) out.append('[').append(s).append(']');
      else out.append(out.length() == 0 ? "" : ".").append(s);
    }
    return out.toString();
  }
}
