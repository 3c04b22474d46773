package cn.hotline12349.ui.ops;

import cn.hotline12349.core.ticket.TicketCounts;
import cn.hotline12349.telephony.domain.QueueMembers;
import cn.hotline12349.telephony.store.CallCounts;
import cn.hotline12349.ui.cluster.PbxOwnership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State gauges refreshed every {@code period} by a few aggregate queries (the reactive client: never blocking the
 * event loop), the same on every node (graph them with max): calls waiting and the longest wait, today's calls
 * answered within 15 s and in all, open tickets by category and severity, connections of this node's pool; and the
 * operators by queue state, which only the node holding the PBX knows (0 elsewhere).
 */
public final class OpsGauges {
  public static final String WAITING = "hotline.calls.waiting";
  public static final String LONGEST_WAIT = "hotline.calls.waiting.longest";
  public static final String TODAY = "hotline.calls.today";
  public static final String OPEN_TICKETS = "hotline.tickets.open";
  public static final String OPERATORS = "hotline.operators";
  public static final String POOL = "hotline.db.pool.connections";
  private static final Logger log = LoggerFactory.getLogger(OpsGauges.class);
  private static final List<String> OPERATOR_STATES = List.of("AVAILABLE", "BUSY", "PAUSED", "UNAVAILABLE", "UNKNOWN");

  private final AtomicReference<double[]> calls = new AtomicReference<>(new double[4]);
  private final Map<String, Double> operators = new ConcurrentHashMap<>();
  /** "category/severity" to its count; a gauge is registered the first time a pair is seen (at most 5 × 4). */
  private final Map<String, AtomicLong> tickets = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final CallCounts callCounts;
  private final TicketCounts ticketCounts;
  private final PbxOwnership pbx;

  private OpsGauges(MeterRegistry r, Pool pool, int poolMax, PbxOwnership pbx) {
    this.callCounts = new CallCounts(pool);
    this.ticketCounts = new TicketCounts(pool);
    this.pbx = pbx;
    this.registry = r;
    Gauge.builder(WAITING, calls, c -> c.get()[0]).description("calls in a queue now").register(r);
    Gauge.builder(LONGEST_WAIT, calls, c -> c.get()[1]).baseUnit("seconds")
        .description("how long the longest-waiting call has waited").register(r);
    Gauge.builder(TODAY, calls, c -> c.get()[2]).tag("outcome", "answered").register(r);
    Gauge.builder(TODAY, calls, c -> c.get()[3]).tag("outcome", "answered_within15s").register(r);
    for (String s : OPERATOR_STATES) {
      operators.put(s, 0.0);
      Gauge.builder(OPERATORS, operators, m -> m.getOrDefault(s, 0.0)).tag("state", s)
          .description("queue members by state (on the PBX owner)").register(r);
    }
    Gauge.builder(POOL, pool, Pool::size).tag("state", "open").register(r);
    Gauge.builder(POOL, () -> poolMax).tag("state", "max").register(r);
  }

  public static OpsGauges start(Vertx vertx, MeterRegistry registry, Pool pool, int poolMax, PbxOwnership pbx,
      Duration period) {
    OpsGauges g = new OpsGauges(registry, pool, poolMax, pbx);
    g.refresh();
    vertx.setPeriodic(period.toMillis(), id -> g.refresh());
    return g;
  }

  /** Completes when every gauge holds the database's answer of now (tests wait on it). */
  public Future<Void> refresh() {
    return Future.join(callsNow(), ticketsNow(), operatorsNow()).<Void>mapEmpty()
        .onFailure(e -> log.debug("ops gauges not refreshed: {}", e.getMessage()));
  }

  private Future<Void> callsNow() {
    return callCounts.now().map(n -> {
      calls.set(new double[] {n.waiting(), n.longestWaitSeconds(), n.answeredToday(), n.answeredWithin15sToday()});
      return null;
    });
  }

  private Future<Void> ticketsNow() {
    return ticketCounts.openByCategoryAndSeverity().map(counts -> {
      Map<String, Long> now = new java.util.HashMap<>();
      for (TicketCounts.Count c : counts) now.put(c.category() + "/" + c.severity(), c.tickets());
      now.keySet().forEach(this::ticketGauge);
      tickets.forEach((k, v) -> v.set(now.getOrDefault(k, 0L)));
      return null;
    });
  }

  private void ticketGauge(String key) {
    tickets.computeIfAbsent(key, k -> {
      AtomicLong n = new AtomicLong();
      String[] cs = k.split("/", 2);
      Gauge.builder(OPEN_TICKETS, n, AtomicLong::get).tags("category", cs[0], "severity", cs[1])
          .description("tickets not closed, by category and severity").register(registry);
      return n;
    });
  }

  private Future<Void> operatorsNow() {
    if (pbx.role() == PbxOwnership.Role.STANDBY) {
      operators.replaceAll((k, v) -> 0.0);
      return Future.succeededFuture();
    }
    return pbx.current().calls().agents().map(members -> {
      Map<String, Double> counts = new java.util.HashMap<>();
      for (QueueMembers.Member m : members) counts.merge(m.availability(), 1.0, Double::sum);
      operators.replaceAll((k, v) -> counts.getOrDefault(k, 0.0));
      return null;
    });
  }
}
