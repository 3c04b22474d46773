package cn.hotline12349.ui;

import cn.hotline12349.telephony.TelephonySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings read once from the environment (see README, "Configuration"). */
public record AppSettings(
    Path dataDir, String pgUrl, int httpPort, Path configDir, boolean demo, String demoPassword,
    Duration sessionLength, boolean secureCookies, Map<String, String> env) {

  /** Without an explicit environment the process's own is used (telephony reads HOTLINE_AMI_* / HOTLINE_AGI_PORT from it). */
  public AppSettings(Path dataDir, String pgUrl, int httpPort, Path configDir, boolean demo, String demoPassword,
      Duration sessionLength, boolean secureCookies) {
    this(dataDir, pgUrl, httpPort, configDir, demo, demoPassword, sessionLength, secureCookies, System.getenv());
  }

  /** The same settings with another environment for the telephony bridge (tests point it at a loopback PBX). */
  public AppSettings withEnv(Map<String, String> newEnv) {
    return new AppSettings(dataDir, pgUrl, httpPort, configDir, demo, demoPassword, sessionLength, secureCookies, newEnv);
  }

  public static AppSettings fromEnv(Map<String, String> env, Path configDir) {
    return new AppSettings(
        Path.of(env.getOrDefault("HOTLINE_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        blankToNull(env.get("HOTLINE_PG_URL")),
        Integer.parseInt(env.getOrDefault("HOTLINE_HTTP_PORT", "8080")),
        configDir,
        Boolean.parseBoolean(env.getOrDefault("HOTLINE_DEMO", "false")),
        env.getOrDefault("HOTLINE_DEMO_PASSWORD", "hotline12349"),
        Duration.ofMinutes(Long.parseLong(env.getOrDefault("HOTLINE_SESSION_MINUTES", "480"))),
        Boolean.parseBoolean(env.getOrDefault("HOTLINE_SECURE_COOKIES", "false")),
        Map.copyOf(env));
  }

  /** The telephony part, typed (the one parser of HOTLINE_AMI_* and HOTLINE_AGI_PORT). */
  public TelephonySettings telephony() { return TelephonySettings.fromEnv(env); }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
