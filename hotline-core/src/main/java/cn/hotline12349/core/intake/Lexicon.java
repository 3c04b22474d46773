package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All built-in phrase families and the class each built-in sub-class belongs to (used if staff rename sub-classes). */
final class Lexicon {
  private Lexicon() {}

  static final List<Rule> RULES;
  static final Map<String, Category> DEFAULT_CATEGORY = new HashMap<>();

  static {
    List<Rule> all = new ArrayList<>();
    register(all, ViolationRules.RULES, Category.VIOLATION);
    register(all, LifeRules.RULES, Category.LIFE_DIFFICULTY);
    register(all, PsychRules.RULES, Category.PSYCHOLOGICAL);
    for (Rule r : ConsultReferralRules.RULES) {
      all.add(r);
      Category c = switch (r.subcategory()) {
        case "FOLLOW_UP", "COMPLAINT", "INVALID_CALL", "REFERRAL", "OTHER" -> Category.REFERRAL_OTHER;
        default -> Category.CONSULTATION;
      };
      DEFAULT_CATEGORY.put(r.subcategory(), c);
    }
    RULES = List.copyOf(all);
  }

  private static void register(List<Rule> all, List<Rule> rules, Category c) {
    for (Rule r : rules) {
      all.add(r);
      DEFAULT_CATEGORY.put(r.subcategory(), c);
    }
  }
}
