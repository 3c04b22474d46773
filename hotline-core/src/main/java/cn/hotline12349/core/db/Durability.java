package cn.hotline12349.core.db;

import java.util.List;

/**
 * How the embedded server writes to disk. A system of record for child-abuse reports keeps PostgreSQL's durable
 * defaults; the fast mode loses acknowledged commits on a power failure or an OS crash and exists only for throw-away
 * test servers ({@code TestDatabase}) or an operator who says so explicitly ({@code HOTLINE_PG_UNSAFE_NO_FSYNC=true}).
 * Even the fast mode keeps synchronous commit: a commit is handed to the kernel before it is acknowledged, so killing
 * the server process (what the fault tests do) loses nothing in either mode.
 */
public enum Durability {
  DURABLE(List.of("fsync=on", "synchronous_commit=on", "full_page_writes=on"), List.of()),
  UNSAFE_NO_FSYNC(List.of("fsync=off", "synchronous_commit=on", "full_page_writes=off"), List.of("--no-sync"));

  private final List<String> settings;
  private final List<String> initdbArgs;

  Durability(List<String> settings, List<String> initdbArgs) {
    this.settings = settings;
    this.initdbArgs = initdbArgs;
  }

  List<String> initdbArgs() { return initdbArgs; }

  /** {@code name=value} server settings, passed as {@code -c} options so nothing in a config file can weaken them. */
  public List<String> settings() { return settings; }

  public static Durability fromEnv(String unsafeNoFsync) {
    return Boolean.parseBoolean(unsafeNoFsync == null ? "" : unsafeNoFsync.trim()) ? UNSAFE_NO_FSYNC : DURABLE;
  }
}
