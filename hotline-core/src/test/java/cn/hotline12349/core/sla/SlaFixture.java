package cn.hotline12349.core.sla;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** A fresh database with users at each tier, the ticket service with the SLA hook, and a hand-moved clock. */
final class SlaFixture {
  static final String PREFECTURE = "630100";
  static final String COUNTY = "630102";
  static final String OTHER_COUNTY = "630103";
  static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  static final SlaConfig CONFIG = SlaConfig.load(ConfigDir.resolve());

  final TestDb db = TestDatabase.create();
  final MutableClock clock;
  final Pool pool;
  final TicketService tickets;
  final Actor operator;
  final Actor handler;
  final Actor otherHandler;
  final Actor province;

  SlaFixture(Vertx vertx, Instant start) throws SQLException {
    clock = new MutableClock(start);
    pool = db.pool(vertx);
    tickets = new TicketService(pool, vertx.eventBus(), ORGS, clock);
    tickets.addHook(new SlaTransitionHook(CONFIG));
    operator = user("op1", Role.OPERATOR, PREFECTURE);
    handler = user("county1", Role.COUNTY_HANDLER, COUNTY);
    otherHandler = user("county2", Role.COUNTY_HANDLER, OTHER_COUNTY);
    province = user("prov1", Role.PROVINCE_SUPERVISOR, "630000");
  }

  SlaFirer firer(Vertx vertx, Pool pool, SlaMetrics metrics) {
    return new SlaFirer(pool, vertx.eventBus(), ORGS, CONFIG, clock, metrics, 100);
  }

  private Actor user(String name, Role role, String org) throws SQLException { return db.insertUser(name, role, org); }

  Future<TicketRecord> dispatched(Severity severity) {
    TicketDraft d = new TicketDraft(null, null, List.of(), Category.VIOLATION, null, severity, "test narrative",
        null, null, null);
    return tickets.create(operator, d, COUNTY);
  }

  Future<TicketRecord> act(Actor a, long id, TicketCommand c) { return tickets.act(a, id, c, null); }

  long count(String sql) throws SQLException {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
