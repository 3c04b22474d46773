package cn.hotline12349.core.sla.domain;

/** What the boards show for an open clock. */
public enum BoardState { ON_TIME, WARNED, OVERDUE, PAUSED }
