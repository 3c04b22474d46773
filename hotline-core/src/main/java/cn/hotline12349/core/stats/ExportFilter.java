package cn.hotline12349.core.stats;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.List;

/** The ticket list's filters (status, severity, org) plus an optional creation window [from, to). */
public record ExportFilter(List<TicketStatus> statuses, List<Severity> severities, String org, Instant from, Instant to) {
  public ExportFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    severities = severities == null ? List.of() : List.copyOf(severities);
  }
}
