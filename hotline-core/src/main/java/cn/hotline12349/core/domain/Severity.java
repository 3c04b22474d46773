package cn.hotline12349.core.domain;

/** Severity levels of DOMAIN.md §5; the order is the urgency order (most urgent first). */
public enum Severity { EMERGENCY, HIGH, NORMAL, CONSULT }
