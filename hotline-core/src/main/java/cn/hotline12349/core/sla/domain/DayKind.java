package cn.hotline12349.core.sla.domain;

/** An entry of the official calendar: a weekday off (HOLIDAY) or a weekend day worked (WORKDAY, 调休). */
public enum DayKind { HOLIDAY, WORKDAY }
