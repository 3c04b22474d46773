package cn.hotline12349.ui.http;

import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Request parameters (query and path) read one way. The contract (api/openapi.yaml, {@link ApiContract}) has already
 * refused a malformed value by the time a route reads one; these readers keep a route safe on its own and give the
 * same 422 naming the parameter.
 */
final class QueryParams {
  /** Dates in the API are days of the hotline's own calendar. */
  static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

  private QueryParams() {}

  /** A whole-number path parameter such as a ticket id. */
  static long pathId(RoutingContext ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw Problems.invalid(name, name + " must be a number");
    }
  }

  /** A whole-number query parameter in [min, max]; {@code dflt} when absent. */
  static int integer(RoutingContext ctx, String name, int dflt, int min, int max) {
    Integer n = optionalInteger(ctx, name, min, max);
    return n == null ? dflt : n;
  }

  /** A whole-number query parameter in [min, max], or null when absent. */
  static Integer optionalInteger(RoutingContext ctx, String name, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) return null;
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) throw Problems.invalid(name, name + " must be between " + min + " and " + max);
      return n;
    } catch (NumberFormatException e) {
      throw Problems.invalid(name, name + " must be a whole number");
    }
  }

  /** {@code true} or {@code false} exactly, or null when absent. */
  static Boolean bool(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) return null;
    if (v.equals("true") || v.equals("false")) return Boolean.valueOf(v);
    throw Problems.invalid(name, name + " must be true or false");
  }

  /**
   * An ISO instant, or a date (a local day: with {@code endOfDay} the end of that day, so {@code to=2026-05-01}
   * includes the 1st); null when absent; a 422 naming the parameter otherwise.
   */
  static Instant time(RoutingContext ctx, String name, boolean endOfDay) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) return null;
    String s = v.trim();
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(LOCAL).toInstant();
      }
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw Problems.invalid(name, name + " must be a date (2026-05-01) or an instant (2026-05-01T08:00:00Z)");
    }
  }
}
