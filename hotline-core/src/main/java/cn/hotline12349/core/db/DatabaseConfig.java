package cn.hotline12349.core.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the database is and as whom to connect. Parsed from a {@code postgresql://user:pass@host:port/db} URL or
 * given directly. {@code owner}, when set, is the role the migrations run as (it owns the schema); the service
 * itself connects as {@code user}, which then needs no more than the grants {@link Privileges} gives it.
 */
public record DatabaseConfig(String host, int port, String database, String user, String password,
    DatabaseConfig owner) {

  public DatabaseConfig(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, null);
  }

  public static DatabaseConfig fromUrl(String url) {
    URI uri = URI.create(url.trim());
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("HOTLINE_PG_URL must look like postgresql://user:pass@host:port/db");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) password = decode(parts[1]);
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    return new DatabaseConfig(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, db, user, password);
  }

  /** The application's URL, and optionally the owner's ({@code HOTLINE_PG_OWNER_URL}) that runs the migrations. */
  public static DatabaseConfig fromUrls(String appUrl, String ownerUrl) {
    DatabaseConfig app = fromUrl(appUrl);
    return ownerUrl == null || ownerUrl.isBlank() ? app : app.withOwner(fromUrl(ownerUrl));
  }

  public DatabaseConfig withOwner(DatabaseConfig newOwner) {
    return new DatabaseConfig(host, port, database, user, password, newOwner);
  }

  public DatabaseConfig withDatabase(String name) {
    return new DatabaseConfig(host, port, name, user, password, owner == null ? null : owner.withDatabase(name));
  }

  /** As whom to run migrations and reference-data loads: the owner if there is one, else this same role. */
  public DatabaseConfig migrator() { return owner != null ? owner : this; }

  public String jdbcUrl() { return "jdbc:postgresql://" + host + ":" + port + "/" + database; }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
        .setPassword(password).setCachePreparedStatements(true);
  }

  private static String decode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

  @Override
  public String toString() { return "postgresql://" + user + "@" + host + ":" + port + "/" + database; }
}
