package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fourth held-out set (issue 14 round 5, {@code corpus4/frozen4-NN.tsv}, helper "corpus4"): written by a writer the
 * model has never learned from, all of it held out, copied unopened and never read by whoever tunes the model. The shipped model on it, aggregate figures only,
 * never a note. Floors are the single measurement minus about two notes ({@link Frozen4Floors}); docs/intake.md has
 * the figures.
 */
class IntakeFrozen4EvaluationTest {
  private static List<LabelledNote> frozen;
  private static IntakeMetrics model;
  private static IntakeMetrics rules;
  private static int files;

  /** Every frozen4 batch on the test class path, in order. */
  static List<LabelledNote> frozen4() {
    List<LabelledNote> all = new ArrayList<>();
    files = 0;
    for (int i = 1; i < 1000; i++) {
      String name = String.format(Locale.ROOT, "frozen4-%02d.tsv", i);
      var in = IntakeCorpus.class.getResourceAsStream("/intake/corpus4/" + name);
      if (in == null) continue;
      files++;
      all.addAll(IntakeCorpus.read(in)); // reads and closes
    }
    return all;
  }

  @BeforeAll
  static void evaluate() {
    frozen = frozen4();
    LearnedSuggester learned = IntakeModels.cachedSuggester();
    model = new IntakeMetrics();
    rules = new IntakeMetrics();
    for (LabelledNote n : frozen) {
      Suggestion s = learned.suggest(IntakeRequest.ofNotes(n.notes()));
      model.add(n.category(), n.subcategory(), n.severity(), s.category(), s.subcategory(), s.severity());
      model.addConfidence(s.confidence(), s.category() == n.category(), s.unsure());
      Suggestion r = IntakeModels.rules().suggest(IntakeRequest.ofNotes(n.notes()));
      rules.add(n.category(), n.subcategory(), n.severity(), r.category(), r.subcategory(), r.severity());
    }
    System.out.printf(Locale.ROOT, "FROZEN4: %d files, %d notes%n", files, frozen.size());
    System.out.print(model.report("FROZEN4 TEST, rules + embedding model"));
    System.out.print(rules.report("FROZEN4 TEST, rules alone (for comparison)"));
  }

  @Test
  void theFourthFrozenSetIsThereAndUsesConfiguredCodes() {
    assertThat(frozen).hasSizeGreaterThanOrEqualTo(Frozen4Floors.NOTES);
    for (LabelledNote n : frozen) assertThat(IntakeModels.rules().taxonomy().find(n.subcategory())).isPresent();
    assertThat(model.emergencies()).isGreaterThanOrEqualTo(20);
    // never trained on: the shipped model's training files are the train batches only
    assertThat(IntakeModels.cachedSuggester().info().trainedFrom()).doesNotContain("frozen");
  }

  @Test
  void modelHoldsItsMeasuredFiguresOnTheFourthFrozenSet() {
    String report = model.report("frozen4");
    assertThat(model.categoryAccuracy()).as(report).isGreaterThanOrEqualTo(Frozen4Floors.CATEGORY);
    assertThat(model.severityAccuracy()).as(report).isGreaterThanOrEqualTo(Frozen4Floors.SEVERITY);
    assertThat(model.emergencyRecall()).as(report).isGreaterThanOrEqualTo(Frozen4Floors.EMERGENCY_RECALL);
    assertThat(model.falseAlarmRate()).as(report).isLessThanOrEqualTo(Frozen4Floors.FALSE_ALARM_RATE);
    assertThat(model.categoryAccuracy()).isGreaterThan(rules.categoryAccuracy());
  }
}
