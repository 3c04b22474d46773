package cn.hotline12349.core.sla.domain;

/** Lifecycle of one stage clock as stored. */
public enum ClockStatus { RUNNING, PAUSED, STOPPED }
