package cn.hotline12349.telephony.store;

import cn.hotline12349.telephony.ScreenPop;
import cn.hotline12349.telephony.domain.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/** Earlier calls and tickets of a number for the screen-pop (indexes: calls_caller, tickets_caller). */
public final class PgCallerHistory implements ScreenPop.CallerHistory {
  private static final int LIMIT = 10;
  private final Pool pool;

  public PgCallerHistory(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<JsonObject> lookup(String normalizedNumber, String excludeLinkedid) {
    String[] forms = forms(normalizedNumber);
    Future<JsonArray> calls = pool.preparedQuery("select linkedid, state, started_at, operator_username, "
            + "prefecture_code, ticket_id from calls where caller_number_norm = any($1) and linkedid <> $2 "
            + "order by started_at desc nulls last limit " + LIMIT)
        .execute(Tuple.of(forms, excludeLinkedid == null ? "" : excludeLinkedid)).map(rs -> {
          JsonArray a = new JsonArray();
          for (Row r : rs) a.add(new JsonObject().put("linkedid", r.getString("linkedid")).put("state", r.getString("state"))
              .put("startedAt", str(r.getOffsetDateTime("started_at"))).put("operator", r.getString("operator_username"))
              .put("prefectureCode", r.getString("prefecture_code")).put("ticketId", r.getLong("ticket_id")));
          return a;
        });
    Future<JsonArray> tickets = pool.preparedQuery("select id, ref, status, category, severity, intake_org, created_at "
            + "from tickets where caller_number_norm = any($1) order by created_at desc limit " + LIMIT)
        .execute(Tuple.of(forms)).map(rs -> {
          JsonArray a = new JsonArray();
          for (Row r : rs) a.add(new JsonObject().put("id", r.getLong("id")).put("ref", r.getString("ref"))
              .put("status", r.getString("status")).put("category", r.getString("category"))
              .put("severity", r.getString("severity")).put("intakeOrg", r.getString("intake_org"))
              .put("createdAt", str(r.getOffsetDateTime("created_at"))));
          return a;
        });
    return Future.all(calls, tickets).map(v -> new JsonObject().put("number", normalizedNumber)
        .put("calls", calls.result()).put("tickets", tickets.result()));
  }

  /** Tickets are normalized by hotline-core's PhoneNumbers; match both forms where they differ (e.g. 010 numbers). */
  static String[] forms(String normalized) {
    Set<String> s = new LinkedHashSet<>();
    s.add(normalized);
    String core = cn.hotline12349.core.domain.PhoneNumbers.normalize(normalized);
    if (core != null) s.add(core);
    PhoneNumbers.normalize(normalized).ifPresent(s::add);
    return s.toArray(String[]::new);
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
