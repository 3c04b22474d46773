package cn.hotline12349.ui.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Parses every API request body once, before any route sees it: a body must be declared JSON (415 otherwise). The
 * value is kept under {@link #PARSED} for the contract check ({@link ApiContract}), which runs when the route reads
 * the body (after authentication and the route's role check) and refuses a body that is not valid JSON or whose text
 * carries a NUL or another control character PostgreSQL or a screen cannot hold ({@link #badText}), naming the field.
 */
final class InputGuard {
  /** The parsed JSON body on the routing context ({@link #NOT_JSON} when it did not parse; absent when empty). */
  static final String PARSED = "hotline.body.parsed";
  static final Object NOT_JSON = new Object();

  private InputGuard() {}

  static void handle(RoutingContext ctx) {
    io.vertx.core.buffer.Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    // A file upload is bytes, judged by its content (AttachmentKind), not JSON.
    if (body == null || body.length() == 0 || AttachmentRoutes.isUpload(ctx)) {
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
      Problems.send(ctx, 415, "unsupported-media-type", "Unsupported Media Type",
          "the body must be sent as application/json", "Content-Type");
      return;
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      ctx.put(PARSED, NOT_JSON);
      ctx.next();
      return;
    }
    ctx.put(PARSED, value);
    ctx.next();
  }

  /** The path of the first string (or key) holding a forbidden character, or null. */
  static String badText(Object v, String path) {
    if (v instanceof String s) return forbidden(s) ? path : null;
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (forbidden(e.getKey())) return path.isEmpty() ? "body" : path;
        String bad = badText(e.getValue(), p);
        if (bad != null) return bad;
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        String bad = badText(a.getValue(i), path + "[" + i + "]");
        if (bad != null) return bad;
      }
    }
    return null;
  }

  private static boolean forbidden(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
      if (c == 0x7f || c == '\uFFFE' || c == '\uFFFF') return true;
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
        else return true;
      }
    }
    return false;
  }
}
