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
   * The seed the shipped model is trained on: the old labelled notes, the corpus's training side, corpus2's training
   * batches and those of every later training writer ({@link #TRAINING_WRITERS}).
   */
  public static List<LabelledNote> seed() {
    List<LabelledNote> all = new ArrayList<>();
    for (String f : trainingFiles("/intake/seed/")) all.addAll(resource(f));
    return all;
  }

  /**
   * The training files under {@code root} ({@code /intake/seed/} on the class path, {@code /intake/} among the test
   * resources), in training order — the order scripts/intake/train passes them and the model's sha256 is taken in.
   */
  public static List<String> trainingFiles(String root) {
    List<String> files = new ArrayList<>(List.of(root + "labelled-notes.tsv", root + "corpus-train.tsv"));
    files.addAll(corpus2Train(root + "corpus2/"));
    for (String w : TRAINING_WRITERS) files.addAll(writerBatches(root, w));
    return files;
  }

  /**
   * The training batches of the second corpus under {@code dir} ({@code train-01.tsv}, {@code train-02.tsv}, ...), in
   * order; a batch written only for the held-out set has no train file, so numbers may skip. The held-out
   * {@code frozen2-*} batches are never read here.
   */
  public static List<String> corpus2Train(String dir) { return numbered(dir, "train-"); }

  /**
   * The training writers after corpus2, one folder each ({@code train4/train4-01.tsv}, ...), in training order:
   * helpers train4 (round 5), train5 and train6 (round 6), train7 and train8 (round 7), train9 and train10 (round 8).
   * Each is a writer group of its own in the grouped cross-validation ({@code TrainMain.writerGroup}).
   */
  public static final List<String> TRAINING_WRITERS = List.of("train4", "train5", "train6", "train7", "train8", "train9",
      "train10");

  /** One training writer's batches under {@code root} ({@code root + writer + "/" + writer + "-NN.tsv"}), in order. */
  public static List<String> writerBatches(String root, String writer) {
    return numbered(root + writer + "/", writer + "-");
  }

  private static List<String> numbered(String dir, String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < 1000; i++) {
      String f = dir + prefix + String.format(java.util.Locale.ROOT, "%02d.tsv", i);
      if (IntakeCorpus.class.getResource(f) != null) out.add(f);
    }
    return out;
  }
}
