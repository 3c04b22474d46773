package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class RecordingsTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void recordingsPastRetentionAreDeletedAndTheirCallsMarked(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    Instant now = Instant.parse("2026-11-23T03:00:00Z");
    Path old = Files.writeString(dir.resolve("hotline-630100-20260101-100000-1.wav"), "old");
    Path fresh = Files.writeString(dir.resolve("hotline-630100-20261120-100000-2.wav"), "fresh");
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(200))));
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofDays(3))));
    pool.query("insert into calls (linkedid, recording) values ('1.1', '" + old.getFileName() + "'), ('2.2', '"
        + fresh.getFileName() + "')").execute().await(10, TimeUnit.SECONDS);

    Recordings r = Recordings.fromEnv(Map.of("HOTLINE_RECORDINGS_DIR", dir.toString(), "HOTLINE_RECORDING_RETENTION_DAYS", "180"));
    assertThat(r.enforceRetention(vertx, pool, Clock.fixed(now, ZoneOffset.UTC)).await(10, TimeUnit.SECONDS)).isEqualTo(1);

    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(CallPersistenceTest.column(db, "select linkedid from calls where recording_deleted_at is not null"))
        .containsExactly("1.1");
    assertThat(r.file(fresh.getFileName().toString())).contains(fresh);
    assertThat(r.file("../etc/passwd")).isEmpty();
    assertThat(r.file(old.getFileName().toString())).isEmpty();
    t.completeNow();
  }
}
