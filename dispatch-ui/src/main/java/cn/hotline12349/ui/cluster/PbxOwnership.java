package cn.hotline12349.ui.cluster;

import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.telephony.TelephonySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which telephony this node serves. Single node: the one {@link Telephony}, started at once. Clustered: every node
 * runs an idle standby (no AMI, no FastAGI: its call reads come from the database) and only the node holding the
 * {@link PbxLease} starts the real one; when the holder dies its lease expires and another node takes over, its
 * bridge restoring open calls from the database and reconciling them with the PBX (the bridge's own resync on
 * connect). A holder that cannot renew in time stops its bridge before the lease can pass to anyone else.
 */
public final class PbxOwnership {
  public enum Role { SINGLE, OWNER, STANDBY }

  private static final Logger log = LoggerFactory.getLogger(PbxOwnership.class);
  /**
   * A claim answered with less than this part of the TTL left is refused: a bridge started that close to the expiry
   * could still be running when the lease passes to another node.
   */
  static final int SAFETY_MARGIN_DIVISOR = 5;

  private final Vertx vertx;
  private final ClusterSettings settings;
  private final PbxLease lease;
  private final Function<TelephonySettings, Future<Telephony>> starter;
  private final TelephonySettings telephony;
  private final Telephony standby;
  /** Monotonic nanoseconds (System::nanoTime outside tests): bounds an answer's age, never the lease itself. */
  private final LongSupplier nanos;
  private final List<Consumer<Telephony>> listeners = new CopyOnWriteArrayList<>();
  private volatile Telephony active;
  private volatile String owner;
  private volatile long epoch;
  private volatile long validUntilNanos;
  private volatile long acquiredCount;
  private volatile long lateAnswers;
  private boolean busy;
  private boolean closed;
  private long timer = -1;

  private PbxOwnership(Vertx vertx, ClusterSettings settings, PbxLease lease, TelephonySettings telephony,
      Function<TelephonySettings, Future<Telephony>> starter, Telephony standby, Telephony active, LongSupplier nanos) {
    this.vertx = vertx;
    this.settings = settings;
    this.lease = lease;
    this.nanos = nanos;
    this.telephony = telephony;
    this.starter = starter;
    this.standby = standby;
    this.active = active;
    this.owner = active != null ? settings.nodeName() : null;
  }

  /**
   * Starts the telephony of this node. {@code starter} starts a {@link Telephony} with the given settings; the
   * lease is used when {@code vertx} is clustered.
   */
  public static Future<PbxOwnership> start(Vertx vertx, Pool pool, ClusterSettings s, TelephonySettings telephony,
      Function<TelephonySettings, Future<Telephony>> starter) {
    if (!vertx.isClustered()) {
      return starter.apply(telephony)
          .map(t -> new PbxOwnership(vertx, s, null, telephony, starter, null, t, System::nanoTime));
    }
    return leased(vertx, new PbxLease(pool), s, telephony, starter, System::nanoTime);
  }

  /** The clustered form with the lease and the monotonic clock given (tests delay answers or move the clock). */
  static Future<PbxOwnership> leased(Vertx vertx, PbxLease lease, ClusterSettings s, TelephonySettings telephony,
      Function<TelephonySettings, Future<Telephony>> starter, LongSupplier nanos) {
    return starter.apply(standbyOf(telephony)).map(idle -> {
      PbxOwnership o = new PbxOwnership(vertx, s, lease, telephony, starter, idle, null, nanos);
      o.tick();
      o.timer = vertx.setPeriodic(s.leaseRenew().toMillis(), id -> o.tick());
      return o;
    });
  }

  /**
   * The standby's telephony: no AMI, no FastAGI port; the node's own recording settings, so its retention job keeps
   * the configured period rather than a default.
   */
  static TelephonySettings standbyOf(TelephonySettings node) {
    return new TelephonySettings(Optional.empty(), Optional.empty(), node.agiBind(), node.recordings());
  }

  /** The telephony the routes use now: the real one while this node holds the PBX, else the standby. */
  public Telephony current() {
    Telephony a = active;
    return a != null ? a : standby;
  }

  /** Called with each real telephony this node starts (at once for one already running). */
  public void onActive(Consumer<Telephony> listener) {
    listeners.add(listener);
    Telephony a = active;
    if (a != null) listener.accept(a);
  }

  public Role role() {
    return lease == null ? Role.SINGLE : active != null ? Role.OWNER : Role.STANDBY;
  }

  public String node() { return settings.nodeName(); }

  /** The node holding the PBX as last seen from here, or null when none does. */
  public String owner() { return owner; }

  /** How many times this node took the PBX over. */
  public long acquisitions() { return acquiredCount; }

  /** How many lease answers this node refused as too late. */
  public long lateAnswers() { return lateAnswers; }

  /** For /health's pbx section: {role, node, owner, epoch}. */
  public JsonObject health() {
    return new JsonObject().put("role", role().name()).put("node", node()).put("owner", owner)
        .put("epoch", lease == null ? null : epoch);
  }

  /** /health's pbx section with the cluster's view: a standby says STANDBY rather than its idle bridge's state. */
  public JsonObject describe(JsonObject pbx) {
    if (role() == Role.STANDBY) pbx.put("status", "STANDBY").put("connection", null).put("lastError", null);
    return pbx.put("cluster", health());
  }

  private void tick() {
    if (closed) return;
    if (active != null && nanos.getAsLong() - validUntilNanos > 0) {
      log.warn("PBX lease not renewed in time: stopping the bridge on {}", node());
      demote();
    }
    if (busy) return;
    busy = true;
    long sent = nanos.getAsLong();
    lease.claim(node(), settings.leaseTtl())
        .compose(ep -> ep == null ? standBy() : hold(ep, sent))
        .onFailure(e -> log.warn("PBX lease check failed: {}", e.getMessage()))
        .onComplete(ar -> busy = false);
  }

  private Future<Void> standBy() {
    Future<Void> stopped = active != null ? demote() : Future.succeededFuture();
    return stopped.compose(v -> lease.current()).map(h -> {
      owner = h.live() ? h.owner() : null;
      epoch = h.epoch();
      return null;
    });
  }

  /**
   * The database granted the lease at some instant after {@code sentNanos}, so it lasts at least until
   * sentNanos + TTL on this node's monotonic clock. An answer arriving after that bound (less the safety margin) may
   * describe a lease already expired and taken by another node: it is treated as lost, the bridge stopped.
   */
  private Future<Void> hold(long ep, long sentNanos) {
    long ttl = settings.leaseTtl().toNanos();
    long answeredNanos = nanos.getAsLong();
    if (answeredNanos - (sentNanos + ttl - ttl / SAFETY_MARGIN_DIVISOR) >= 0) {
      lateAnswers++;
      log.warn("PBX lease answer came {} ms after the claim, too late to trust: {} does not hold the PBX",
          (answeredNanos - sentNanos) / 1_000_000, node());
      return active != null ? demote() : Future.succeededFuture();
    }
    validUntilNanos = sentNanos + ttl;
    owner = node();
    if (active != null && ep == epoch) return Future.succeededFuture();
    Future<Void> previous = active != null ? demote() : Future.succeededFuture();
    epoch = ep;
    return previous.compose(v -> starter.apply(telephony)).compose(t -> {
      if (closed) return t.stop();
      active = t;
      acquiredCount++;
      log.info("{} now holds the PBX (lease epoch {})", node(), ep);
      listeners.forEach(l -> l.accept(t));
      return Future.succeededFuture();
    }, e -> {
      log.error("could not start the PBX bridge on {}; giving the lease up: {}", node(), e.getMessage());
      return lease.release(node());
    });
  }

  private Future<Void> demote() {
    Telephony t = active;
    active = null;
    if (owner != null && owner.equals(node())) owner = null;
    return t == null ? Future.succeededFuture() : t.stop();
  }

  /** Stops the bridge, gives the lease up at once, stops the standby. */
  public Future<Void> close() {
    closed = true;
    if (timer >= 0) vertx.cancelTimer(timer);
    Future<Void> stopped = demote();
    if (lease == null) return stopped;
    return stopped.eventually(() -> lease.release(node())).eventually(standby::stop);
  }
}
