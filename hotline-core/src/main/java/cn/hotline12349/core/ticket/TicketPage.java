package cn.hotline12349.core.ticket;

import java.util.List;

/** One page of a ticket list; {@code priorities} holds each item's PriorityScore, index for index. */
public record TicketPage(List<TicketRecord> items, long total, int page, int size, List<Integer> priorities) {
  public TicketPage {
    priorities = priorities == null ? List.of() : List.copyOf(priorities);
  }

  public TicketPage(List<TicketRecord> items, long total, int page, int size) {
    this(items, total, page, size, List.of());
  }
}
