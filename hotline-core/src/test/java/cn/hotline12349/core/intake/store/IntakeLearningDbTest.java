package cn.hotline12349.core.intake.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Reclassification;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.risk.RiskAnswer;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.intake.IntakeCorpus;
import cn.hotline12349.core.intake.IntakeModels;
import cn.hotline12349.core.intake.LearnedSuggester;
import cn.hotline12349.core.intake.learn.EmbeddingCache;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, learning from the hotline's own work: every created ticket becomes a labelled example that references it
 * (no text copied), supervisors see the suggestion's accuracy per class, a rebuild trains on seed + tickets off the
 * event loop and swaps the model; the risk check is stored in the creating transaction.
 */
class IntakeLearningDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  private static TicketDraft draft(String notes, Category c, String sub, Severity sev, Category suggested) {
    return new TicketDraft(null, null, List.of(new ChildDraft("小丽", 9, null, "630102", null, false, false)), c, sub,
        sev, notes, suggested, suggested == null ? null : sev, null, sub, 0.8);
  }

  @Test
  void ticketsBecomeExamplesAccuracyIsPerClassAndARebuildLearnsFromThem(@TempDir Path dataDir) throws Exception {
    Pool pool = db.pool(vertx);
    TicketService tickets = new TicketService(pool, vertx.eventBus(), ORGS, Clock.systemUTC());
    IntakeExamples examples = new IntakeExamples(pool);
    tickets.addHook(examples);
    RiskCheckStore risks = new RiskCheckStore(pool);
    Actor op = db.insertUser("op1", Role.OPERATOR, "630100");
    Actor sup = db.insertUser("sup1", Role.INTAKE_SUPERVISOR, "630100");
    Actor other = db.insertUser("sup2", Role.INTAKE_SUPERVISOR, "632800");

    RiskCheck answers = new RiskCheck(Map.of(RiskQuestion.IN_DANGER_NOW, RiskAnswer.YES));
    TicketRecord t1 = tickets.create(op, draft("爸爸喝醉了拿皮带抽孩子", Category.VIOLATION, "PHYSICAL_ABUSE",
        Severity.EMERGENCY, Category.VIOLATION), null, null, risks.step(answers, null, op)).await();
    tickets.create(op, draft("孩子说活着没意思，想从楼上跳下去", Category.PSYCHOLOGICAL, "SUICIDE_SELF_HARM",
        Severity.EMERGENCY, Category.VIOLATION), null).await();
    tickets.create(op, draft("想问问孩子上户口要带什么材料", Category.CONSULTATION, "HUKOU_DOCUMENTS",
        Severity.CONSULT, null), null).await();

    // the risk check was stored with the ticket
    RiskCheckStore.Stored stored = risks.find(t1.id()).await().orElseThrow();
    assertThat(stored.check().answers()).containsEntry(RiskQuestion.IN_DANGER_NOW, RiskAnswer.YES);
    assertThat(stored.derivedSeverity()).isEqualTo(Severity.EMERGENCY);

    // examples reference tickets and hold codes only
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select column_name from information_schema.columns where table_name = 'intake_examples'")) {
      while (rs.next()) assertThat(rs.getString(1)).doesNotContain("narrative").doesNotContain("note");
    }
    assertThat(examples.count().await()).isEqualTo(3);

    List<IntakeExamples.ClassAccuracy> acc = examples.accuracy(sup, ORGS, Clock.systemUTC().instant(), 30).await();
    assertThat(acc).extracting(IntakeExamples.ClassAccuracy::category)
        .containsExactlyInAnyOrder(Category.VIOLATION, Category.PSYCHOLOGICAL);
    var byClass = acc.stream().collect(java.util.stream.Collectors.toMap(IntakeExamples.ClassAccuracy::category, a -> a));
    assertThat(byClass.get(Category.VIOLATION).categoryCorrect()).isEqualTo(1);
    assertThat(byClass.get(Category.PSYCHOLOGICAL).categoryCorrect()).isZero();
    assertThat(byClass.get(Category.PSYCHOLOGICAL).emergencies()).isEqualTo(1);
    assertThat(examples.accuracy(other, ORGS, Clock.systemUTC().instant(), 30).await()).as("another prefecture").isEmpty();

    // a rebuild on a small seed plus the three tickets; the model is swapped and kept in the data folder
    LearnedSuggester learned = LearnedSuggester.load(IntakeModels.rules(), IntakeModels.embedder(), null);
    IntakeModelRebuilder rebuilder = new IntakeModelRebuilder(vertx, examples, learned, dataDir, Clock.systemUTC(),
        () -> IntakeCorpus.resource("/intake/labelled-notes.tsv"),
        new EmbeddingCache(IntakeModels.embedder(), Path.of("target", "intake-embeddings.cache")));
    IntakeModelRebuilder.Result r = rebuilder.rebuildIfNew().await();
    assertThat(r.rebuilt()).isTrue();
    assertThat(r.tickets()).isEqualTo(3);
    assertThat(learned.info().trainedFrom()).contains("tickets (3)");
    assertThat(learned.info().examples()).isEqualTo(r.seed() + 3);
    assertThat(Files.size(rebuilder.modelFile())).isPositive();
    assertThat(rebuilder.rebuildIfNew().await().rebuilt()).as("nothing new since").isFalse();
    // the rebuilt model is what a restart loads
    assertThat(LearnedSuggester.load(IntakeModels.rules(), IntakeModels.embedder(), rebuilder.modelFile()).info()
        .trainedFrom()).contains("tickets (3)");
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select detail from audit_log where action = 'intake-model-rebuild'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("3 ticket notes");
    }
  }

  @Test
  void aReclassifiedTicketsExampleFollowsTheFinalLabelsAndTheNextRebuildSeesIt(@TempDir Path dataDir) throws Exception {
    Pool pool = db.pool(vertx);
    TicketService tickets = new TicketService(pool, vertx.eventBus(), ORGS, Clock.systemUTC());
    IntakeExamples examples = new IntakeExamples(pool);
    tickets.addHook(examples);
    Actor op = db.insertUser("op1", Role.OPERATOR, "630100");
    Actor sup = db.insertUser("sup1", Role.INTAKE_SUPERVISOR, "630100");
    // saved as a consultation (as suggested); the county finds a child left without care: the operators correct it
    TicketRecord t = tickets.create(op, draft("奶奶问孩子低保怎么申请，孩子爸妈都在外地打工，家里没人管",
        Category.CONSULTATION, "WELFARE_POLICY", Severity.CONSULT, Category.CONSULTATION), null).await();
    TicketRecord other = tickets.create(op, draft("想问问孩子上户口要带什么材料", Category.CONSULTATION,
        "HUKOU_DOCUMENTS", Severity.CONSULT, Category.CONSULTATION), null).await();
    LearnedSuggester learned = LearnedSuggester.load(IntakeModels.rules(), IntakeModels.embedder(), null);
    IntakeModelRebuilder rebuilder = new IntakeModelRebuilder(vertx, examples, learned, dataDir, Clock.systemUTC(),
        () -> IntakeCorpus.resource("/intake/labelled-notes.tsv"),
        new EmbeddingCache(IntakeModels.embedder(), Path.of("target", "intake-embeddings.cache")));
    assertThat(rebuilder.rebuildIfNew().await().rebuilt()).isTrue();
    assertThat(rebuilder.rebuildIfNew().await().rebuilt()).as("nothing new").isFalse();
    long before = examples.version().await();

    // the supervisor reclassifies the ticket (the operator action: one RECLASSIFIED event, the example follows)
    TicketRecord fixed = tickets.reclassify(sup, t.id(), new Reclassification(Category.LIFE_DIFFICULTY, "LEFT_BEHIND",
        Severity.HIGH, "县里核实：父母外出务工，孩子无人照看", null), null).await();
    assertThat(fixed.severity()).isEqualTo(Severity.HIGH);
    assertThat(tickets.history(t.id()).await()).extracting(e -> e.type()).containsExactly("CREATED", "RECLASSIFIED");
    try (Connection c = db.jdbc()) {
      // a write that leaves the labels as they were is not a correction
      c.createStatement().executeUpdate("update tickets set severity = 'CONSULT' where id = " + other.id());
    }
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select ticket_id, category, "
        + "subcategory, severity, suggested_category, suggested_severity, relabels, relabelled_at is not null "
        + "from intake_examples order by ticket_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(t.id());
      assertThat(List.of(rs.getString(2), rs.getString(3), rs.getString(4)))
          .containsExactly("LIFE_DIFFICULTY", "LEFT_BEHIND", "HIGH");
      // what was suggested at intake stays: accuracy compares it with the final labels
      assertThat(List.of(rs.getString(5), rs.getString(6))).containsExactly("CONSULTATION", "CONSULT");
      assertThat(rs.getInt(7)).isEqualTo(1);
      assertThat(rs.getBoolean(8)).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(other.id());
      assertThat(rs.getString(4)).isEqualTo("CONSULT");
      assertThat(rs.getInt(7)).isZero();
    }
    assertThat(examples.version().await()).isEqualTo(before + 1);
    // training reads the final labels
    List<IntakeCorpus.LabelledNote> notes = examples.forTraining(100, Clock.systemUTC().instant()).await();
    assertThat(notes).filteredOn(n -> n.notes().startsWith("奶奶问孩子低保")).singleElement()
        .satisfies(n -> {
          assertThat(n.category()).isEqualTo(Category.LIFE_DIFFICULTY);
          assertThat(n.subcategory()).isEqualTo("LEFT_BEHIND");
          assertThat(n.severity()).isEqualTo(Severity.HIGH);
        });
    // the supervisor's accuracy counts the ticket under its final class, where the suggestion missed it
    var acc = examples.accuracy(sup, ORGS, Clock.systemUTC().instant(), 30).await();
    var life = acc.stream().filter(a -> a.category() == Category.LIFE_DIFFICULTY).findFirst().orElseThrow();
    assertThat(life.examples()).isEqualTo(1);
    assertThat(life.categoryCorrect()).isZero();
    // the correction alone makes the next scheduled check rebuild
    IntakeModelRebuilder.Result r = rebuilder.rebuildIfNew().await();
    assertThat(r.rebuilt()).as("a relabel is something new").isTrue();
    assertThat(r.tickets()).isEqualTo(2);

    // an anonymised ticket's note is a placeholder: it is no longer an example to train on
    try (Connection c = db.jdbc()) {
      c.createStatement().executeUpdate("update tickets set narrative = '[已匿名]', anonymised_at = now() where id = "
          + other.id());
    }
    assertThat(examples.forTraining(100, Clock.systemUTC().instant()).await()).extracting(IntakeCorpus.LabelledNote::notes)
        .doesNotContain("[已匿名]").hasSize(1);
  }
}
