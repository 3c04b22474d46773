package cn.hotline12349.ui.http;

import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Query parameters the list, call and statistics routes share, read one way. */
final class QueryParams {
  /** Dates in the API are days of the hotline's own calendar. */
  static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

  private QueryParams() {}

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
