package cn.hotline12349.core.audit;

import java.time.Instant;

/** A search over the audit log: each filter optional, one page of at most {@link #MAX_SIZE} entries. */
public record AuditQuery(String username, String action, Long ticketId, Instant from, Instant to, int page, int size) {
  public static final int MAX_SIZE = 200;
}
