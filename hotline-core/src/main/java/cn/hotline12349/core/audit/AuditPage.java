package cn.hotline12349.core.audit;

import java.util.List;

/** One page of audit entries, newest first; {@code more} says whether a next page exists (no count over the log). */
public record AuditPage(List<AuditEntry> items, int page, int size, boolean more) {}
