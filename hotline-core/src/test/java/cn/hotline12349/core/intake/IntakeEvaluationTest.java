package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The labelled set (written before the rules): per-class precision and recall, and the floors of issue 4. */
class IntakeEvaluationTest {
  record Labelled(String notes, Category category, String subcategory, Severity severity) {}

  private static IntakeSuggester suggester;
  private static List<Labelled> set;

  @BeforeAll
  static void load() throws IOException {
    suggester = IntakeSuggester.fromConfig(ConfigDir.resolve());
    set = new ArrayList<>();
    try (InputStream in = IntakeEvaluationTest.class.getResourceAsStream("/intake/labelled-notes.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) continue;
        String[] f = line.split("\t");
        set.add(new Labelled(f[0], Category.valueOf(f[1]), f[2], Severity.valueOf(f[3].trim())));
      }
    }
  }

  @Test
  void theSetIsBigVariedAndUsesOnlyConfiguredCodes() {
    assertThat(set).hasSizeGreaterThanOrEqualTo(240);
    for (Labelled l : set) {
      assertThat(suggester.taxonomy().find(l.subcategory())).as(l.subcategory()).isPresent();
      assertThat(suggester.taxonomy().get(l.subcategory()).category()).as(l.notes()).isEqualTo(l.category());
    }
    assertThat(set.stream().map(Labelled::subcategory).distinct().count())
        .isEqualTo(suggester.taxonomy().allSubcategories().size());
    assertThat(set.stream().map(Labelled::severity).distinct().count()).isEqualTo(Severity.values().length);
  }

  @Test
  void categoryAccuracyAndEmergencyRecallHoldTheirFloors() {
    Map<Category, int[]> counts = new TreeMap<>(); // tp, fp, fn
    for (Category c : Category.values()) counts.put(c, new int[3]);
    int correct = 0;
    int subCorrect = 0;
    int sevCorrect = 0;
    int emergencies = 0;
    int emergenciesFound = 0;
    int overCalled = 0;
    StringBuilder misses = new StringBuilder();
    for (Labelled l : set) {
      Suggestion s = suggester.suggest(IntakeRequest.ofNotes(l.notes()));
      if (s.category() == l.category()) {
        correct++;
        counts.get(l.category())[0]++;
      } else {
        counts.get(s.category())[1]++;
        counts.get(l.category())[2]++;
        misses.append("  category ").append(l.category()).append(" got ").append(s.category()).append('/')
            .append(s.subcategory()).append(": ").append(l.notes()).append('\n');
      }
      if (s.subcategory().equals(l.subcategory())) subCorrect++;
      if (s.severity() == l.severity()) sevCorrect++;
      if (l.severity() == Severity.EMERGENCY) {
        emergencies++;
        if (s.severity() == Severity.EMERGENCY) emergenciesFound++;
        else misses.append("  EMERGENCY missed, got ").append(s.severity()).append(": ").append(l.notes()).append('\n');
      } else if (s.severity() == Severity.EMERGENCY) {
        overCalled++;
      }
    }
    StringBuilder report = new StringBuilder("intake evaluation on ").append(set.size()).append(" notes\n");
    counts.forEach((c, n) -> report.append(String.format("  %-16s precision %.2f recall %.2f (tp %d fp %d fn %d)%n",
        c, n[0] / (double) Math.max(1, n[0] + n[1]), n[0] / (double) Math.max(1, n[0] + n[2]), n[0], n[1], n[2])));
    double accuracy = correct / (double) set.size();
    report.append(String.format("  top-1 category accuracy %.3f, sub-class %.3f, severity %.3f%n", accuracy,
        subCorrect / (double) set.size(), sevCorrect / (double) set.size()));
    report.append(String.format("  EMERGENCY recall %d/%d, over-called %d%n", emergenciesFound, emergencies, overCalled));
    System.out.println(report);
    System.out.println(misses);
    assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(0.90);
    assertThat(emergenciesFound).as(report + misses.toString()).isEqualTo(emergencies);
  }
}
