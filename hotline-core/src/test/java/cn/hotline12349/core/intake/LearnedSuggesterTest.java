package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The combined suggestion: the rules' life-first floor survives the model, and "unsure" means what it says. */
class LearnedSuggesterTest {
  private static final LearnedSuggester S = IntakeModels.cachedSuggester();

  @Test
  void theRulesEmergencyFloorIsNeverLoweredByTheModel() {
    List<LabelledNote> notes = IntakeCorpus.resource("/intake/labelled-notes.tsv");
    int floors = 0;
    for (LabelledNote n : notes) {
      Suggestion rules = IntakeModels.rules().suggest(IntakeRequest.ofNotes(n.notes()));
      if (rules.severity() != Severity.EMERGENCY) continue;
      floors++;
      Suggestion s = S.suggest(IntakeRequest.ofNotes(n.notes()));
      assertThat(s.severity()).as(n.notes()).isEqualTo(Severity.EMERGENCY);
    }
    assertThat(floors).isGreaterThan(40);
  }

  @Test
  void unsureIsSaidExactlyWhenTheTopTwoClassesAreClose() {
    int unsure = 0;
    int sure = 0;
    for (LabelledNote n : IntakeCorpus.resource("/intake/labelled-notes.tsv")) {
      Suggestion s = S.suggest(IntakeRequest.ofNotes(n.notes()));
      assertThat(s.confidence()).isBetween(0.0, 1.0);
      assertThat(s.runnerUpConfidence()).isLessThanOrEqualTo(s.confidence());
      assertThat(s.runnerUp()).isNotEqualTo(s.category());
      double margin = s.confidence() - s.runnerUpConfidence();
      boolean close = s.unsure();
      // shown figures are rounded to 0.001: only a margin that close to the line may fall either side
      if (Math.abs(margin - ModelDecision.UNSURE_MARGIN) > 0.002) {
        assertThat(close).isEqualTo(margin < ModelDecision.UNSURE_MARGIN);
      }
      assertThat(s.reasons().stream().anyMatch(r -> r.target().equals("UNSURE"))).isEqualTo(close);
      assertThat(s.model()).isEqualTo("bge-small-zh-v1.5-q");
      if (close) unsure++; else sure++;
    }
    assertThat(sure).isGreaterThan(unsure);
  }

  @Test
  void twoClassesWithEqualEvidenceAreUnsureOneClearClassIsNot() {
    Taxonomy tax = IntakeModels.rules().taxonomy();
    List<String> codes = tax.allSubcategories().stream().map(Subcategory::code).toList();
    double[] tie = new double[codes.size()];
    tie[codes.indexOf("PHYSICAL_ABUSE")] = 5;
    tie[codes.indexOf("EMOTIONAL_DISTRESS")] = 5;
    double[] sev = {0, 3, 0, 0};
    ModelDecision d = ModelDecision.fromLogits(codes, 1, 1, 0.5, tie, sev, false, tax);
    assertThat(d.unsure()).isTrue();
    assertThat(d.confidence()).isCloseTo(d.runnerUpProbability(), org.assertj.core.data.Offset.offset(0.05));
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
    double[] clear = new double[codes.size()];
    clear[codes.indexOf("PHYSICAL_ABUSE")] = 8;
    ModelDecision c = ModelDecision.fromLogits(codes, 1, 1, 0.5, clear, sev, false, tax);
    assertThat(c.unsure()).isFalse();
    assertThat(c.category()).isEqualTo(cn.hotline12349.core.domain.Category.VIOLATION);
    assertThat(c.subcategory()).isEqualTo("PHYSICAL_ABUSE");
    // the rules' floor or an EMERGENCY probability at the threshold makes it an emergency
    assertThat(ModelDecision.fromLogits(codes, 1, 1, 0.5, clear, sev, true, tax).severity()).isEqualTo(Severity.EMERGENCY);
    ModelDecision raised = ModelDecision.fromLogits(codes, 1, 1, 0.5, clear, new double[] {3, 2.5, 0, 0}, false, tax);
    assertThat(raised.severity()).isEqualTo(Severity.EMERGENCY);
    assertThat(raised.raisedByModel()).isTrue();
  }

  @Test
  void aNoteTheRulesDoNotKnowStillGetsItsClassFromTheEmbedding() {
    // no phrase family matches this wording; the rules alone fall back to OTHER
    String notes = "来电人称邻居家的丫头最近总是一个人蹲在墙角发呆，饭也不吃，问啥都不吭声，夜里还哭";
    Suggestion rules = IntakeModels.rules().suggest(IntakeRequest.ofNotes(notes));
    Suggestion learned = IntakeModels.liveSuggester().suggest(IntakeRequest.ofNotes(notes));
    assertThat(learned.model()).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(learned.category()).as("rules said %s", rules.category())
        .isIn(cn.hotline12349.core.domain.Category.PSYCHOLOGICAL, cn.hotline12349.core.domain.Category.LIFE_DIFFICULTY);
  }

  @Test
  void aBlankNoteGetsTheRulesNothingFoundAnswer() {
    Suggestion s = S.suggest(IntakeRequest.ofNotes("  "));
    assertThat(s.model()).isEqualTo("rules");
    assertThat(s.confidence()).isEqualTo(0.1);
  }

  @Test
  void aRebuiltModelWithAnotherFeatureLayoutGivesWayToTheShippedModel(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path dir) throws Exception {
    IntakeModel shipped;
    try (var in = LearnedSuggesterTest.class.getResourceAsStream(LearnedSuggester.STORED_MODEL)) {
      shipped = IntakeModel.read(in);
    }
    // as a rebuild by an older build (before the danger-now cues) would have written it
    List<String> oldLayout = shipped.ruleLayout().stream().filter(n -> !n.startsWith("cue:")).toList();
    IntakeModel old = new IntakeModel(shipped.embedderId(), oldLayout, shipped.standardiser(), shipped.subcategories(),
        shipped.sub(), shipped.subTemperature(), shipped.severity(), shipped.severityTemperature(),
        shipped.emergencyThreshold(), 17, "an older rebuild", shipped.ensemble(), shipped.knn(), shipped.knnSub(),
        shipped.knnSeverity(), shipped.ngrams());
    java.nio.file.Path file = dir.resolve("intake-model.bin");
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      old.write(out);
    }
    LearnedSuggester s = LearnedSuggester.load(IntakeModels.rules(), IntakeModels.embedder(), file);
    assertThat(s.info().trainedFrom()).isEqualTo(shipped.trainedFrom());
    assertThat(s.info().examples()).isEqualTo(shipped.examples());
    // a rebuilt model of the current layout is still preferred
    java.nio.file.Path current = dir.resolve("current.bin");
    IntakeModel same = new IntakeModel(shipped.embedderId(), shipped.ruleLayout(), shipped.standardiser(),
        shipped.subcategories(), shipped.sub(), shipped.subTemperature(), shipped.severity(),
        shipped.severityTemperature(), shipped.emergencyThreshold(), 17, "a current rebuild", shipped.ensemble(),
        shipped.knn(), shipped.knnSub(), shipped.knnSeverity(), shipped.ngrams());
    try (var out = java.nio.file.Files.newOutputStream(current)) {
      same.write(out);
    }
    assertThat(LearnedSuggester.load(IntakeModels.rules(), IntakeModels.embedder(), current).info().trainedFrom())
        .isEqualTo("a current rebuild");
  }
}
