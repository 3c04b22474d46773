package cn.hotline12349.core.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** The JSON shapes of the statistics' sections; rates are fractions rounded to 3 places, null when nothing counted. */
final class StatsJson {
  private StatsJson() {}

  static JsonArray onTime(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      long met = r.getLong(2);
      long total = r.getLong(3);
      out.add(new JsonObject().put("tier", r.getString(0)).put("stage", r.getString(1)).put("met", met)
          .put("total", total).put("rate", rate(met, total)));
    }
    return out;
  }

  static JsonObject referrals(Iterable<Row> rows) {
    JsonObject byStatus = new JsonObject();
    JsonObject byKind = new JsonObject();
    long total = 0;
    long completed = 0;
    long ended = 0;
    for (Row r : rows) {
      long n = r.getLong(2);
      String status = r.getString(1);
      total += n;
      byStatus.put(status, byStatus.getLong(status, 0L) + n);
      JsonObject k = byKind.getJsonObject(r.getString(0), new JsonObject().put("total", 0L).put("completed", 0L));
      k.put("total", k.getLong("total") + n);
      if (status.equals("COMPLETED")) {
        completed += n;
        k.put("completed", k.getLong("completed") + n);
      }
      if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("RETURNED")) ended += n;
      byKind.put(r.getString(0), k);
    }
    return new JsonObject().put("total", total).put("byStatus", byStatus).put("byKind", byKind)
        .put("completed", completed).put("completionRate", rate(completed, total))
        .put("completedOfEnded", rate(completed, ended));
  }

  /** Caller satisfaction (reply calls) kept apart from the supervisor's review of the child's outcome. */
  static JsonObject reply(Iterable<Row> rows) {
    JsonObject dist = new JsonObject();
    for (int i = 1; i <= 5; i++) dist.put(String.valueOf(i), 0L);
    JsonObject outcomes = new JsonObject();
    long scored = 0;
    long sum = 0;
    long unreachable = 0;
    long attempts = 0;
    for (Row r : rows) {
      long n = r.getLong(3);
      attempts += n;
      outcomes.put(r.getString(0), outcomes.getLong(r.getString(0), 0L) + n);
      Integer s = r.getInteger(1);
      if (s != null) {
        scored += n;
        sum += s * n;
        dist.put(String.valueOf(s), dist.getLong(String.valueOf(s)) + n);
      }
      if (Boolean.TRUE.equals(r.getBoolean(2))) unreachable += n;
    }
    return new JsonObject().put("attempts", attempts).put("outcomes", outcomes).put("unreachable", unreachable)
        .put("satisfaction", new JsonObject().put("responses", scored)
            .put("average", scored == 0 ? null : Math.round(1000.0 * sum / scored) / 1000.0).put("distribution", dist));
  }

  static JsonObject review(Iterable<Row> rows) {
    long accepted = 0;
    long returned = 0;
    for (Row r : rows) {
      if (r.getString(0).equals("RESULT_ACCEPTED")) accepted = r.getLong(1);
      else returned = r.getLong(1);
    }
    return new JsonObject().put("accepted", accepted).put("returned", returned)
        .put("acceptedRate", rate(accepted, accepted + returned));
  }

  static JsonObject calls(Row r) {
    long offered = r.getLong(0);
    long abandoned = r.getLong(1);
    long within = r.getLong(3);
    return new JsonObject().put("offered", offered).put("abandoned", abandoned).put("answered", r.getLong(2))
        .put("answeredWithin15s", within).put("abandonedRate", rate(abandoned, offered))
        .put("answeredWithin15sRate", rate(within, offered));
  }

  static Double rate(long part, long whole) { return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0; }
}
