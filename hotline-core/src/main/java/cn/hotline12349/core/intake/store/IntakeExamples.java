package cn.hotline12349.core.intake.store;

import cn.hotline12349.core.ticket.AuditLog;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import cn.hotline12349.core.ticket.TicketTransition;
import cn.hotline12349.core.ticket.TransitionHook;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Owner of {@code intake_examples}: every ticket saved becomes a labelled example (the operator's final class and
 * level beside what was suggested). The row references the ticket and holds codes only; the note text stays in the
 * ticket. Written by a transition hook on CREATED, in the creating transaction; when the ticket's class, sub-class or
 * level is changed later, a trigger (V170) copies the final labels here, so examples follow the operators.
 */
public final class IntakeExamples implements TransitionHook {
  private final Pool pool;

  public IntakeExamples(Pool pool) { this.pool = pool; }

  @Override
  public Future<Void> onTransition(SqlConnection tx, TicketTransition t) {
    if (!"CREATED".equals(t.type())) return Future.succeededFuture();
    Map<String, Object> p = t.payload();
    return tx.preparedQuery("""
        insert into intake_examples (ticket_id, intake_org, category, subcategory, severity, suggested_category,
          suggested_severity, labelled_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
        on conflict (ticket_id) do nothing""")
        .execute(Tuple.tuple().addLong(t.ticketId()).addString(t.intakeOrg()).addString((String) p.get("category"))
            .addString((String) p.get("subcategory")).addString((String) p.get("severity"))
            .addString((String) p.get("suggestedCategory")).addString((String) p.get("suggestedSeverity"))
            .addOffsetDateTime(t.at().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Suggestion against the operator's choice for one class over a window. */
  public record ClassAccuracy(Category category, int examples, int categoryCorrect, int severityCorrect,
                              int emergencies, int emergenciesSuggested) {}

  /**
   * Per class, tickets of the last {@code days} that carried a suggestion: how often it matched what operators chose.
   * An intake supervisor sees its prefecture's intake, the province all.
   */
  public Future<List<ClassAccuracy>> accuracy(Actor actor, OrgTree orgs, Instant now, int days) {
    boolean province = orgs.get(actor.orgCode()).tier() == Tier.PROVINCE;
    return pool.preparedQuery("""
        select category, count(*) as n,
          count(*) filter (where suggested_category = category) as cat_ok,
          count(*) filter (where suggested_severity = severity) as sev_ok,
          count(*) filter (where severity = 'EMERGENCY') as em,
          count(*) filter (where severity = 'EMERGENCY' and suggested_severity = 'EMERGENCY') as em_ok
        from intake_examples
        where labelled_at >= $1 and suggested_category is not null and ($2::text is null or intake_org = $2)
        group by category order by category""")
        .execute(Tuple.tuple().addOffsetDateTime(now.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC))
            .addString(province ? null : actor.orgCode()))
        .map(rows -> {
          List<ClassAccuracy> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new ClassAccuracy(Category.valueOf(r.getString("category")), r.getInteger("n"),
                r.getInteger("cat_ok"), r.getInteger("sev_ok"), r.getInteger("em"), r.getInteger("em_ok")));
          }
          return out;
        });
  }

  /** Number of labelled examples, to decide whether a rebuild has anything new. */
  public Future<Long> count() {
    return pool.query("select count(*) from intake_examples").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Grows with every example added and every correction of an example's labels (a ticket reclassified after creation,
   * copied by the V170 trigger): a rebuild is due when it moved.
   */
  public Future<Long> version() {
    return pool.query("select count(*) + coalesce(sum(relabels), 0) from intake_examples").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * The newest {@code limit} examples with their ticket's note and its final labels, for a model rebuild (system read,
   * audited as one entry). An anonymised ticket's note is gone (its narrative is a placeholder): not an example. The text lives only in memory while the model is trained.
   */
  public Future<List<LabelledNote>> forTraining(int limit, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
        select t.narrative, e.category, e.subcategory, e.severity from intake_examples e
        join tickets t on t.id = e.ticket_id
        where e.subcategory is not null and length(t.narrative) > 0 and t.anonymised_at is null
        order by e.labelled_at desc limit $1""").execute(Tuple.of(limit))
        .compose(rows -> {
          List<LabelledNote> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new LabelledNote(r.getString("narrative"), Category.valueOf(r.getString("category")),
                r.getString("subcategory"), Severity.valueOf(r.getString("severity"))));
          }
          return new AuditLog().recordSystem(tx, "intake-model-rebuild", "read " + out.size() + " ticket notes to train", at)
              .map(out);
        }));
  }
}
