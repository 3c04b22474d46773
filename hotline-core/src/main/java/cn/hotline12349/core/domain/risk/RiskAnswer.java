package cn.hotline12349.core.domain.risk;

/** An operator's answer; UNKNOWN is a real answer ("caller does not know"), distinct from not asked (absent). */
public enum RiskAnswer { YES, NO, UNKNOWN }
