package cn.hotline12349.ui;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.SupervisionService;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.user.UserService;
import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.ui.cluster.PbxOwnership;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/** The application services the HTTP layer talks to. */
public record Services(Pool pool, OrgTree orgs, TicketService tickets, UserService users, SlaBoard slaBoard,
                       SupervisionService supervision, PrometheusMeterRegistry registry, Clock clock,
                       PbxOwnership pbx, IntakeServices intake, LoopServices loop) {
  /** The telephony serving this node now (in a cluster it changes when this node takes the PBX over or loses it). */
  public Telephony telephony() { return pbx.current(); }
}
