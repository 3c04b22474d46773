package cn.hotline12349.core.sla.domain;

/** How a stopped clock ended: met its deadline, met it late, or was cancelled (ticket closed, clock reset). */
public enum ClockOutcome { MET, LATE, CANCELLED }
