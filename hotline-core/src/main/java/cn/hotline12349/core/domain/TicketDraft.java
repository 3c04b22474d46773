package cn.hotline12349.core.domain;

import java.util.ArrayList;
import java.util.List;

/** What an intake operator submits to create a ticket; {@link #violations} lists every field at fault. */
public record TicketDraft(
    String callerNumber, String callerRelation, List<ChildDraft> children, Category category, String subcategory,
    Severity severity, String narrative, Category suggestedCategory, Severity suggestedSeverity, String callId,
    String suggestedSubcategory, Double suggestedConfidence) {

  public static final int MAX_CHILDREN = 20;
  public static final int MAX_NARRATIVE = 20_000;

  public TicketDraft {
    children = children == null ? List.of() : List.copyOf(children);
  }

  /** Without the sub-class and confidence of the suggestion (callers that do not show one). */
  public TicketDraft(String callerNumber, String callerRelation, List<ChildDraft> children, Category category,
      String subcategory, Severity severity, String narrative, Category suggestedCategory, Severity suggestedSeverity,
      String callId) {
    this(callerNumber, callerRelation, children, category, subcategory, severity, narrative, suggestedCategory,
        suggestedSeverity, callId, null, null);
  }

  /** Whether the operator saw a suggestion at all (then the override is recorded against it). */
  public boolean hasSuggestion() { return suggestedCategory != null || suggestedSeverity != null; }

  public List<RuleViolation> violations(OrgTree orgs) {
    List<RuleViolation> out = new ArrayList<>();
    if (category == null) out.add(RuleViolation.invalid("category", "category is required"));
    if (severity == null) out.add(RuleViolation.invalid("severity", "severity is required"));
    if (narrative == null || narrative.isBlank()) out.add(RuleViolation.invalid("narrative", "narrative is required"));
    else if (narrative.length() > MAX_NARRATIVE) {
      out.add(RuleViolation.invalid("narrative", "narrative is longer than " + MAX_NARRATIVE + " characters"));
    }
    if (callerNumber != null && (!PhoneNumber.acceptable(callerNumber))) {
      out.add(RuleViolation.invalid("callerNumber", "callerNumber is not a phone number (digits with + - ( ) . or spaces, or withheld)"));
    }
    tooLong(out, "callerRelation", callerRelation, 100);
    tooLong(out, "subcategory", subcategory, 100);
    tooLong(out, "callId", callId, 100);
    tooLong(out, "suggestedSubcategory", suggestedSubcategory, 100);
    if (suggestedConfidence != null && !(suggestedConfidence >= 0 && suggestedConfidence <= 1)) {
      out.add(RuleViolation.invalid("suggestedConfidence", "suggestedConfidence must be between 0 and 1"));
    }
    out.addAll(childViolations(children, orgs));
    return out;
  }

  /** The rules every child of a report meets; a duplicate search before the ticket exists checks them too. */
  public static List<RuleViolation> childViolations(List<ChildDraft> children, OrgTree orgs) {
    List<RuleViolation> out = new ArrayList<>();
    if (children.size() > MAX_CHILDREN) out.add(RuleViolation.invalid("children", "at most " + MAX_CHILDREN + " children"));
    for (int i = 0; i < children.size(); i++) {
      ChildDraft c = children.get(i);
      String at = "children[" + i + "].";
      if (c == null) {
        out.add(RuleViolation.invalid("children[" + i + "]", "a child must be an object"));
        continue;
      }
      if (c.age() != null && (c.age() < 0 || c.age() > 17)) out.add(RuleViolation.invalid(at + "age", "age must be 0 to 17"));
      if (c.countyCode() != null && !orgs.isCounty(c.countyCode())) {
        out.add(RuleViolation.invalid(at + "countyCode", "unknown county code " + c.countyCode()));
      }
      tooLong(out, at + "name", c.name(), 100);
      tooLong(out, at + "address", c.address(), 500);
    }
    return out;
  }

  private static void tooLong(List<RuleViolation> out, String field, String value, int max) {
    if (value != null && value.length() > max) out.add(RuleViolation.invalid(field, field + " is longer than " + max));
  }
}
