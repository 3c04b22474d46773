package cn.hotline12349.core.domain;

/** Severity levels of docs/domain.md §5; the order is the urgency order (most urgent first). */
public enum Severity { EMERGENCY, HIGH, NORMAL, CONSULT }
