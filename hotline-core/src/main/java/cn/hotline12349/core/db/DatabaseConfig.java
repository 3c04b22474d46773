package cn.hotline12349.core.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is. Parsed from a {@code postgresql://user:pass@host:port/db} URL or given directly. */
public record DatabaseConfig(String host, int port, String database, String user, String password) {

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

  public DatabaseConfig withDatabase(String name) { return new DatabaseConfig(host, port, name, user, password); }

  public String jdbcUrl() { return "jdbc:postgresql://" + host + ":" + port + "/" + database; }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
        .setPassword(password).setCachePreparedStatements(true);
  }

  private static String decode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

  @Override
  public String toString() { return "postgresql://" + user + "@" + host + ":" + port + "/" + database; }
}
