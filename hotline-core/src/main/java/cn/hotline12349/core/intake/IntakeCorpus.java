package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Labelled call notes in the corpus format {@code note<TAB>CATEGORY<TAB>SUBCATEGORY<TAB>SEVERITY}, one per line. */
public final class IntakeCorpus {
  private IntakeCorpus() {}

  public record LabelledNote(String notes, Category category, String subcategory, Severity severity) {}

  public static List<LabelledNote> read(InputStream in) {
    try (in) {
      List<LabelledNote> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) continue;
        String[] f = line.split("\t");
        if (f.length != 4) continue;
        out.add(new LabelledNote(f[0], Category.valueOf(f[1].trim()), f[2].trim(), Severity.valueOf(f[3].trim())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A training set on the class path ({@code /intake/seed/...}); empty when absent. */
  public static List<LabelledNote> resource(String path) {
    InputStream in = IntakeCorpus.class.getResourceAsStream(path);
    return in == null ? List.of() : read(in);
  }

  /**
   * The seed the shipped model is trained on: the old labelled notes, the corpus's training side, corpus2's and
   * train4's, train5's and train6's training batches.
   */
  public static List<LabelledNote> seed() {
    List<LabelledNote> all = new ArrayList<>(resource("/intake/seed/labelled-notes.tsv"));
    all.addAll(resource("/intake/seed/corpus-train.tsv"));
    for (String f : corpus2Train("/intake/seed/corpus2/")) all.addAll(resource(f));
    for (String f : train4("/intake/seed/train4/")) all.addAll(resource(f));
    for (String f : train5("/intake/seed/train5/")) all.addAll(resource(f));
    for (String f : train6("/intake/seed/train6/")) all.addAll(resource(f));
    return all;
  }

  /**
   * The training batches of the second corpus under {@code dir} ({@code train-01.tsv}, {@code train-02.tsv}, ...), in
   * order; a batch written only for the held-out set has no train file, so numbers may skip. The held-out
   * {@code frozen2-*} batches are never read here.
   */
  public static List<String> corpus2Train(String dir) { return numbered(dir, "train-"); }

  /** The training batches of the fourth writer ({@code train4-01.tsv}, ...; round 5), in order. */
  public static List<String> train4(String dir) { return numbered(dir, "train4-"); }

  /** The training batches of the fifth writer ({@code train5-01.tsv}, ...; round 6), in order. */
  public static List<String> train5(String dir) { return numbered(dir, "train5-"); }

  /** The training batches of the sixth writer ({@code train6-01.tsv}, ...; round 6), in order. */
  public static List<String> train6(String dir) { return numbered(dir, "train6-"); }

  private static List<String> numbered(String dir, String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < 1000; i++) {
      String f = dir + prefix + String.format(java.util.Locale.ROOT, "%02d.tsv", i);
      if (IntakeCorpus.class.getResource(f) != null) out.add(f);
    }
    return out;
  }
}
