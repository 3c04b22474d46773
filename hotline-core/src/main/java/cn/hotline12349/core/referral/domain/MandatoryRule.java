package cn.hotline12349.core.referral.domain;

import cn.hotline12349.core.domain.Category;
import java.util.List;
import java.util.Set;

/**
 * One statutory situation of the mandatory-report system (强制报告): a ticket of one of {@code categories} whose
 * subcategory is one of {@code subcategories} or whose narrative contains one of {@code keywords}.
 */
public record MandatoryRule(String code, String labelZh, String labelEn, Set<Category> categories,
                            Set<String> subcategories, List<String> keywords) {
  public MandatoryRule {
    if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) throw new IllegalArgumentException("code: upper-case, e.g. SEXUAL_ABUSE");
    if (categories == null || categories.isEmpty()) throw new IllegalArgumentException("categories: at least one");
    subcategories = subcategories == null ? Set.of() : Set.copyOf(subcategories);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    if (subcategories.isEmpty() && keywords.isEmpty()) {
      throw new IllegalArgumentException("subcategories or keywords: a rule must name at least one fact");
    }
    categories = Set.copyOf(categories);
  }

  public boolean matches(Category category, String subcategory, String narrative) {
    if (!categories.contains(category)) return false;
    if (subcategory != null && subcategories.contains(subcategory)) return true;
    if (narrative == null) return false;
    for (String k : keywords) if (narrative.contains(k)) return true;
    return false;
  }

  /** The first rule the ticket matches, in the configured order. */
  public static java.util.Optional<MandatoryRule> firstMatch(List<MandatoryRule> rules, Category category,
                                                             String subcategory, String narrative) {
    return rules.stream().filter(r -> r.matches(category, subcategory, narrative)).findFirst();
  }
}
