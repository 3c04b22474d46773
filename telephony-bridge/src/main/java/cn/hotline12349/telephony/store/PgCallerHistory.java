package cn.hotline12349.telephony.store;

import cn.hotline12349.core.ticket.CallTickets;
import cn.hotline12349.telephony.ScreenPop;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Earlier calls and tickets of a number for the screen-pop: calls from telephony's own table (index calls_caller),
 * tickets from hotline-core ({@link CallTickets}). Both store the one normalised form (core.domain.PhoneNumber).
 */
public final class PgCallerHistory implements ScreenPop.CallerHistory {
  private static final int LIMIT = 10;
  private final Pool pool;
  private final CallTickets tickets;

  public PgCallerHistory(Pool pool) { this(pool, new CallTickets(pool)); }

  public PgCallerHistory(Pool pool, CallTickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
  }

  @Override
  public Future<JsonObject> lookup(String normalizedNumber, String excludeLinkedid) {
    Future<JsonArray> calls = pool.preparedQuery("select linkedid, state, started_at, operator_username, "
            + "prefecture_code, ticket_id from calls where caller_number_norm = $1 and linkedid <> $2 "
            + "order by started_at desc nulls last limit " + LIMIT)
        .execute(Tuple.of(normalizedNumber, excludeLinkedid == null ? "" : excludeLinkedid)).map(rs -> {
          JsonArray a = new JsonArray();
          for (Row r : rs) a.add(new JsonObject().put("linkedid", r.getString("linkedid")).put("state", r.getString("state"))
              .put("startedAt", str(r.getOffsetDateTime("started_at"))).put("operator", r.getString("operator_username"))
              .put("prefectureCode", r.getString("prefecture_code")).put("ticketId", r.getLong("ticket_id")));
          return a;
        });
    Future<JsonArray> earlier = tickets.recentOfCaller(normalizedNumber, LIMIT).map(list -> {
      JsonArray a = new JsonArray();
      list.forEach(t -> a.add(new JsonObject().put("id", t.id()).put("ref", t.ref()).put("status", t.status())
          .put("category", t.category()).put("severity", t.severity()).put("intakeOrg", t.intakeOrg())
          .put("countyCode", t.countyCode())
          .put("createdAt", t.createdAt().toString())));
      return a;
    });
    return Future.all(calls, earlier).map(v -> new JsonObject().put("number", normalizedNumber)
        .put("calls", calls.result()).put("tickets", earlier.result()));
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
