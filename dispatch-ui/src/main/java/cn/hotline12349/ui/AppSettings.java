package cn.hotline12349.ui;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.config.Env;
import cn.hotline12349.core.db.Durability;
import cn.hotline12349.telephony.TelephonySettings;
import cn.hotline12349.ui.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the system, typed, read once from the environment at start ({@link #load}; the README's
 * "Configuration" table lists each variable) and handed to the components. A malformed value stops the start with an
 * error naming the variable ({@link Env}); nothing else reads the environment.
 *
 * @param database the PostgreSQL server (HOTLINE_PG_URL, HOTLINE_PG_OWNER_URL; unset = embedded, in dataDir/pg)
 * @param metricsToken the bearer token a Prometheus scraper sends to /metrics (HOTLINE_METRICS_TOKEN), or null
 * @param gaugeRefresh how often the on-call gauges ask the database (HOTLINE_GAUGE_REFRESH_MS)
 * @param intakeModel whether the learned intake model is used (HOTLINE_INTAKE_MODEL=off leaves the phrase rules alone)
 * @param intakeRebuildEvery how often the learned model looks for newly labelled tickets (0: never; issue 14)
 * @param telephony the PBX, FastAGI and recording settings
 * @param cluster the cluster settings (HOTLINE_CLUSTER*, HOTLINE_PBX_LEASE_*)
 * @param trustedProxies addresses of the reverse proxies whose X-Forwarded-For names the client
 *     (HOTLINE_TRUSTED_PROXIES, comma-separated IP addresses; none by default)
 */
public record AppSettings(
    Path dataDir, Database database, int httpPort, Path configDir, boolean demo, String demoPassword,
    Duration sessionLength, boolean secureCookies, String metricsToken, Duration gaugeRefresh, boolean intakeModel,
    Duration intakeRebuildEvery, TelephonySettings telephony, ClusterSettings cluster,
    Set<String> trustedProxies) {

  /**
   * @param url HOTLINE_PG_URL, or null for the embedded server
   * @param ownerUrl HOTLINE_PG_OWNER_URL: the owner role migrations run as, or null
   * @param durability the embedded server's fsync setting (HOTLINE_PG_UNSAFE_NO_FSYNC)
   */
  public record Database(String url, String ownerUrl, Durability durability) {
    static Database fromEnv(String url, Env env) {
      // Durability's own rule: only "true" turns fsync off (a typo keeps the data safe).
      return new Database(url, env.secret("HOTLINE_PG_OWNER_URL"), Durability.fromEnv(env.string("HOTLINE_PG_UNSAFE_NO_FSYNC")));
    }
  }

  /** The settings of this process, from its environment. */
  public static AppSettings load(Env env) {
    return new AppSettings(
        env.path("HOTLINE_DATA_DIR", "./data").toAbsolutePath().normalize(),
        env.string("HOTLINE_PG_URL"),
        env.port("HOTLINE_HTTP_PORT", 8080),
        ConfigDir.resolve(env),
        env.bool("HOTLINE_DEMO", false),
        env.string("HOTLINE_DEMO_PASSWORD", "hotline12349"),
        env.minutes("HOTLINE_SESSION_MINUTES", 480, 1, 60L * 24 * 30),
        env.bool("HOTLINE_SECURE_COOKIES", false),
        env);
  }

  /**
   * The common settings given (tests and nodes started in one process), the rest (PBX, cluster, intake model,
   * metrics) from {@code vars} as {@link #load} reads them.
   */
  public AppSettings(Path dataDir, String pgUrl, int httpPort, Path configDir, boolean demo, String demoPassword,
      Duration sessionLength, boolean secureCookies, Map<String, String> vars) {
    this(dataDir, pgUrl, httpPort, configDir, demo, demoPassword, sessionLength, secureCookies, Env.of(vars));
  }

  private AppSettings(Path dataDir, String pgUrl, int httpPort, Path configDir, boolean demo, String demoPassword,
      Duration sessionLength, boolean secureCookies, Env env) {
    this(dataDir, Database.fromEnv(pgUrl, env), httpPort, configDir, demo, demoPassword, sessionLength, secureCookies,
        env.secret("HOTLINE_METRICS_TOKEN"),
        env.millis("HOTLINE_GAUGE_REFRESH_MS", 15_000, 100, 3_600_000),
        env.bool("HOTLINE_INTAKE_MODEL", true),
        env.minutes("HOTLINE_INTAKE_REBUILD_MINUTES", 360, 0, 60L * 24 * 365),
        TelephonySettings.fromEnv(env),
        ClusterSettings.fromEnv(env),
        trustedProxies(env.string("HOTLINE_TRUSTED_PROXIES")));
  }

  private static Set<String> trustedProxies(String value) {
    Set<String> out = new LinkedHashSet<>();
    if (value == null) return Set.of();
    for (String a : value.split(",")) {
      String ip = a.trim();
      if (ip.isEmpty()) continue;
      if (!ip.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
        throw new IllegalArgumentException("HOTLINE_TRUSTED_PROXIES must be IP addresses separated by commas, not '" + ip + "'");
      }
      out.add(ip);
    }
    return Set.copyOf(out);
  }

  /** HOTLINE_PG_URL, or null for the embedded server. */
  public String pgUrl() { return database.url(); }
}
