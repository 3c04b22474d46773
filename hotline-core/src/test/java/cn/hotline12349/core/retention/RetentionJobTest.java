package cn.hotline12349.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Anonymisation after the retention: personal data gone, statistics kept, audited, dry run first, history intact. */
class RetentionJobTest {
  static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
  static TestDb db;
  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
  }

  @AfterAll
  static void tearDown() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void closedTicketsPastTheirRetentionAreAnonymisedAndAudited() throws Exception {
    long user = db.insertUser("op-ret", Role.OPERATOR, "630100").userId();
    long old = ticket(user, "CONSULTATION", NOW.minus(Duration.ofDays(400)), "call-old");
    long recent = ticket(user, "CONSULTATION", NOW.minus(Duration.ofDays(100)), null);
    long oldViolation = ticket(user, "VIOLATION", NOW.minus(Duration.ofDays(400)), null);
    RetentionPolicy policy = RetentionPolicy.load(ConfigDir.resolve());
    assertThat(policy.afterClosed().get(Category.CONSULTATION)).isEqualTo(Duration.ofDays(365));
    RetentionJob job = new RetentionJob(pool, policy, new AuditTrail(pool, new MutableClock(NOW)), new MutableClock(NOW), 500);

    JsonObject report = job.dryRun().await();
    assertThat(report.getInteger("due")).isEqualTo(1);
    assertThat(report.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("category").equals("CONSULTATION")).findFirst().orElseThrow()
        .getJsonArray("ticketIds").getList()).containsExactly(old);
    assertThat(row("select narrative from tickets where id = " + old)).as("a dry run changes nothing")
        .isEqualTo("孩子说被打了，名字叫小明");

    assertThat(job.run().await()).isEqualTo(1);
    assertThat(job.run().await()).as("once only").isZero();
    assertThat(row("select narrative || '|' || coalesce(caller_number, '-') || '|' || category || '|' || severity "
        + "from tickets where id = " + old)).isEqualTo("[已匿名]|-|CONSULTATION|CONSULT");
    assertThat(row("select coalesce(name, '-') || coalesce(address, '-') || age from ticket_children where ticket_id = " + old))
        .isEqualTo("--9");
    assertThat(row("select string_agg(coalesce(reason, '-'), ',' order by seq) || '|' || count(*) "
        + "from ticket_events where ticket_id = " + old)).isEqualTo("-,[已匿名]|2");
    assertThat(row("select coalesce(caller_number, '-') from calls where linkedid = 'call-old'")).isEqualTo("-");
    assertThat(row("select narrative from tickets where id = " + recent)).isEqualTo("孩子说被打了，名字叫小明");
    assertThat(row("select narrative from tickets where id = " + oldViolation)).as("ten years for violations")
        .isEqualTo("孩子说被打了，名字叫小明");
    assertThat(row("select username || ' ' || detail from audit_log where action = 'anonymised' and ticket_id = " + old))
        .startsWith("retention-job category CONSULTATION");

    // The history is still append-only outside the sanctioned function, for the app and for the owner.
    try (Connection app = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = app.createStatement()) {
      assertThatThrownBy(() -> s.execute("update ticket_events set reason = 'x' where ticket_id = " + old))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("set hotline.anonymising = 'on'; update ticket_events set reason = 'x'"))
          .hasMessageContaining("permission denied");
    }
    try (Connection owner = db.jdbc(); Statement s = owner.createStatement()) {
      assertThatThrownBy(() -> s.execute("update ticket_events set reason = 'x' where ticket_id = " + recent))
          .hasMessageContaining("append-only");
    }
  }

  private static long ticket(long user, String category, Instant closedAt, String callId) throws Exception {
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      if (callId != null) s.execute("insert into calls (linkedid, caller_number, caller_number_norm) values ('"
          + callId + "', '13897012345', '13897012345')");
      String at = "'" + closedAt + "'";
      ResultSet rs = s.executeQuery("insert into tickets (ref, status, intake_org, county_code, caller_number, "
          + "caller_number_norm, caller_relation, category, severity, narrative, created_by, created_at, updated_at, "
          + "closed_at, call_id) values ('R-" + System.nanoTime() + "', 'CLOSED', '630100', '630102', '13897012345', "
          + "'13897012345', '母亲', '" + category + "', '" + (category.equals("CONSULTATION") ? "CONSULT" : "HIGH")
          + "', '孩子说被打了，名字叫小明', " + user + ", " + at + ", " + at + ", " + at + ", "
          + (callId == null ? "null" : "'" + callId + "'") + ") returning id");
      rs.next();
      long id = rs.getLong(1);
      s.execute("insert into ticket_children (ticket_id, position, name, age, address) values (" + id
          + ", 0, '小明', 9, '城东区某街')");
      s.execute("insert into ticket_events (ticket_id, seq, type, at, from_status, to_status, reason) values (" + id
          + ", 1, 'CREATED', " + at + ", null, 'NEW', null), (" + id + ", 2, 'NOTE_ADDED', " + at
          + ", 'NEW', 'NEW', '小明的妈妈说…')");
      return id;
    }
  }

  private static String row(String sql) throws Exception {
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }
}
