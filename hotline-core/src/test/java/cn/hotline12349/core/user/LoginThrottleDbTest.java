package cn.hotline12349.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login back-off is stored in PostgreSQL (V160): failures counted by one service instance still throttle a new
 * instance over the same database, as after a restart or on another node of the cluster.
 */
class LoginThrottleDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private static final String PASSWORD = "right-password-1";
  private final TestDb db = TestDatabase.create();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
  private Vertx first = Vertx.vertx();
  private Vertx second;

  @AfterEach
  void close() {
    if (first != null) first.close().await();
    if (second != null) second.close().await();
  }

  private UserService service(Vertx vertx) {
    Pool pool = db.pool(vertx);
    return new UserService(vertx, pool, ORGS, clock, Duration.ofHours(1));
  }

  @Test
  void failuresBeforeARestartStillThrottleTheNewInstance() throws Exception {
    UserService before = service(first);
    before.create("sup-test", PASSWORD, "督导", Role.INTAKE_SUPERVISOR, "630100").await();
    for (int i = 0; i < 3; i++) {
      assertThat(before.attempt("sup-test", "guess" + i, "10.0.0.1").await()).isInstanceOf(LoginOutcome.BadCredentials.class);
    }
    assertThat(before.attempt("sup-test", PASSWORD, "10.0.0.1").await()).isInstanceOf(LoginOutcome.Throttled.class);
    first.close().await(); // the "restart": every connection and in-memory state of the first instance is gone
    first = null;

    second = Vertx.vertx();
    UserService after = service(second);
    LoginOutcome o = after.attempt("SUP-TEST", PASSWORD, "10.0.0.9").await();
    assertThat(o).as("the account's back-off holds on a new instance, from another address, in another case")
        .isInstanceOf(LoginOutcome.Throttled.class);
    assertThat(((LoginOutcome.Throttled) o).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(count("kind = 'ACCOUNT' and key = 'sup-test'")).isEqualTo(3);

    clock.advance(Duration.ofSeconds(1));
    assertThat(after.attempt("sup-test", "guess3", "10.0.0.9").await()).isInstanceOf(LoginOutcome.BadCredentials.class);
    LoginOutcome doubled = after.attempt("sup-test", PASSWORD, "10.0.0.9").await();
    assertThat(((LoginOutcome.Throttled) doubled).retryAfter()).as("the fourth failure doubles the wait")
        .isEqualTo(Duration.ofSeconds(2));

    clock.advance(Duration.ofSeconds(2));
    assertThat(after.attempt("sup-test", PASSWORD, "10.0.0.9").await()).isInstanceOf(LoginOutcome.Success.class);
    assertThat(count("kind = 'ACCOUNT'")).as("a good password clears the account's count").isZero();
  }

  @Test
  void oneAddressGuessingManyAccountsIsSlowedOnEveryInstanceAndTheWindowForgets() throws Exception {
    UserService a = service(first);
    for (int i = 0; i < 10; i++) a.attempt("nobody-" + i, "pw", "192.0.2.7").await();
    second = Vertx.vertx();
    UserService b = service(second);
    assertThat(b.attempt("nobody-x", "pw", "192.0.2.7").await()).isInstanceOf(LoginOutcome.Throttled.class);
    assertThat(b.attempt("nobody-x", "pw", "192.0.2.8").await()).as("another address")
        .isInstanceOf(LoginOutcome.BadCredentials.class);

    clock.advance(Duration.ofMinutes(16));
    assertThat(b.attempt("nobody-y", "pw", "192.0.2.7").await()).as("past the 15-minute window")
        .isInstanceOf(LoginOutcome.BadCredentials.class);
    assertThat(count("kind = 'ADDRESS' and key = '192.0.2.7'")).isEqualTo(1); // counting started again
    clock.advance(Duration.ofMinutes(16));
    b.purgeExpiredSessions().await();
    assertThat(count("true")).as("counts past their window are purged").isZero();
  }

  private long count(String where) throws Exception {
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select coalesce(sum(failures), 0) from login_failures where " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
