package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.Rule.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The learned classifier's input: the note's sentence vector followed by what the phrase families saw (score per
 * rule sub-class, each signal, the life-first floor, the rules' own class and severity, a young child), then the
 * "danger now" cues of {@link DangerCues}. The rules
 * are thus features the regression can weigh against the embedding, not the only classifier.
 */
final class IntakeFeatures {
  private IntakeFeatures() {}

  /** Names of the rule part, in order; stored with a model so a model built for another layout is refused. */
  static final List<String> RULE_LAYOUT;

  static {
    List<String> names = new ArrayList<>();
    for (String code : new TreeSet<>(Lexicon.DEFAULT_CATEGORY.keySet())) names.add("score:" + code);
    names.add("score:" + ConsultReferralRules.INTENT);
    for (Signal s : Signal.values()) names.add("signal:" + s);
    names.add("floor:EMERGENCY");
    for (Category c : Category.values()) names.add("rules-category:" + c);
    for (Severity s : Severity.values()) names.add("rules-severity:" + s);
    names.add("age:under6");
    names.add("age:known");
    names.addAll(DangerCues.NAMES);
    RULE_LAYOUT = List.copyOf(names);
  }

  private static final boolean NO_CUES = Boolean.getBoolean("hotline.intake.noCues");

  static double[] of(float[] embedding, RuleAnalysis a) {
    double[] x = new double[embedding.length + RULE_LAYOUT.size()];
    for (int i = 0; i < embedding.length; i++) x[i] = embedding[i];
    int at = embedding.length;
    for (String name : RULE_LAYOUT) {
      if (name.startsWith("cue:")) break;
      x[at++] = value(name, a);
    }
    // the cues come last; -Dhotline.intake.noCues=true zeroes them (a cross-validation comparison only)
    if (!NO_CUES) System.arraycopy(DangerCues.of(a.text()), 0, x, at, DangerCues.NAMES.size());
    return x;
  }

  private static double value(String name, RuleAnalysis a) {
    int colon = name.indexOf(':');
    String kind = name.substring(0, colon);
    String key = name.substring(colon + 1);
    Suggestion s = a.suggestion();
    return switch (kind) {
      case "score" -> Math.log1p(Math.max(0, a.subScores().getOrDefault(key, 0.0)));
      case "signal" -> a.has(Signal.valueOf(key)) ? 1 : 0;
      case "floor" -> a.emergencyFloor() ? 1 : 0;
      case "rules-category" -> s.category().name().equals(key) ? 1 : 0;
      case "rules-severity" -> s.severity().name().equals(key) ? 1 : 0;
      case "age" -> key.equals("known") ? (s.childAge() != null ? 1 : 0)
          : (s.childAge() != null && s.childAge() < 6 ? 1 : 0);
      default -> throw new IllegalStateException(name);
    };
  }
}
