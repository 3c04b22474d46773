package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import cn.hotline12349.core.intake.learn.IntakeModelException;
import cn.hotline12349.core.intake.learn.NoteEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full intake suggestion: the phrase families ({@link IntakeSuggester}) plus a regression over the note's
 * sentence embedding and the rules' evidence ({@link IntakeModel}). The rules keep their life-first floor (the model
 * may raise a call to EMERGENCY, never lower one the rules flagged) and their county, age and reasons; the model picks
 * class, sub-class and severity, with calibrated confidence and an explicit "unsure" when the top two are close.
 * Thread-safe; the model is swapped whole when {@link #replaceModel} is called by a rebuild.
 */
public final class LearnedSuggester {
  /** The model shipped in the jar, trained by scripts/intake/train from the seed notes. */
  public static final String STORED_MODEL = "/intake/model.bin";

  private final IntakeSuggester rules;
  private final NoteEmbedder embedder;
  private final AtomicReference<IntakeModel> model;

  LearnedSuggester(IntakeSuggester rules, NoteEmbedder embedder, IntakeModel model) {
    this.rules = rules;
    this.embedder = embedder;
    check(model, embedder);
    this.model = new AtomicReference<>(model);
  }

  /** Rules plus the stored model; {@code modelFile} (a rebuilt model) wins over the shipped one when it exists. */
  public static LearnedSuggester load(IntakeSuggester rules, NoteEmbedder embedder, Path modelFile) {
    try {
      if (modelFile != null && Files.isRegularFile(modelFile)) {
        IntakeModel rebuilt;
        try (InputStream in = Files.newInputStream(modelFile)) {
          rebuilt = IntakeModel.read(in);
        }
        // a model rebuilt by an older build with other features (phrase families, cues): the shipped model answers
        // until a rebuild replaces it, rather than the rules alone
        if (rebuilt.ruleLayout().equals(IntakeFeatures.RULE_LAYOUT)) return new LearnedSuggester(rules, embedder, rebuilt);
        org.slf4j.LoggerFactory.getLogger(LearnedSuggester.class).warn(
            "rebuilt intake model {} has another feature layout; using the shipped model until the next rebuild",
            modelFile);
      }
      InputStream in = LearnedSuggester.class.getResourceAsStream(STORED_MODEL);
      if (in == null) throw new IntakeModelException("intake model " + STORED_MODEL + " not on the class path");
      try (in) {
        return new LearnedSuggester(rules, embedder, IntakeModel.read(in));
      }
    } catch (IOException e) {
      throw new IntakeModelException("intake model unreadable: " + e.getMessage(), e);
    }
  }

  private static void check(IntakeModel m, NoteEmbedder embedder) {
    if (!m.embedderId().equals(embedder.id())) {
      throw new IntakeModelException("intake model was trained on embeddings of " + m.embedderId() + ", not "
          + embedder.id() + " (run scripts/intake/train)");
    }
    if (!m.ruleLayout().equals(IntakeFeatures.RULE_LAYOUT)) {
      throw new IntakeModelException("intake model was trained with other rule features (the phrase families "
          + "changed): run scripts/intake/train");
    }
  }

  public IntakeSuggester rules() { return rules; }

  public NoteEmbedder embedder() { return embedder; }

  public Taxonomy taxonomy() { return rules.taxonomy(); }

  public Gazetteer gazetteer() { return rules.gazetteer(); }

  /** Examples, source and EMERGENCY threshold of the model in use. */
  public record ModelInfo(String embedder, int examples, String trainedFrom, double emergencyThreshold) {}

  public ModelInfo info() {
    IntakeModel m = model.get();
    return new ModelInfo(m.embedderId(), m.examples(), m.trainedFrom(), m.emergencyThreshold());
  }

  public Suggestion suggest(IntakeRequest req) { return suggest(req, rules.analyse(req)); }

  /** The suggestion with the risk check: pre-fill hints, disagreements with the answers, and the combined level. */
  public IntakeAdvice advise(IntakeRequest req, RiskCheck answers) {
    RuleAnalysis a = rules.analyse(req);
    return IntakeAdvice.of(suggest(req, a), a.riskHints(), answers);
  }

  private Suggestion suggest(IntakeRequest req, RuleAnalysis a) {
    // nothing written yet: nothing for the model to read, the rules' "no phrase" answer says so (confidence 0.1)
    if (req.notes() == null || req.notes().isBlank()) return a.suggestion();
    IntakeModel m = model.get();
    float[] v = embedder.embed(req.notes());
    double[] x = m.standardiser().apply(IntakeFeatures.of(v, a));
    ModelDecision d = ModelDecision.of(m, req.notes(), v, x, a.emergencyFloor(), rules.taxonomy());
    Suggestion r = a.suggestion();
    List<Reason> reasons = new ArrayList<>(r.reasons());
    reasons.add(new Reason("", "MODEL", String.format(Locale.ROOT, "%s %.2f; %s %.2f", d.category(), d.confidence(),
        d.runnerUp(), d.runnerUpProbability())));
    if (d.raisedByModel()) {
      reasons.add(new Reason("", "SEVERITY", String.format(Locale.ROOT, "生命优先: 模型判断紧急的概率 %.2f",
          d.emergencyProbability())));
    }
    if (d.unsure()) {
      reasons.add(new Reason("", "UNSURE", String.format(Locale.ROOT, "不确定: %s %.2f 与 %s %.2f 接近，请人工判断",
          d.category(), d.confidence(), d.runnerUp(), d.runnerUpProbability())));
    }
    return new Suggestion(d.category(), d.subcategory(), d.severity(), round(d.confidence()), r.countyCode(),
        r.needsCountyChoice(), r.candidateCounties(), r.childAge(), r.disability(), r.noGuardian(), reasons,
        d.unsure(), d.runnerUp(), round(d.runnerUpProbability()), m.embedderId());
  }

  private static double round(double p) { return Math.round(p * 1000) / 1000.0; }

  /** Trains a new model on the seed plus {@code extra} (e.g. confirmed tickets); CPU-heavy, call on a worker. */
  public IntakeModelBuild retrain(List<LabelledNote> seed, List<LabelledNote> extra, NoteEmbedder cachedEmbedder,
                                  String from) {
    List<IntakeTrainer.Example> ex = new ArrayList<>();
    for (LabelledNote n : seed) ex.add(IntakeTrainer.example(rules, cachedEmbedder, n));
    for (LabelledNote n : extra) ex.add(IntakeTrainer.example(rules, embedder, n));
    IntakeModel m = IntakeTrainer.train(ex, rules.taxonomy(), embedder.id(), from, IntakeTrainer.Options.defaults());
    return new IntakeModelBuild(m);
  }

  /** A trained model not yet in use. */
  public static final class IntakeModelBuild {
    private final IntakeModel model;

    IntakeModelBuild(IntakeModel model) { this.model = model; }

    public int examples() { return model.examples(); }

    public void write(OutputStream out) throws IOException { model.write(out); }
  }

  public void replaceModel(IntakeModelBuild build) {
    check(build.model, embedder);
    model.set(build.model);
  }
}
