package cn.hotline12349.core.domain;

/** Top-level categories of docs/domain.md §4; codes are fixed across the API, sub-classes are configuration. */
public enum Category { VIOLATION, LIFE_DIFFICULTY, PSYCHOLOGICAL, CONSULTATION, REFERRAL_OTHER }
