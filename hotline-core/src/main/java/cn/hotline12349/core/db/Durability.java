package cn.hotline12349.core.db;

import java.util.List;

/**
 * How the embedded server writes to disk. A system of record for child-abuse reports keeps PostgreSQL's durable
 * defaults; the fast mode loses acknowledged commits on a power failure and exists only for throw-away test servers
 * ({@code TestDatabase}) or an operator who says so explicitly ({@code HOTLINE_PG_UNSAFE_NO_FSYNC=true}).
 */
public enum Durability {
  DURABLE(List.of("fsync=on", "synchronous_commit=on", "full_page_writes=on")),
  UNSAFE_NO_FSYNC(List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"));

  private final List<String> settings;

  Durability(List<String> settings) { this.settings = settings; }

  /** {@code name=value} server settings, passed as {@code -c} options so nothing in a config file can weaken them. */
  public List<String> settings() { return settings; }

  public static Durability fromEnv(String unsafeNoFsync) {
    return Boolean.parseBoolean(unsafeNoFsync == null ? "" : unsafeNoFsync.trim()) ? UNSAFE_NO_FSYNC : DURABLE;
  }
}
