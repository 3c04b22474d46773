package cn.hotline12349.core.referral;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.followup.FollowUpHook;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.partner.Partner;
import cn.hotline12349.core.partner.PartnerDirectoryFile;
import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.partner.PartnerService;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaFirer;
import cn.hotline12349.core.sla.SlaMetrics;
import cn.hotline12349.core.sla.SlaTransitionHook;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fresh database with the seeded partner directory, users at each tier, referrals wired like the app, a hand-moved clock. */
final class LoopFixture {
  static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  static final SlaConfig SLA = SlaConfig.load(ConfigDir.resolve());
  static final LoopConfig LOOP = LoopConfig.load(ConfigDir.resolve());

  final TestDb db = TestDatabase.create();
  final MutableClock clock;
  final Pool pool;
  final TicketService tickets;
  final PartnerService partners;
  final ReferralService referrals;
  final SlaFirer firer;
  final Actor operator;
  final Actor handler;
  final Actor otherHandler;
  final Actor province;
  final Actor admin;

  LoopFixture(Vertx vertx, Instant start) throws SQLException {
    clock = new MutableClock(start);
    pool = db.pool(vertx);
    tickets = new TicketService(pool, vertx.eventBus(), ORGS, clock, LOOP.reply());
    tickets.addHook(new SlaTransitionHook(SLA));
    partners = new PartnerService(pool, ORGS, clock);
    partners.seed(PartnerDirectoryFile.load(ConfigDir.resolve(), ORGS)).await();
    referrals = new ReferralService(pool, vertx.eventBus(), ORGS, tickets, partners, new ExternalClocks(SLA), LOOP, clock);
    tickets.addHook(new MandatoryReportGate(referrals));
    tickets.addHook(new FollowUpHook(LOOP, new ExternalClocks(SLA)));
    firer = new SlaFirer(pool, vertx.eventBus(), ORGS, SLA, clock, SlaMetrics.NONE, 100);
    operator = db.insertUser("op1", Role.OPERATOR, "630100");
    handler = db.insertUser("county1", Role.COUNTY_HANDLER, "630102");
    otherHandler = db.insertUser("county2", Role.COUNTY_HANDLER, "632801");
    province = db.insertUser("prov1", Role.PROVINCE_SUPERVISOR, "630000");
    admin = db.insertUser("admin1", Role.ADMIN, "630000");
  }

  TicketRecord ticket(Category c, String sub, Severity s, String narrative, String dispatchTo) {
    return tickets.create(operator, new TicketDraft(null, null, List.of(), c, sub, s, narrative, null, null, null), dispatchTo)
        .await();
  }

  /** Dispatched, claimed, worked, result accepted: waiting for the reply to the caller. */
  TicketRecord reviewed(Severity s) {
    TicketRecord t = ticket(Category.LIFE_DIFFICULTY, "POVERTY", s, "家庭困难", "630102");
    tickets.act(handler, t.id(), new TicketCommand.Claim(), null).await();
    tickets.act(handler, t.id(), new TicketCommand.AddNote("家访", true), null).await();
    tickets.act(handler, t.id(), new TicketCommand.SubmitResult("已申请临时救助"), null).await();
    return tickets.act(operator, t.id(), new TicketCommand.Review(TicketCommand.ReviewDecision.ACCEPT, null), null).await();
  }

  Partner partner(Actor who, String org, PartnerKind kind) {
    return partners.list(who, null, kind.name(), false).await().stream().filter(p -> p.orgCode().equals(org))
        .findFirst().orElseThrow();
  }

  long count(String sql) throws SQLException {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
