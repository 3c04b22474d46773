package cn.hotline12349.core.ticket;

/**
 * The database function {@code hotline_queue_rank} that keeps tickets.queue_rank (the work-queue index; V71's trigger
 * calls it): PriorityScore's score without waiting over the ticket's children, -1 for a closed ticket.
 * Installed by the repeatable migration {@code R__QueueRankFromPriorityScore}, which runs again whenever this text
 * changes, so the formula has one owner (PriorityScore) and the children's SQL stays with their owner, TicketStore.
 */
public final class QueueRank {
  private QueueRank() {}

  public static String function() { return TicketStore.queueRankFunction(); }
}
