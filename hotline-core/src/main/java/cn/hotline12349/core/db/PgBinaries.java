package cn.hotline12349.core.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL 17 binaries of the zonky bundle. Only zonky's unpacking is used: its server lifecycle starts every
 * cluster with {@code -F} (fsync off) and trust authentication, which a system of record cannot accept, so
 * {@link EmbeddedDatabase} runs {@code initdb} and {@code pg_ctl} itself.
 */
final class PgBinaries {
  private static volatile Path dir;

  private PgBinaries() {}

  /** The command line for one of the bundle's programs; as root through {@code unshare -U} (zonky's own check: PostgreSQL refuses root). */
  static List<String> command(String program, String... args) {
    List<String> cmd = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) cmd.addAll(List.of("unshare", "-U"));
    cmd.add(bin().resolve(program).toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Path bin() {
    if (dir == null) {
      synchronized (PgBinaries.class) {
        if (dir == null) dir = unpack().toPath().resolve("bin");
      }
    }
    return dir;
  }

  // zonky 2.2.2 keeps its (locked, checksummed, shared) unpacking private; the version is pinned in the parent pom
  // and EmbeddedDatabaseTest fails loudly if this stops working.
  private static File unpack() {
    try {
      Method m = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
      m.setAccessible(true);
      return (File) m.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot unpack the embedded PostgreSQL binaries", e);
    }
  }
}
