package cn.hotline12349.core.sla.domain;

/** Whether a stage clock runs around the clock or only in working hours of working days. */
public enum ClockMode { ALWAYS, WORKING }
