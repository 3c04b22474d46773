package cn.hotline12349.core.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The passwords of the embedded server's three roles, generated at first start and kept beside the cluster in a
 * file only the service's user can read (0600). {@code database} is the database the application's tables live in.
 */
public record DbCredentials(String superPassword, String ownerPassword, String appPassword, String database) {
  public static final String FILE = "hotline-credentials.properties";
  public static final String OWNER_ROLE = "hotline_owner";
  public static final String APP_ROLE = "hotline_app";
  private static final SecureRandom random = new SecureRandom();

  public static DbCredentials generate(String database) {
    return new DbCredentials(secret(), secret(), secret(), database);
  }

  /** The credentials kept with an embedded data directory, if it has any. */
  public static Optional<DbCredentials> read(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f)) return Optional.empty();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f)) {
      p.load(r);
    }
    return Optional.of(new DbCredentials(p.getProperty("superuser.password"), p.getProperty("owner.password"),
        p.getProperty("app.password"), p.getProperty("database", "hotline")));
  }

  void write(Path dataDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("superuser.password", superPassword);
    p.setProperty("owner.password", ownerPassword);
    p.setProperty("app.password", appPassword);
    p.setProperty("database", database);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
      p.store(w, "PostgreSQL roles of the 12349 hotline: keep this file readable by the service only");
    }
    Files.move(tmp, dataDir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String secret() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() { return "DbCredentials[database=" + database + "]"; }
}
