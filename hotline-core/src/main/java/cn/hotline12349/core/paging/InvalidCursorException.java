package cn.hotline12349.core.paging;

import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;

/**
 * A {@code cursor} that is not a {@code next} this list handed out (garbled, edited, from another list or another
 * filter/order, or from an older codec version). A rule violation on the field {@code cursor}, so the HTTP edge
 * answers it as 422 problem+json like any other bad input.
 */
public final class InvalidCursorException extends RuleViolationException {
  InvalidCursorException(String why) {
    super(RuleViolation.invalid("cursor",
        "cursor is not a 'next' of this list (" + why + "; filters and order must stay the same)"));
  }
}
