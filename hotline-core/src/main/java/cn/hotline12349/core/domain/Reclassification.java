package cn.hotline12349.core.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An operator's or handler's correction of a created ticket's class, sub-class and level (issue 14), with the reason.
 * Lowering an EMERGENCY needs a recorded {@code downgradeReason}, as at intake (生命优先: an emergency is never lowered
 * silently). The final labels are what the intake model learns from and what the 30-day accuracy view compares.
 */
public record Reclassification(Category category, String subcategory, Severity severity, String reason,
                               String downgradeReason) {
  public static final String ACTION = "reclassify";
  public static final int MAX_REASON = 500;

  /** The ticket's labels before the change. */
  public record Labels(Category category, String subcategory, Severity severity) { }

  /**
   * Null when {@code actor} may make this change on a ticket in state {@code s} labelled {@code now}; else why not.
   * The intake tier and the province may correct any ticket of their scope (also an ended one: its labels still
   * teach the model); a county handler only the open ticket they have claimed in their own county.
   */
  public RuleViolation check(TicketState s, Labels now, Actor actor) {
    if (category == null) return RuleViolation.invalid("category", "category is required");
    if (severity == null) return RuleViolation.invalid("severity", "severity is required");
    if (subcategory != null && (subcategory.isBlank() || subcategory.length() > 100)) {
      return RuleViolation.invalid("subcategory", "subcategory is 1 to 100 characters");
    }
    RuleViolation r = text(reason, "reason", true);
    if (r != null) return r;
    r = text(downgradeReason, "downgradeReason", false);
    if (r != null) return r;
    if (now.severity() == Severity.EMERGENCY && severity != Severity.EMERGENCY
        && (downgradeReason == null || downgradeReason.isBlank())) {
      return RuleViolation.invalid("downgradeReason", "the ticket is EMERGENCY; lowering it to " + severity
          + " needs a recorded reason (downgradeReason)");
    }
    if (now.category() == category && Objects.equals(now.subcategory(), subcategory) && now.severity() == severity) {
      return RuleViolation.invalid("category", "the ticket already has this class, sub-class and level");
    }
    Role role = actor.role();
    if (role.isIntake() || role == Role.PROVINCE_SUPERVISOR) return null;
    if (role != Role.COUNTY_HANDLER) {
      return RuleViolation.forbidden("reclassify-role", "only operators, supervisors and handlers reclassify tickets");
    }
    if (!actor.orgCode().equals(s.countyCode())) {
      return RuleViolation.forbidden("own-county", "the ticket is not assigned to your county");
    }
    if (s.claimedBy() == null || s.claimedBy() != actor.userId()) {
      return RuleViolation.forbidden("not-claimer", "a handler reclassifies only a ticket they have claimed");
    }
    return Set.of(TicketStatus.CLAIMED, TicketStatus.IN_PROGRESS, TicketStatus.SUSPENDED).contains(s.status()) ? null
        : RuleViolation.conflict("illegal-transition", "reclassify is not allowed in state " + s.status());
  }

  /** The event's payload: the labels before and after, and the downgrade reason when one was given. */
  public Map<String, Object> payload(Labels before) {
    Map<String, Object> p = new HashMap<>();
    p.put("fromCategory", before.category().name());
    p.put("fromSeverity", before.severity().name());
    if (before.subcategory() != null) p.put("fromSubcategory", before.subcategory());
    p.put("category", category.name());
    p.put("severity", severity.name());
    if (subcategory != null) p.put("subcategory", subcategory);
    if (downgradeReason != null && !downgradeReason.isBlank()) p.put("downgradeReason", downgradeReason.strip());
    return p;
  }

  private static RuleViolation text(String value, String field, boolean required) {
    if (value == null || value.isBlank()) {
      return required ? RuleViolation.invalid(field, field + " is required") : null;
    }
    return value.length() <= MAX_REASON ? null
        : RuleViolation.invalid(field, field + " is longer than " + MAX_REASON + " characters");
  }
}
