package cn.hotline12349.core.audit;

import java.time.Instant;

public record AuditEntry(long id, Instant at, Long userId, String username, String action, Long ticketId,
    String detail) {}
