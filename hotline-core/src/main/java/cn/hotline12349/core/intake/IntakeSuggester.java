package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.Rule.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Suggests category, sub-class, severity and county from an operator's Chinese notes. Pure and thread-safe: build one
 * instance at start-up (off the event loop: HanLP loads its dictionaries on first use) and share it.
 *
 * <p>Each phrase family ({@link Lexicon}) adds its weight once to its sub-class unless negated (没有打孩子) or only
 * hypothetical (如果...); hearsay counts a little less; a denial reported from someone else (他爸说没打) still
 * counts a little, since it is a claim, not a fact. The highest-scoring class wins; {@link SeverityRules} then keeps
 * the life-first floor.
 */
public final class IntakeSuggester {
  private static final double HEARSAY = 0.8;
  private static final double REPORTED_DENIAL = 0.4;
  private static final double HYPOTHETICAL = 0.3;
  private static final double CONSULT_TOPIC_WITHOUT_QUESTION = 0.6;
  private static final String HYPOTHETICAL_TOPIC = "LAW_OTHER";

  private final Taxonomy taxonomy;
  private final Gazetteer gazetteer;

  public IntakeSuggester(Taxonomy taxonomy, Gazetteer gazetteer) {
    this.taxonomy = taxonomy;
    this.gazetteer = gazetteer;
  }

  /** Loads config/taxonomy.yaml and config/gazetteer.csv from {@code configDir}. */
  public static IntakeSuggester fromConfig(Path configDir) {
    return new IntakeSuggester(Taxonomy.loadFrom(configDir), Gazetteer.loadFrom(configDir));
  }

  /** Loads HanLP's dictionaries; call once from a thread that may block (vertx.executeBlocking) before serving. */
  public static void warmUp() { HanLpHolder.warmUp(); }

  public Taxonomy taxonomy() { return taxonomy; }

  public Gazetteer gazetteer() { return gazetteer; }

  public Suggestion suggest(IntakeRequest req) { return analyse(req).suggestion(); }

  /** The rules' suggestion with the evidence behind it: score per rule sub-class and the signals seen. */
  RuleAnalysis analyse(IntakeRequest req) {
    IntakeText t = IntakeText.of(req.notes());
    List<Reason> reasons = new ArrayList<>();
    Map<String, Double> subScores = new LinkedHashMap<>();
    Map<Signal, Double> signals = new EnumMap<>(Signal.class);
    Map<Signal, String> signalPhrases = new EnumMap<>(Signal.class);
    Map<Signal, List<ClauseTime.Span>> signalSpans = new EnumMap<>(Signal.class);
    for (Rule rule : Lexicon.RULES) score(rule, t, subScores, signals, signalPhrases, signalSpans, reasons);

    Integer age = req.childAge() != null ? req.childAge() : AgeExtractor.youngest(t.text);
    Ranking ranking = rank(subScores);
    Subcategory sub = ranking.sub;
    SeverityRules.Outcome sev = SeverityRules.evaluate(t.text, sub.category(), sub, signals, signalSpans,
        subScores, age);
    for (String why : sev.why()) reasons.add(new Reason("", "SEVERITY", why));

    CountyMatch place = locate(req, t.text);
    Suggestion s = new Suggestion(sub.category(), sub.code(), sev.severity(), ranking.confidence, place.countyCode(),
        place.needsChoice(), place.candidates(), age, signals.containsKey(Signal.DISABILITY),
        signals.containsKey(Signal.NO_GUARDIAN), reasons);
    return new RuleAnalysis(s, subScores, signals.keySet(), !sev.why().isEmpty() && sev.severity() == Severity.EMERGENCY,
        t.text, RiskHints.of(t, signals.keySet(), signalPhrases, age));
  }

  private void score(Rule rule, IntakeText t, Map<String, Double> subScores, Map<Signal, Double> signals,
                     Map<Signal, String> signalPhrases, Map<Signal, List<ClauseTime.Span>> signalSpans,
                     List<Reason> reasons) {
    if (rule.weight() < 0) {
      Matcher neg = rule.pattern().matcher(t.text);
      while (neg.find()) {
        if (t.negated(neg.start(), neg.end())) continue;
        subScores.merge(rule.subcategory(), rule.weight(), Double::sum);
        reasons.add(new Reason(neg.group(), rule.subcategory(), String.format("%.1f (说明为意外)", rule.weight())));
        return;
      }
      return;
    }
    double best = 0;
    String bestPhrase = null;
    String bestNote = null;
    List<ClauseTime.Span> spans = rule.signals().isEmpty() ? null : new ArrayList<>();
    Matcher m = rule.pattern().matcher(t.text);
    while (m.find()) {
      if (m.end() == m.start() || (rule.has(Signal.CHECK_DA) && BenignDa.benign(t.text, m.start(), m.end()))) continue;
      double factor = 1;
      String note = "";
      if (negatable(rule) && t.negated(m.start(), m.end())) {
        if (t.reported(m.start())) { factor = REPORTED_DENIAL; note = "转述的否认，仍计少量"; }
        else {
          reasons.add(new Reason(m.group(), rule.subcategory(), "否定，未计入"));
          continue;
        }
      } else if (t.hypothetical(m.start()) && !rule.has(Signal.SUICIDE)) {
        factor = HYPOTHETICAL;
        note = "假设语气";
        // "what if a child is beaten, who do I call?" is a question about the rules, not a report
        if (negatable(rule)) subScores.merge(HYPOTHETICAL_TOPIC, rule.weight() * HYPOTHETICAL, Math::max);
      } else if (t.hearsay(m.start())) {
        factor = HEARSAY;
        note = "听说/转述";
      }
      // where the signal's evidence sits, for the floor's present-time check (ClauseTime)
      if (spans != null && factor >= HEARSAY) spans.add(new ClauseTime.Span(m.start(), m.end()));
      if (factor * rule.weight() > best) {
        best = factor * rule.weight();
        bestPhrase = m.group();
        bestNote = note;
      }
    }
    if (bestPhrase == null) return;
    subScores.merge(rule.subcategory(), best, Double::sum);
    if (best >= rule.weight() * HEARSAY) {
      for (Signal s : rule.signals()) {
        signals.merge(s, best, Double::sum);
        signalPhrases.putIfAbsent(s, bestPhrase);
        signalSpans.computeIfAbsent(s, k -> new ArrayList<>()).addAll(spans);
      }
    }
    reasons.add(new Reason(bestPhrase, rule.subcategory(),
        String.format("+%.1f%s", best, bestNote.isEmpty() ? "" : " (" + bestNote + ")")));
  }

  /** Questions and service requests are not events: 没有户口, 合不合法 and 有没有权 are their topic, not a denial. */
  private static boolean negatable(Rule rule) {
    Category c = Lexicon.DEFAULT_CATEGORY.get(rule.subcategory());
    return c != Category.CONSULTATION && c != Category.REFERRAL_OTHER;
  }

  private record Ranking(Subcategory sub, double confidence) {}

  private Ranking rank(Map<String, Double> subScores) {
    Map<Category, Double> bestSub = new EnumMap<>(Category.class);
    Map<Category, Double> total = new EnumMap<>(Category.class);
    Map<Category, Subcategory> pick = new EnumMap<>(Category.class);
    double intent = Math.min(subScores.getOrDefault(ConsultReferralRules.INTENT, 0.0), 4.0);
    for (Map.Entry<String, Double> e : subScores.entrySet()) {
      if (e.getKey().equals(ConsultReferralRules.INTENT)) continue;
      Subcategory s = resolve(e.getKey());
      double v = e.getValue();
      if (v <= 0) continue;
      if (s.category() == Category.CONSULTATION && intent == 0) v *= CONSULT_TOPIC_WITHOUT_QUESTION;
      total.merge(s.category(), v, Double::sum);
      if (v > bestSub.getOrDefault(s.category(), 0.0)) {
        bestSub.put(s.category(), v);
        pick.put(s.category(), s);
      }
    }
    if (intent > 0) {
      bestSub.merge(Category.CONSULTATION, 0.0, Double::sum);
      total.merge(Category.CONSULTATION, 0.0, Double::sum);
      pick.putIfAbsent(Category.CONSULTATION, taxonomy.fallback(Category.CONSULTATION));
    }
    Category top = null;
    double first = 0;
    double second = 0;
    for (Category c : Category.values()) {
      if (!bestSub.containsKey(c)) continue;
      double b = bestSub.get(c);
      double score = b + 0.25 * (total.get(c) - b) + (c == Category.CONSULTATION ? intent : 0);
      if (c == Category.CONSULTATION && b == 0 && !bestSub.keySet().stream().allMatch(k -> k == Category.CONSULTATION)) {
        score = intent * 0.5;
      }
      if (score > first) { second = first; first = score; top = c; } else if (score > second) second = score;
    }
    if (top == null) return new Ranking(taxonomy.fallback(Category.REFERRAL_OTHER), 0.1);
    double confidence = Math.max(0.05, Math.min(0.98, first / (first + second + 2.0)));
    return new Ranking(pick.get(top), Math.round(confidence * 100) / 100.0);
  }

  /** The configured sub-class for a rule's code; if staff removed or renamed it, the class's fallback. */
  private Subcategory resolve(String code) {
    return taxonomy.find(code).orElseGet(() -> taxonomy.fallback(Lexicon.DEFAULT_CATEGORY.get(code)));
  }

  private CountyMatch locate(IntakeRequest req, String notes) {
    if (req.countyCode() != null && !req.countyCode().isBlank()) {
      String code = req.countyCode().trim();
      if (gazetteer.isCounty(code)) {
        return new CountyMatch(code, gazetteer.place(code).get().parentCode(), false, List.of(), List.of());
      }
      if (gazetteer.place(code).isPresent()) {
        return new CountyMatch(null, code, true, gazetteer.countiesOf(code), List.of());
      }
    }
    CountyMatch fromAddress = gazetteer.match(req.address(), true);
    if (fromAddress.countyCode() != null) return fromAddress;
    CountyMatch fromNotes = gazetteer.match(notes, false);
    if (fromNotes.countyCode() != null) return fromNotes;
    return fromAddress.found() ? fromAddress : fromNotes;
  }
}
