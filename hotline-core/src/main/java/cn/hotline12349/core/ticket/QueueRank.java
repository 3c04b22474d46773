package cn.hotline12349.core.ticket;

import cn.hotline12349.core.intake.PriorityScore;

/**
 * The database function {@code hotline_queue_rank} that keeps tickets.queue_rank (the work-queue index; V71's trigger
 * calls it): {@link PriorityScore}'s score without waiting over the ticket's children, -1 for a closed ticket.
 * Installed by the repeatable migration {@code R__QueueRankFromPriorityScore}, which runs again whenever this text
 * changes, so the formula has one owner (PriorityScore) and the children's SQL stays with the ticket package.
 */
public final class QueueRank {
  private QueueRank() {}

  public static String function() {
    return "create or replace function hotline_queue_rank(severity text, closed boolean, tid bigint) returns smallint"
        + " language sql stable as $$\n"
        + "  select case when closed then -1 else "
        + PriorityScore.rankExpression("severity", "v.min_age", "v.disability", "v.no_guardian") + " end::smallint\n"
        + "  from (select min(c.age) as min_age, bool_or(c.disability) as disability, bool_or(c.no_guardian) as no_guardian\n"
        + "          from ticket_children c where c.ticket_id = tid) v\n$$";
  }
}
