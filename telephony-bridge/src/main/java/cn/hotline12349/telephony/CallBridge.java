package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.ami.AmiSink;
import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallTracker;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.domain.QueueMembers;
import cn.hotline12349.telephony.store.CallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the call state: AMI events arrive from Asterisk-Java's reader thread through
 * {@link AmiEventMapper} and are applied here, on this verticle's context only (one writer).
 * Each change is written behind in batches and published on {@code hotline.call.*} once stored; an answer
 * triggers the operator's screen-pop at once. Without AMI config the bridge runs idle ("no PBX").
 */
public final class CallBridge extends VerticleBase implements AmiSink {
  private static final Logger log = LoggerFactory.getLogger(CallBridge.class);

  private final Optional<AmiConfig> config;
  private final PbxMapping mapping;
  private final CallStore store;
  private final ScreenPop screenPop;
  private final Clock clock;
  private CallTracker tracker;
  private final QueueMembers members = new QueueMembers();
  private WriteBehind writeBehind;
  private AmiClient ami;
  private Callbacks callbacks;
  private QueueControl queueControl;
  private Transfers transfers;
  /** linkedid -> [caller channel, operator channel], for transfers; dropped when the call ends. */
  private final java.util.Map<String, String[]> channels = new java.util.HashMap<>();
  private Context ctx;
  private volatile String pbxStatus = "DISABLED";
  private volatile int resyncs;
  /** The PBX's CDR table (pbx_cdr); null: no import. See {@link #importingCdr}. */
  private PgCdrSource cdr;
  private long cdrTimer = -1;
  private volatile int cdrImported;
  private volatile int cdrRefused;
  private volatile int cdrClosed;
  /** How far a CDR's end may lie ahead of our clock (clock skew between PBX and node) before it is refused. */
  static final Duration CDR_SKEW = Duration.ofMinutes(5);
  /** How far back the CDR import looks, how often it runs while connected, how many calls per run at most. */
  static final Duration CDR_LOOKBACK = Duration.ofHours(24);
  static final long CDR_PERIOD_MS = 300_000;
  static final int CDR_BATCH = 500;
  /** CDR rows older than this are deleted after an import: past the look-back they serve nothing, and hold numbers. */
  static final Duration CDR_KEPT = Duration.ofDays(7);

  /** @param store null to keep calls in memory only (benchmarks, demos without a database) */
  public CallBridge(Optional<AmiConfig> config, PbxMapping mapping, CallStore store, ScreenPop screenPop, Clock clock) {
    this.config = config;
    this.mapping = mapping;
    this.store = store;
    this.screenPop = screenPop;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ctx = context;
    tracker = new CallTracker(clock, Duration.ofMinutes(30));
    writeBehind = store == null ? null : new WriteBehind(vertx, store, 100);
    vertx.setPeriodic(60_000, id -> tracker.evictTerminal());
    Future<Void> restored = store == null ? Future.succeededFuture() : store.openCalls().map(open -> {
      open.forEach(tracker::restore);
      return null;
    });
    return restored.map(v -> {
      if (config.isEmpty()) {
        log.warn("No PBX: HOTLINE_AMI_USER/HOTLINE_AMI_SECRET unset; the telephony bridge runs without Asterisk");
        return null;
      }
      pbxStatus = "CONNECTING";
      ami = new AmiClient(vertx, config.get(), new AmiEventMapper(this, clock));
      callbacks = new Callbacks(vertx, ami, mapping, store, clock);
      queueControl = new QueueControl(ami, mapping);
      transfers = new Transfers(ami, mapping);
      ami.start();
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    return ami == null ? Future.succeededFuture() : ami.stop();
  }

  // ---- AmiSink: called on the reader thread; only hands over to our context ----

  @Override
  public void call(CallSignal signal) {
    ctx.runOnContext(v -> apply(signal));
  }

  @Override
  public void agent(AgentSignal signal) {
    ctx.runOnContext(v -> members.apply(signal).ifPresent(s -> vertx.eventBus().publish(CallEvents.AGENT,
        new JsonObject().put("queue", s.queue()).put("interface", s.memberInterface())
            .put("username", mapping.usernameOf(s.memberInterface()).orElse(null)).put("present", s.present())
            .put("paused", s.paused()).put("reason", s.pausedReason()).put("deviceStatus", s.deviceStatus()))));
  }

  @Override
  public void connected() {
    ctx.runOnContext(v -> {
      setStatus("CONNECTED");
      Set<String> openBefore = tracker.openCalls().stream().map(Call::linkedid).collect(Collectors.toSet());
      openInStore(openBefore).onComplete(x -> resync(openBefore, 1));
    });
  }

  /**
   * Every call the database holds as live is judged by the resync, not only those this bridge knew at its start: the
   * old owner may have stored a call after that (its last write landing late), and a call it stored as live and never
   * closed (it died within the write-behind's window) must not stay live forever. Adds them to {@code openBefore}.
   */
  private Future<Void> openInStore(Set<String> openBefore) {
    if (store == null) return Future.succeededFuture();
    return store.openCalls().map(open -> {
      for (Call c : open) {
        if (tracker.get(c.linkedid()).isPresent()) continue; // ours: the tracker's state is newer
        tracker.restore(c);
        openBefore.add(c.linkedid());
      }
      return (Void) null;
    }).otherwise(e -> {
      log.warn("Could not read the stored live calls before the resync: {}", e.getMessage());
      return null;
    });
  }

  /**
   * A restarting Asterisk accepts the manager login before every module is loaded (a real Asterisk 20 answered
   * QueueStatus with "Invalid/unknown command" right after a restart): retry until it answers, while connected.
   */
  private void resync(Set<String> openBefore, int attempt) {
    Resync.run(ami, id -> tracker.get(id).isPresent()).onSuccess(snapshot -> {
      snapshot.members().forEach(members::apply);
      List<CallChange> changes = tracker.reconcile(snapshot.pbx(), openBefore);
      resyncs++;
      changes.forEach(this::emit);
      log.info("Resynchronized with the PBX: {} live channels, {} calls reconciled (attempt {})",
          snapshot.pbx().channels().size(), changes.size(), attempt);
      importCdr();
      if (cdr != null && cdrTimer < 0) {
        cdrTimer = vertx.setPeriodic(CDR_PERIOD_MS, id -> {
          if (ami != null && ami.connected()) importCdr();
        });
      }
    }).onFailure(e -> {
      if (ami.connected() && attempt < 30) {
        log.info("Resynchronization attempt {} failed ({}); retrying in 1 s", attempt, e.getMessage());
        vertx.setTimer(1_000, id -> resync(openBefore, attempt + 1));
      } else {
        log.warn("Resynchronization after connect failed: {}", e.getMessage());
      }
    });
  }

  @Override
  public void disconnected() {
    ctx.runOnContext(v -> setStatus("RECONNECTING"));
  }

  @Override
  public void originateResult(String actionId, boolean success, Integer reason, String uniqueId) {
    ctx.runOnContext(v -> {
      if (callbacks != null) callbacks.originateResult(actionId, success, reason);
    });
  }

  // ---- on our context ----

  /** Applies one signal; public so that tests and the benchmark can drive the tracker without a socket. */
  public void apply(CallSignal signal) {
    if (signal instanceof CallSignal.ChannelOpened o && o.linkedid() != null && o.linkedid().equals(o.uniqueid())) {
      channels.computeIfAbsent(o.linkedid(), k -> new String[2])[0] = o.channel();
    } else if (signal instanceof CallSignal.AgentAnswered a && a.agentChannel() != null) {
      channels.computeIfAbsent(a.linkedid(), k -> new String[2])[1] = a.agentChannel();
    }
    tracker.apply(signal).ifPresent(this::emit);
    tracker.get(signal.linkedid() == null ? "" : signal.linkedid())
        .filter(c -> c.state().terminal()).ifPresent(c -> channels.remove(c.linkedid()));
  }

  /**
   * Transfers an answered, live call from the console ({@link Transfers}); the transfer is recorded on the call
   * (TRANSFERRED, timeline "BLIND:8002 by op-xining") once the PBX accepted it.
   */
  public Future<String> transfer(String linkedid, Transfers.Kind kind, Transfers.Target target, String byUsername) {
    if (transfers == null) return Future.failedFuture(new IllegalStateException("no PBX configured"));
    return Future.<Future<String>>future(p -> ctx.runOnContext(v -> {
      try {
        Call call = tracker.get(linkedid).orElse(null);
        String[] ch = channels.get(linkedid);
        if (call == null || call.state().terminal() || call.answeredAt() == null || ch == null) {
          p.complete(Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_TRANSFERABLE,
              "only an answered, live call can be transferred")));
          return;
        }
        String exten = transfers.extension(target);
        p.complete(transfers.send(kind, exten, ch[0], ch[1]).map(x -> {
          ctx.runOnContext(w -> apply(new CallSignal.Transferred(linkedid, kind.name(), exten + " by " + byUsername,
              clock.instant())));
          return exten;
        }));
      } catch (CallRefused e) {
        p.complete(Future.failedFuture(e));
      }
    })).compose(f -> f);
  }

  /** Q.850 cause sent with a console hang-up: normal clearing, as when the operator puts the handset down. */
  static final int HANGUP_CAUSE = 16;

  /**
   * Hangs up a live call from the console: AMI Hangup on the caller's channel (Asterisk then ends the bridged
   * operator's leg too and reports Hangup events, which end the call as usual). The request is put on the call's
   * timeline (HANGUP_REQUESTED "by op-xining") once the PBX accepted it. Sent like {@link #transfer}: through this
   * node's AMI link; only the PBX owner's bridge has one.
   */
  public Future<Void> hangup(String linkedid, String byUsername) {
    if (ami == null) return Future.failedFuture(new IllegalStateException("no PBX configured"));
    return Future.<Future<Void>>future(p -> ctx.runOnContext(v -> {
      Call call = tracker.get(linkedid).orElse(null);
      String[] ch = channels.get(linkedid);
      if (call != null && call.state().terminal()) {
        p.complete(Future.failedFuture(new CallRefused(CallRefused.Reason.CALL_ENDED, "the call has already ended")));
      } else if (call == null || ch == null || ch[0] == null) {
        p.complete(Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_TRANSFERABLE,
            "the caller's channel of this call is not known to the bridge")));
      } else {
        p.complete(ami.send(new org.asteriskjava.manager.action.HangupAction(ch[0], HANGUP_CAUSE)).map(x -> {
          ctx.runOnContext(w -> apply(new CallSignal.HangupRequested(linkedid, byUsername, clock.instant())));
          return null;
        }));
      }
    })).compose(f -> f);
  }

  /**
   * Calls from the PBX's CDR: the import is for calls that began and ended while no bridge listened (between an
   * owner's death and the take-over, or a link break). Runs after every resynchronization (so at each take-over) and
   * every {@link #CDR_PERIOD_MS} while connected; only the owner's bridge connects, so a standby never imports.
   */
  public CallBridge importingCdr(PgCdrSource source) {
    this.cdr = source;
    return this;
  }

  /**
   * Imports the CDR's calls that neither the database nor this bridge has (idempotent: a Linkedid stored or known is
   * skipped, and the store's merge absorbs a repeat). Completes with the number of calls imported; on our context.
   */
  public Future<Integer> importCdr() {
    if (cdr == null || writeBehind == null) return Future.succeededFuture(0);
    return Future.<Future<Integer>>future(p -> ctx.runOnContext(v -> p.complete(
        cdr.unknownCalls(clock.instant().minus(CDR_LOOKBACK), CDR_BATCH).map(byCall -> {
          int n = 0;
          for (var e : byCall.entrySet()) {
            if (tracker.get(e.getKey()).isPresent()) continue; // seen live (maybe not yet written): that record wins
            if (inTheFuture(e.getValue())) continue;
            Optional<CallChange> c = cn.hotline12349.telephony.domain.CdrCalls.call(e.getKey(), e.getValue());
            if (c.isEmpty()) continue;
            tracker.restore(c.get().after());
            emit(c.get(), false);
            settleCallback(c.get().after());
            n++;
          }
          cdrImported += n;
          if (n > 0) log.info("Imported {} calls from the PBX's CDR that no node saw live", n);
          return n;
        }).compose(n -> closeFromCdr().map(n))
          .compose(n -> cdr.prune(clock.instant().minus(CDR_KEPT)).map(n)).otherwise(e -> {
          log.warn("CDR import or prune failed: {}", e.getMessage());
          return 0;
        })))).compose(f -> f);
  }

  /**
   * Calls a reconciliation closed as {@link Call#CAUSE_PBX_DISCONNECT} (the PBX no longer had them, their end was lost:
   * the owner died within the write-behind's window, or the link was down) get their real end from the CDR: time,
   * disposition, and what else the CDR knows (answer, operator, queue). Those not in the CDR yet stay so (ended, time
   * unknown: {@code endedAt} null, {@code endedDuringDisconnect} true) and are looked up again at every run for
   * {@link #CDR_LOOKBACK}; nothing is invented. Completes with the number of calls closed; on our context.
   */
  private Future<Integer> closeFromCdr() {
    return store.endedAtUnknown(clock.instant().minus(CDR_LOOKBACK), CDR_BATCH).compose(stored -> {
      stored.forEach(tracker::restore); // closed by another node, or before this bridge's start
      List<String> ids = tracker.calls().stream().filter(c -> c.endedDuringDisconnect() && c.endedAt() == null)
          .map(Call::linkedid).toList();
      return cdr.rowsOf(ids);
    }).map(byCall -> {
      int n = 0;
      for (var e : byCall.entrySet()) {
        if (inTheFuture(e.getValue())) continue;
        Optional<CallChange> closed = cn.hotline12349.telephony.domain.CdrCalls.call(e.getKey(), e.getValue())
            .flatMap(fromCdr -> tracker.endFromCdr(fromCdr.after()));
        if (closed.isEmpty()) continue;
        emit(closed.get(), false);
        settleCallback(closed.get().after());
        n++;
      }
      cdrClosed += n;
      if (n > 0) log.info("Closed {} calls with their end from the PBX's CDR (their end was lost with the link)", n);
      return n;
    });
  }

  /** A reply call known only afterwards (CDR): its attempt is settled from the called party's result, as live. */
  private void settleCallback(Call call) {
    if (callbacks != null && call.callbackId() != null && call.callbackResult() != null) {
      callbacks.calledPartyResult(call.callbackId(), call.callbackResult());
    }
  }

  /** Calls whose lost end was taken from the CDR so far ({@link #closeFromCdr}). */
  public int cdrClosed() {
    return cdrClosed;
  }

  /**
   * A call whose CDR ends later than now (beyond clock skew) was written in the PBX's local time, not UTC: cdr_pgsql
   * formats times in its {@code timezone} setting (else the PBX's zone) without an offset, and a PBX in China is 8 h
   * ahead of UTC. Importing it would store times hours off, so it is left out, loudly (a real Asterisk 20 with
   * {@code timezone = Asia/Shanghai} gave exactly this: RealPbxCdrTest).
   */
  private boolean inTheFuture(List<cn.hotline12349.telephony.domain.CdrCalls.Row> rows) {
    java.time.Instant latest = clock.instant().plus(CDR_SKEW);
    boolean future = rows.stream().anyMatch(r -> r.end() != null && r.end().isAfter(latest));
    if (future) {
      cdrRefused++;
      log.warn("CDR rows of call {} end after now: cdr_pgsql.conf must say timezone = UTC; call not imported",
          rows.get(0).linkedid());
    }
    return future;
  }

  /** Calls left out of an import because their CDR times are ahead of the clock (see {@link #inTheFuture}). */
  public int cdrRefused() {
    return cdrRefused;
  }

  /** Calls imported from the PBX's CDR so far. */
  public int cdrImported() {
    return cdrImported;
  }

  private void emit(CallChange change) {
    emit(change, true);
  }

  /**
   * Call news is delivered on this node only: other nodes' browsers get it through the push relay (dispatch-ui's
   * EventStream, many news to a message), and no consumer elsewhere listens to it. Sent to the cluster, each news cost
   * a look-up of the address's consumers in the cluster and a message of its own (docs/BENCHMARKS.md).
   */
  private static final DeliveryOptions NEWS = new DeliveryOptions().setLocalOnly(true);

  /** @param live false for a call rebuilt after the fact (CDR import): stored and told, but no screen-pop */
  private void emit(CallChange change, boolean live) {
    Call call = change.after();
    String username = mapping.usernameOf(call.operatorInterface()).orElse(null);
    boolean stateChanged = change.stateChanged();
    // The body is built when the news runs, not here: the write-behind runs only a call's latest news of a batch
    // (about one change in ten in a burst), and Call is immutable, so the body is the same either way.
    Runnable news = () -> {
      JsonObject json = CallJson.toJson(call, username);
      vertx.eventBus().publish(CallEvents.CHANGED, json, NEWS);
      if (stateChanged) vertx.eventBus().publish(CallEvents.state(call.state()), json, NEWS);
    };
    // A client re-reads the call list on this news, so it follows the commit of the row; the screen-pop (below) does
    // not wait for the write: it carries the call itself.
    if (writeBehind != null) writeBehind.add(change, news);
    else news.run();
    boolean newlyAnswered = call.answeredAt() != null && (change.before() == null || change.before().answeredAt() == null);
    if (live && newlyAnswered && username != null && screenPop != null) screenPop.pop(call, username);
    else if (screenPop != null && live && call.queuedAt() != null && call.answeredAt() == null
        && !call.state().terminal() && (change.before() == null || change.before().queuedAt() == null)) {
      screenPop.prefetch(call); // waiting in a queue: the pop at the answer will find the history ready
    }
    if (screenPop != null && call.state().terminal()) screenPop.forget(call.linkedid());
    boolean calledPartyDone = live && call.callbackId() != null && call.callbackResult() != null
        && (change.before() == null || change.before().callbackResult() == null);
    if (calledPartyDone && callbacks != null) callbacks.calledPartyResult(call.callbackId(), call.callbackResult());
  }

  private void setStatus(String s) {
    pbxStatus = s;
    vertx.eventBus().publish(CallEvents.PBX_STATUS, status());
  }

  /** For /health: {enabled, status, lastError}. Safe from any thread. */
  public JsonObject status() {
    return new JsonObject().put("enabled", config.isPresent())
        .put("status", ami == null ? pbxStatus : ami.status())
        .put("lastError", ami == null ? null : ami.lastError())
        .put("detail", config.isEmpty() ? "no PBX configured (HOTLINE_AMI_USER/HOTLINE_AMI_SECRET unset)" : config.get().toString());
  }

  public Optional<AmiClient> ami() {
    return Optional.ofNullable(ami);
  }

  public Optional<Callbacks> callbacks() {
    return Optional.ofNullable(callbacks);
  }

  public Optional<QueueControl> queueControl() {
    return Optional.ofNullable(queueControl);
  }

  /** Snapshot of the in-memory calls; runs on the bridge's context. */
  public Future<List<Call>> liveCalls() {
    return Future.future(p -> ctx.runOnContext(v -> p.complete(List.copyOf(tracker.calls()))));
  }

  public Future<List<QueueMembers.Member>> queueMembers() {
    return Future.future(p -> ctx.runOnContext(v -> p.complete(members.members())));
  }

  /** The wrap-up time after a call (queues.conf wrapuptime); the agent shows WRAP_UP during it. */
  static final Duration WRAP_UP = Duration.ofSeconds(10);

  /** The operator's current state (logged out, available, paused with reason, ringing, on a call, wrap-up). */
  public Future<cn.hotline12349.telephony.domain.QueuePanel.Agent> agentState(String username) {
    String iface = mapping.phoneOf(username).orElse(null);
    return Future.future(p -> ctx.runOnContext(v -> p.complete(iface == null ? null
        : cn.hotline12349.telephony.domain.QueuePanel.agent(iface, username, members.ofInterface(iface), tracker.calls(),
            clock.instant(), WRAP_UP))));
  }

  /**
   * The screen-pop body ({@link ScreenPop}) of the call answered by {@code username} (on any interface mapped to them,
   * as the pushed pop goes), else the one ringing on their interfaces, or null: the operator console reads it when it
   * opens, so a reload mid-call shows the call again. A transferred call is no longer theirs.
   */
  public Future<JsonObject> currentCall(String username) {
    return Future.<Optional<Call>>future(p -> ctx.runOnContext(v -> p.complete(currentOf(username))))
        .compose(c -> c.isEmpty() || screenPop == null ? Future.succeededFuture(null)
            : screenPop.current(c.get(), username));
  }

  private Optional<Call> currentOf(String username) {
    java.util.function.Predicate<String> theirs = i -> username.equals(mapping.usernameOf(i).orElse(null));
    Optional<Call> talking = tracker.calls().stream()
        .filter(c -> c.state() == cn.hotline12349.telephony.domain.CallState.ANSWERED && theirs.test(c.operatorInterface()))
        .max(java.util.Comparator.comparing(Call::answeredAt));
    if (talking.isPresent()) return talking;
    return tracker.calls().stream()
        .filter(c -> c.state() == cn.hotline12349.telephony.domain.CallState.OFFERED && theirs.test(c.offeredTo()))
        .max(java.util.Comparator.comparing(Call::offeredAt));
  }

  /** The supervisor's live panel for these queues: waiting callers, longest wait, operators by state. */
  public Future<List<cn.hotline12349.telephony.domain.QueuePanel.QueueView>> queuePanel(List<String> queues) {
    return Future.future(p -> ctx.runOnContext(v -> p.complete(cn.hotline12349.telephony.domain.QueuePanel.panel(
        queues, members, tracker.calls(), clock.instant(), WRAP_UP, i -> mapping.usernameOf(i).orElse(null)))));
  }

  /** Number of completed resynchronizations (one per login). */
  public int resyncs() {
    return resyncs;
  }

  /** Places a reply call from the operator's phone; see {@link Callbacks#place}. */
  public Future<String> placeCallback(String operatorUsername, String number, String linkedid, Long ticketId) {
    return placeCallback(operatorUsername, number, linkedid, ticketId, null);
  }

  /** @param orgCode the org unit placing the callback: its call record is routed (scoped) to it */
  public Future<String> placeCallback(String operatorUsername, String number, String linkedid, Long ticketId,
      String orgCode) {
    if (callbacks == null) return Future.failedFuture(new IllegalStateException("no PBX configured"));
    return Future.<Future<String>>future(p -> ctx.runOnContext(v -> p.complete(
        callbacks.place(operatorUsername, number, linkedid, ticketId, orgCode)))).compose(f -> f);
  }

  /** Database write transactions so far (each holds many call changes). */
  public Future<Long> writeBatches() {
    return Future.future(p -> ctx.runOnContext(v -> p.complete(writeBehind == null ? 0L : writeBehind.batches())));
  }

  /** True when no write is pending (tests wait on it instead of sleeping). */
  public Future<Boolean> persisted() {
    return Future.future(p -> ctx.runOnContext(v -> p.complete(writeBehind == null || writeBehind.idle())));
  }
}
