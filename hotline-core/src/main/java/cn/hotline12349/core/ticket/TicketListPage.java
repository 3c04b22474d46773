package cn.hotline12349.core.ticket;

import java.util.List;

/**
 * One page of a ticket list: the tickets with their children, each one's stored queue priority (index for index),
 * {@code next} (null on the last page) and, on a first page, {@code count} exact up to {@link TicketFilter#COUNT_BOUND}
 * ({@code countCapped} when there are more); {@code count} is null on later pages.
 */
public record TicketListPage(List<TicketRecord> items, List<Integer> priorities, String next, Long count,
                             boolean countCapped, String searchKind) {
  public TicketListPage {
    items = List.copyOf(items);
    priorities = List.copyOf(priorities);
  }
}
