package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.util.List;

/** Filters and paging of a ticket list; {@code org} narrows to an org unit's subtree within the caller's scope. */
public record TicketQuery(List<TicketStatus> statuses, List<Severity> severities, String org, int page, int size) {
  public static final int MAX_SIZE = 200;

  public TicketQuery {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    severities = severities == null ? List.of() : List.copyOf(severities);
  }
}
