package cn.hotline12349.ui.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Strict readers of a JSON request body: a wrong type is an error naming the field, never a silent default. */
final class JsonInput {
  private final JsonObject json;
  private final String prefix;

  private JsonInput(JsonObject json, String prefix) {
    this.json = json;
    this.prefix = prefix;
  }

  static JsonInput body(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) return new JsonInput(new JsonObject(), "");
    try {
      Object v = io.vertx.core.json.Json.decodeValue(text);
      if (!(v instanceof JsonObject o)) throw Problems.invalid("body", "the body must be a JSON object");
      return new JsonInput(o, "");
    } catch (DecodeException e) {
      throw Problems.invalid("body", "the body is not valid JSON");
    }
  }

  static JsonInput of(JsonObject json, String prefix) { return new JsonInput(json, prefix); }

  /** The raw value (an object or array a caller parses itself), or null. */
  Object value(String field) { return json.getValue(field); }

  String string(String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof String s)) throw Problems.invalid(prefix + field, field + " must be a string");
    return s;
  }

  String requiredString(String field) {
    String s = string(field);
    if (s == null || s.isBlank()) throw Problems.invalid(prefix + field, field + " is required");
    return s;
  }

  Integer integer(String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 1e9) {
      throw Problems.invalid(prefix + field, field + " must be a whole number");
    }
    return n.intValue();
  }

  Double number(String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw Problems.invalid(prefix + field, field + " must be a number");
    }
    return n.doubleValue();
  }

  Boolean bool(String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof Boolean b)) throw Problems.invalid(prefix + field, field + " must be true or false");
    return b;
  }

  boolean requiredBool(String field) {
    Boolean b = bool(field);
    if (b == null) throw Problems.invalid(prefix + field, field + " is required");
    return b;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String s = string(field);
    if (s == null) return null;
    try {
      return Enum.valueOf(type, s); // exact spelling: a padded or lower-case value is refused, not guessed
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(prefix + field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  JsonArray array(String field) {
    Object v = json.getValue(field);
    if (v == null) return null;
    if (!(v instanceof JsonArray a)) throw Problems.invalid(prefix + field, field + " must be a list");
    return a;
  }

  String prefix() { return prefix; }
}
