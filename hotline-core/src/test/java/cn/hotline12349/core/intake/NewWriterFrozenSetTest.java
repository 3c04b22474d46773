package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A held-out set written by a writer the model has never learned from ({@code corpusN/frozenN-NN.tsv}, all of it held
 * out, never opened by whoever tunes the model): the shipped model on it, aggregate figures only, never a note, held to
 * floors that are its single measurement minus about two notes. Each set is one subclass; docs/intake.md has the figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NewWriterFrozenSetTest {
  /** The set's floors, from its FrozenNFloors constants. */
  record Floors(int notes, double category, double severity, double emergencyRecall, double falseAlarmRate) {}

  private final String name;
  private final Floors floors;
  private List<LabelledNote> frozen;
  private IntakeMetrics model;
  private IntakeMetrics rules;
  private int files;

  /** @param name the files' prefix and folder number, e.g. "frozen4" for /intake/corpus4/frozen4-NN.tsv */
  NewWriterFrozenSetTest(String name, Floors floors) {
    this.name = name;
    this.floors = floors;
  }

  /** Every batch of the set on the test class path, in order. */
  private List<LabelledNote> read() {
    String dir = "/intake/corpus" + name.substring("frozen".length()) + "/";
    List<LabelledNote> all = new ArrayList<>();
    for (int i = 1; i < 1000; i++) {
      var in = IntakeCorpus.class.getResourceAsStream(dir + String.format(Locale.ROOT, "%s-%02d.tsv", name, i));
      if (in == null) continue;
      files++;
      all.addAll(IntakeCorpus.read(in)); // reads and closes
    }
    return all;
  }

  @BeforeAll
  void evaluate() {
    frozen = read();
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
    String label = name.toUpperCase(Locale.ROOT);
    System.out.printf(Locale.ROOT, "%s: %d files, %d notes%n", label, files, frozen.size());
    System.out.print(model.report(label + " TEST, rules + embedding model"));
    System.out.print(rules.report(label + " TEST, rules alone (for comparison)"));
  }

  @Test
  void theFrozenSetIsThereAndUsesConfiguredCodes() {
    assertThat(frozen).hasSizeGreaterThanOrEqualTo(floors.notes());
    for (LabelledNote n : frozen) assertThat(IntakeModels.rules().taxonomy().find(n.subcategory())).isPresent();
    assertThat(model.emergencies()).isGreaterThanOrEqualTo(20);
    // never trained on: the shipped model's training files are the train batches only
    assertThat(IntakeModels.cachedSuggester().info().trainedFrom()).doesNotContain("frozen");
  }

  @Test
  void modelHoldsItsMeasuredFiguresOnTheFrozenSet() {
    String report = model.report(name);
    assertThat(model.categoryAccuracy()).as(report).isGreaterThanOrEqualTo(floors.category());
    assertThat(model.severityAccuracy()).as(report).isGreaterThanOrEqualTo(floors.severity());
    assertThat(model.emergencyRecall()).as(report).isGreaterThanOrEqualTo(floors.emergencyRecall());
    assertThat(model.falseAlarmRate()).as(report).isLessThanOrEqualTo(floors.falseAlarmRate());
    assertThat(model.categoryAccuracy()).isGreaterThan(rules.categoryAccuracy());
  }
}
