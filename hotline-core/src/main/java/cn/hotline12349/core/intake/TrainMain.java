package cn.hotline12349.core.intake;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import cn.hotline12349.core.intake.learn.EmbeddingCache;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/intake/train: cross-validates and trains the learned intake model on training files only, and writes it.
 * {@code TrainMain [--cv-only] [--cv random|grouped|both] [--decision-report] [--no-knn] [--no-cues] [--danger] [--target R]
 * [--l2 X] [--epochs N] [--lr X] --out model.bin --cache FILE train.tsv...}. The model is tuned on the leave-one-writer-out
 * folds unless {@code --cv random}.
 * Prints aggregate figures only.
 */
public final class TrainMain {
  private TrainMain() {}

  public static void main(String[] args) throws IOException {
    boolean cvOnly = false;
    double l2 = IntakeTrainer.L2;
    int epochs = IntakeTrainer.EPOCHS;
    double lr = IntakeTrainer.LEARNING_RATE;
    double sevL2 = IntakeTrainer.SEVERITY_L2;
    int sevEpochs = IntakeTrainer.SEVERITY_EPOCHS;
    double target = IntakeTrainer.EMERGENCY_RECALL_TARGET;
    boolean knn = true;
    boolean ordinal = IntakeTrainer.ORDINAL;
    boolean ngram = true;
    boolean danger = IntakeTrainer.DANGER;
    double ngL2 = IntakeTrainer.NGRAM_L2;
    int ngEpochs = IntakeTrainer.NGRAM_EPOCHS;
    String cvMode = "both";
    Path out = null;
    Path cache = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cv-only" -> cvOnly = true;
        // random: 5 seeded folds; grouped: one fold per writer group (the model is tuned on it); both: report both
        case "--cv" -> cvMode = args[++i];
        case "--decision-report" -> System.setProperty("hotline.intake.decisionReport", "true");
        // training-data analysis: out-of-fold level probabilities and text of the tuning rows, as TSV
        case "--dump-levels" -> System.setProperty("hotline.intake.dumpLevels", args[++i]);
        // any -Dhotline.intake.* switch for a CV comparison, e.g. --set hotline.intake.pair=true
        case "--set" -> { String[] kv = args[++i].split("=", 2); System.setProperty(kv[0], kv[1]); }
        case "--l2" -> l2 = Double.parseDouble(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--lr" -> lr = Double.parseDouble(args[++i]);
        case "--sev-l2" -> sevL2 = Double.parseDouble(args[++i]);
        case "--sev-epochs" -> sevEpochs = Integer.parseInt(args[++i]);
        case "--target" -> target = Double.parseDouble(args[++i]);
        case "--no-knn" -> knn = false;
        case "--ordinal" -> ordinal = true;
        case "--no-ngram" -> ngram = false;
        case "--no-danger" -> danger = false;
        case "--danger" -> danger = true;
        // the "danger now" cue features zeroed (read when IntakeFeatures loads, below)
        case "--no-cues" -> System.setProperty("hotline.intake.noCues", "true");
        case "--ng-l2" -> ngL2 = Double.parseDouble(args[++i]);
        case "--ng-epochs" -> ngEpochs = Integer.parseInt(args[++i]);
        case "--no-ordinal" -> ordinal = false;
        case "--out" -> out = Path.of(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        // the embedding's cut for a CV comparison (read when the embedder class loads, below)
        case "--embed-chars" -> System.setProperty("hotline.intake.embedChars", args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    for (Path f : files) {
      if (f.getFileName().toString().contains("frozen")) throw new IllegalArgumentException("never train on " + f);
    }
    IntakeSuggester.warmUp();
    IntakeSuggester rules = IntakeSuggester.fromConfig(ConfigDir.resolve());
    EmbeddingCache embedder = new EmbeddingCache(BgeNoteEmbedder.load(null), cache);
    List<LabelledNote> notes = new ArrayList<>();
    List<Integer> groupOf = new ArrayList<>();
    List<String> groupNames = new ArrayList<>();
    StringBuilder from = new StringBuilder();
    java.security.MessageDigest sha;
    try { sha = java.security.MessageDigest.getInstance("SHA-256"); } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Path f : files) {
      sha.update(Files.readAllBytes(f));
      List<LabelledNote> part = IntakeCorpus.read(new FileInputStream(f.toFile()));
      notes.addAll(part);
      for (int j = 0; j < part.size(); j++) {
        String g = writerGroup(f, j);
        if (!groupNames.contains(g)) groupNames.add(g);
        groupOf.add(groupNames.indexOf(g));
      }
      from.append(from.isEmpty() ? "" : " + ").append(f.getFileName()).append(" (").append(part.size()).append(')');
    }
    long t0 = System.nanoTime();
    List<IntakeTrainer.Example> ex = notes.stream().map(n -> IntakeTrainer.example(rules, embedder, n)).toList();
    System.err.printf("features for %d notes in %d s%n", ex.size(), (System.nanoTime() - t0) / 1_000_000_000);
    IntakeTrainer.Options o = new IntakeTrainer.Options(new SoftmaxRegression.Options(l2, epochs, lr, 32, 14L),
        new SoftmaxRegression.Options(sevL2, sevEpochs, lr, 32, 14L), 5, target, knn, ordinal,
        ngram ? new SoftmaxRegression.Options(ngL2, ngEpochs, IntakeTrainer.NGRAM_LEARNING_RATE, 32, 14L) : null,
        danger);
    IntakeMetrics rulesOnly = new IntakeMetrics();
    for (LabelledNote n : notes) {
      Suggestion s = rules.suggest(IntakeRequest.ofNotes(n.notes()));
      rulesOnly.add(n.category(), n.subcategory(), n.severity(), s.category(), s.subcategory(), s.severity());
    }
    System.out.print(rulesOnly.report("rules alone on the training notes (they were partly written against the old set)"));
    int[] groups = groupOf.stream().mapToInt(Integer::intValue).toArray();
    IntakeTrainer.Options grouped = o.withGroups(groups);
    StringBuilder counts = new StringBuilder();
    for (int g = 0; g < groupNames.size(); g++) {
      final int gg = g;
      counts.append(g == 0 ? "" : ", ").append(groupNames.get(g)).append(' ')
          .append(groupOf.stream().filter(x -> x == gg).count());
    }
    if (!cvMode.equals("grouped")) {
      IntakeMetrics cv = IntakeTrainer.crossValidationMetrics(ex, rules.taxonomy(), o);
      System.out.print(cv.report("RANDOM " + settings(l2, epochs, lr, sevL2, sevEpochs, knn, ordinal, ngram, ngL2, ngEpochs,
          danger, target)));
    }
    if (!cvMode.equals("random")) {
      IntakeMetrics cv = IntakeTrainer.crossValidationMetrics(ex, rules.taxonomy(), grouped);
      System.out.print(cv.report("GROUPED (leave one writer out: " + counts + ") "
          + settings(l2, epochs, lr, sevL2, sevEpochs, knn, ordinal, ngram, ngL2, ngEpochs, danger, target)));
    }
    if (cvOnly || out == null) return;
    from.append(" sha256:").append(java.util.HexFormat.of().formatHex(sha.digest()));
    IntakeModel m = IntakeTrainer.train(ex, rules.taxonomy(), embedder.id(), from.toString(),
        cvMode.equals("random") ? o : grouped);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      m.write(os);
    }
    System.err.printf("model written to %s: %d examples, temperatures %.2f/%.2f, EMERGENCY threshold %.2f, %s%n", out,
        m.examples(), m.subTemperature(), m.severityTemperature(), m.emergencyThreshold(), m.ensemble());
  }

  /**
   * The writer of a training note (docs/intake.md round 5): labelled-notes.tsv (the session that wrote the rules);
   * corpus-train.tsv's first {@value #CORPUS_A_NOTES} notes are writer A's batches and the rest writer B's
   * (split.sh concatenated A-*.tsv before B-*.tsv; the re-split commit fa2b746 inserted A's new lines after line 373
   * and appended B's); corpus2 (helper "corpus"); each of {@link IntakeCorpus#TRAINING_WRITERS} (helpers of those
   * names, rounds 5 to 8); any other file is a group of its own.
   */
  static String writerGroup(Path f, int index) {
    String name = f.getFileName().toString();
    String dir = f.getParent() == null ? "" : f.getParent().getFileName().toString();
    if (name.equals("labelled-notes.tsv")) return "labelled-notes";
    if (name.equals("corpus-train.tsv")) return index < CORPUS_A_NOTES ? "corpus-A" : "corpus-B";
    if (dir.equals("corpus2") || IntakeCorpus.TRAINING_WRITERS.contains(dir)) return dir;
    return name;
  }

  static final int CORPUS_A_NOTES = 850;

  private static String settings(double l2, int epochs, double lr, double sevL2, int sevEpochs, boolean knn,
                                 boolean ordinal, boolean ngram, double ngL2, int ngEpochs, boolean danger, double target) {
    return String.format("cross-validation, l2 %.4f epochs %d lr %.4f; severity l2 %.4f epochs %d%s",
        l2, epochs, lr, sevL2, sevEpochs, knn ? "; regression + k-NN" : "; regression alone") + (ordinal ? "; ordinal severity" : "")
        + (ngram ? String.format("; char n-grams l2 %.5f epochs %d", ngL2, ngEpochs) : "")
        + (danger ? "; danger-now regression" : "") + (Boolean.getBoolean("hotline.intake.noCues") ? "; no cues" : "")
        + String.format("; EMERGENCY recall target %.3f", target);
  }
}
