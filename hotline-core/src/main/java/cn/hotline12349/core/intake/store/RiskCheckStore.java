package cn.hotline12349.core.intake.store;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.risk.RiskAnswer;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owner of {@code ticket_risk_checks}: the risk check answered on the call, written in the ticket's creating
 * transaction and read with the ticket (callers check the ticket's access first).
 */
public final class RiskCheckStore {
  private final Pool pool;

  public RiskCheckStore(Pool pool) { this.pool = pool; }

  /** What was stored with a ticket. */
  public record Stored(RiskCheck check, Severity derivedSeverity, List<String> reasons, String downgradeReason,
                       Instant answeredAt) {}

  /** A create step storing {@code check} with the new ticket. */
  public TicketService.CreateStep step(RiskCheck check, String downgradeReason, Actor actor) {
    return (tx, ticketId, at) -> {
      JsonObject answers = new JsonObject();
      check.answers().forEach((q, a) -> answers.put(q.name(), a.name()));
      RiskCheck.Assessment a = check.assess();
      String reason = downgradeReason == null || downgradeReason.isBlank() ? null : downgradeReason.strip();
      return tx.preparedQuery("""
          insert into ticket_risk_checks (ticket_id, answers, derived_severity, reasons, downgrade_reason, answered_by,
            answered_at) values ($1, $2, $3, $4, $5, $6, $7)""")
          .execute(Tuple.tuple().addLong(ticketId).addValue(answers).addString(a.floor().name())
              .addValue(new JsonArray(a.why())).addString(reason).addLong(actor.userId())
              .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
          .mapEmpty();
    };
  }

  public Future<Optional<Stored>> find(long ticketId) {
    return pool.preparedQuery("""
        select answers, derived_severity, reasons, downgrade_reason, answered_at from ticket_risk_checks
        where ticket_id = $1""").execute(Tuple.of(ticketId)).map(rows -> {
          if (rows.size() == 0) return Optional.empty();
          Row r = rows.iterator().next();
          Map<RiskQuestion, RiskAnswer> answers = new EnumMap<>(RiskQuestion.class);
          JsonObject o = (JsonObject) r.getValue("answers");
          for (String k : o.fieldNames()) answers.put(RiskQuestion.valueOf(k), RiskAnswer.valueOf(o.getString(k)));
          JsonArray why = (JsonArray) r.getValue("reasons");
          return Optional.of(new Stored(new RiskCheck(answers), Severity.valueOf(r.getString("derived_severity")),
              why.stream().map(String::valueOf).toList(), r.getString("downgrade_reason"),
              r.getOffsetDateTime("answered_at").toInstant()));
        });
  }
}
