package cn.hotline12349.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables the system is configured by (README, "Configuration"), read with checks: a malformed value
 * stops the start with an error naming the variable and what it must be, never a stack trace of a parse or a silent
 * default. {@link #process()} is the only place the process environment is read (EnvReadOnceTest keeps it so); every
 * settings record is built from an {@code Env} once at start and handed to the components.
 */
public final class Env {
  private final Map<String, String> vars;

  private Env(Map<String, String> vars) { this.vars = Map.copyOf(vars); }

  /** The process's own environment. */
  public static Env process() { return new Env(System.getenv()); }

  /** Given variables (tests, and nodes started in one process). */
  public static Env of(Map<String, String> vars) { return new Env(vars); }

  /** The trimmed value, or null when unset or blank. */
  public String string(String name) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public String string(String name, String dflt) {
    String v = string(name);
    return v == null ? dflt : v;
  }

  /** The value exactly as set (a password or secret may start or end with a space), or null when unset or empty. */
  public String secret(String name) {
    String v = vars.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public long integer(String name, long dflt, long min, long max) {
    String v = string(name);
    if (v == null) return dflt;
    long n;
    try {
      n = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(name, v, "a whole number from " + min + " to " + max);
    }
    if (n < min || n > max) throw invalid(name, v, "a whole number from " + min + " to " + max);
    return n;
  }

  public int port(String name, int dflt) { return (int) integer(name, dflt, 0, 65_535); }

  /** {@code true}/{@code false} (also on/off, yes/no, 1/0), any case. */
  public boolean bool(String name, boolean dflt) {
    String v = string(name);
    if (v == null) return dflt;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw invalid(name, v, "true or false");
    };
  }

  public Duration millis(String name, long dflt, long min, long max) {
    return Duration.ofMillis(integer(name, dflt, min, max));
  }

  public Duration minutes(String name, long dflt, long min, long max) {
    return Duration.ofMinutes(integer(name, dflt, min, max));
  }

  public Path path(String name, String dflt) {
    String v = string(name, dflt);
    try {
      return Path.of(v);
    } catch (RuntimeException e) {
      throw invalid(name, v, "a file system path");
    }
  }

  /** The error of a bad value: names the variable, the value and what it must be. */
  public static IllegalArgumentException invalid(String name, String value, String mustBe) {
    return new IllegalArgumentException(name + " must be " + mustBe + ", not '" + value + "'");
  }
}
