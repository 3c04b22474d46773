package cn.hotline12349.core.intake;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** One phrase family: a pattern, the sub-class it points to, its weight, and the signals it carries for severity. */
record Rule(String subcategory, double weight, Pattern pattern, Set<Signal> signals) {
  /** Signals feed the severity floor and the vulnerability flags independently of the chosen category. */
  enum Signal {
    /** suicide or self-harm talk: always EMERGENCY */
    SUICIDE,
    /** clear sexual abuse: always EMERGENCY */
    SEXUAL,
    /** a weaker sexual cue; two or more make the floor */
    SEXUAL_WEAK,
    /** sexual images or chat online; with a threat it is extortion, an emergency */
    ONLINE_SEXUAL,
    /** hitting, kicking, burning ... */
    VIOLENCE,
    /** a child lost, taken or not found (involuntary) */
    MISSING,
    /** a child left on their own accord */
    RUNAWAY,
    /** a child abandoned or found */
    ABANDONED,
    /** a child locked in or left alone */
    ALONE,
    /** trafficking or abduction */
    TRAFFICKING,
    /** the rule's word must not be the 打 of 打电话, 打工 ... */
    CHECK_DA,
    DISABILITY,
    NO_GUARDIAN,
    /** the caller asks a policy or law question rather than reporting an event */
    CONSULT_INTENT
  }

  static Rule of(String sub, double weight, String regex, Signal... signals) {
    Set<Signal> set = signals.length == 0 ? EnumSet.noneOf(Signal.class) : EnumSet.of(signals[0], signals);
    return new Rule(sub, weight, Pattern.compile(regex), set);
  }

  boolean has(Signal s) { return signals.contains(s); }
}
