package cn.hotline12349.core.domain;

public enum Tier {
  PROVINCE, PREFECTURE, COUNTY;

  /** The tier a late ticket escalates to; the province has none above it. */
  public Tier above() {
    return switch (this) {
      case COUNTY -> PREFECTURE;
      case PREFECTURE, PROVINCE -> PROVINCE;
    };
  }
}
