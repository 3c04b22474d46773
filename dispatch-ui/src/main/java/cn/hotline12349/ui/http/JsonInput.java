package cn.hotline12349.ui.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Typed reads of a request body the contract already checked ({@link ApiContract}: required fields, types, enums,
 * lengths in api/openapi.yaml). Nothing here judges input: a field the schema does not guarantee reads as null.
 */
final class JsonInput {
  private final JsonObject json;

  private JsonInput(JsonObject json) { this.json = json; }

  /** The body of the request, parsed once and checked against its operation (fails if the operation has none). */
  static JsonInput body(RoutingContext ctx) { return new JsonInput(ApiContract.body(ctx)); }

  static JsonInput of(JsonObject json) { return new JsonInput(json); }

  /** The raw value (an object or array a caller reads itself), or null. */
  Object value(String field) { return json.getValue(field); }

  String string(String field) { return json.getString(field); }

  Integer integer(String field) { return json.getInteger(field); }

  Long longValue(String field) { return json.getLong(field); }

  Double number(String field) { return json.getDouble(field); }

  boolean isTrue(String field) { return Boolean.TRUE.equals(json.getBoolean(field)); }

  Boolean bool(String field) { return json.getBoolean(field); }

  /** The contract lists the enum's names: a value it let through that is no constant is a contract fault (500). */
  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String s = string(field);
    return s == null ? null : Enum.valueOf(type, s);
  }

  JsonArray array(String field) { return json.getJsonArray(field); }

  /** The objects of a list field (the schema says each item is an object). */
  java.util.List<JsonInput> objects(String field) {
    JsonArray a = array(field);
    java.util.List<JsonInput> out = new java.util.ArrayList<>();
    if (a != null) for (int i = 0; i < a.size(); i++) out.add(new JsonInput(a.getJsonObject(i)));
    return out;
  }
}
