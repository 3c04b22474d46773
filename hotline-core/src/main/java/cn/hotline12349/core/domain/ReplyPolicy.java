package cn.hotline12349.core.domain;

/**
 * When a caller who cannot be reached counts as unreachable (config/reply-policy.yaml): after
 * {@code unreachableAfter} reply calls without reaching them, or at once on a wrong number when
 * {@code wrongNumberIsFinal}. The one owner of this rule; {@link TicketLifecycle} applies it.
 */
public record ReplyPolicy(int unreachableAfter, boolean wrongNumberIsFinal) {
  public static final ReplyPolicy DEFAULT = new ReplyPolicy(3, false);

  public ReplyPolicy {
    if (unreachableAfter < 1 || unreachableAfter > 20) {
      throw new IllegalArgumentException("unreachable-after must be between 1 and 20, not " + unreachableAfter);
    }
  }

  /** Whether attempt number {@code attempt} (1-based) with this outcome ends the reply as unreachable. */
  public boolean unreachable(CallbackOutcome outcome, int attempt) {
    if (outcome.reached()) return false;
    return attempt >= unreachableAfter || (outcome == CallbackOutcome.WRONG_NUMBER && wrongNumberIsFinal);
  }
}
