package cn.hotline12349.telephony.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.EventsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.internal.PrefilteredManagerConnection;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Asterisk-Java connection. Asterisk-Java reconnects by itself once logged in; until the first
 * login succeeds we retry on a timer. Every call into Asterisk-Java blocks, so all of them run in
 * executeBlocking, never on the event loop.
 */
public final class AmiClient {
  private static final Logger log = LoggerFactory.getLogger(AmiClient.class);
  private static final long RETRY_MS = 5_000;
  /** System property; {@code false} builds every event (the benchmark's before/after comparison, scripts/bench/absorption). */
  public static final String PREFILTER = "hotline.ami.prefilter";
  /**
   * System property; {@code false}: the bridge does not ask the PBX to filter its events ({@code Filter} actions after
   * each login), so the PBX sends everything its manager.conf lets through (the benchmark's before/after comparison).
   */
  public static final String PBX_FILTER = "hotline.ami.pbxFilter";

  private final Vertx vertx;
  private final AmiConfig config;
  private final ManagerConnection connection;
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean stopped;
  private final AtomicReference<String> pbxFilter = new AtomicReference<>("NOT_SENT");
  private final boolean pbxFilterOn;

  /** The reader builds only the events {@link AmiEventMapper#wants} (and answers to our actions): see the connection. */
  public AmiClient(Vertx vertx, AmiConfig config, ManagerEventListener listener) {
    this.vertx = vertx;
    this.config = config;
    this.connection = new PrefilteredManagerConnection(config.host(), config.port(), config.user(), config.secret(),
        Boolean.parseBoolean(System.getProperty(PREFILTER, "true")) ? AmiEventMapper::wants : all -> true);
    this.pbxFilterOn = Boolean.parseBoolean(System.getProperty(PBX_FILTER, "true"));
    if (!pbxFilterOn) {
      connection.addEventListener(listener);
      return;
    }
    // Logged in with events off: the filter is put in place, then events are turned on, and only then is the bridge
    // told it is connected (it resynchronizes from CoreShowChannels/QueueStatus, which covers whatever happened before).
    connection.addEventListener(e -> {
      if (e instanceof ConnectEvent) prepareSession().onComplete(x -> listener.onManagerEvent(e));
      else listener.onManagerEvent(e);
    });
  }

  /**
   * Asks the PBX to send this session only the events the bridge reads ({@link AmiEventMapper#pbxFilters}), then turns
   * the session's events on; after every (re)login, since Asterisk keeps a session's filters for that session only.
   * Asterisk applies include filters as soon as the first is added, so events stay off until all are in place (else the
   * types not yet included would be dropped meanwhile). Asterisk requires {@code write = system} for the Filter action;
   * without it ("Permission denied") the PBX's filter can come from manager.conf instead (the same filters as
   * {@code eventfilter} lines, scripts/asterisk/manager.conf). Either way the reader's prefilter still drops what the
   * bridge does not read, so the filter only saves work.
   */
  private Future<Void> prepareSession() {
    return vertx.executeBlocking(() -> {
      String status = "SESSION";
      for (AmiEventMapper.PbxFilter f : AmiEventMapper.pbxFilters()) {
        ManagerResponse r = connection.sendAction(new PbxFilterAction(f), 10_000);
        if (r instanceof ManagerError err) {
          status = "REFUSED: " + err.getMessage();
          break;
        }
      }
      String before = pbxFilter.getAndSet(status);
      if (status.equals("SESSION")) {
        log.info("AMI: the PBX sends this session only the {} event types the bridge reads", AmiEventMapper.pbxFilters().size());
      } else if (!status.equals(before)) {
        log.warn("AMI: the PBX did not take the session event filter ({}); it sends what manager.conf lets through "
            + "(see eventfilter in scripts/asterisk/manager.conf)", status);
      }
      ManagerResponse on = connection.sendAction(new EventsAction("on"), 10_000);
      if (on instanceof ManagerError err) throw new AmiActionException("Events", err.getMessage());
      return (Void) null;
    }, false).onFailure(e -> {
      lastError.set("events not turned on: " + e.getMessage());
      log.warn("AMI: could not turn the session's events on ({}); waiting for the next reconnect", e.getMessage());
    });
  }

  /** SESSION when the PBX took the bridge's event filter at the last login, else why not (NOT_SENT, REFUSED: ...). */
  public String pbxFilter() {
    return pbxFilter.get();
  }

  /** AMI events the PBX sent since start (all of them, whether the bridge read them or not). */
  public long eventsReceived() {
    return ((PrefilteredManagerConnection) connection).eventsReceived();
  }

  /** False when Asterisk-Java's reader could not be given the filter (then every event is built: slower). */
  public boolean filtering() {
    return ((PrefilteredManagerConnection) connection).filtering();
  }

  /** Starts logging in in the background; completes at once so start-up never waits for the PBX. */
  public void start() {
    loginLater(0);
  }

  private void loginLater(long delay) {
    if (stopped) return;
    Runnable attempt = () -> vertx.executeBlocking(() -> {
      connection.login(pbxFilterOn ? "off" : "on");
      return null;
    }, false).onSuccess(v -> {
      lastError.set(null);
      log.info("AMI logged in to {}", config);
    }).onFailure(e -> {
      lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
      log.warn("AMI login to {} failed ({}); retrying in {} ms", config, e.getMessage(), RETRY_MS);
      loginLater(RETRY_MS);
    });
    if (delay == 0) attempt.run();
    else vertx.setTimer(delay, id -> attempt.run());
  }

  public String status() {
    ManagerConnectionState s = connection.getState();
    return s == null ? "UNKNOWN" : s.name();
  }

  public String lastError() {
    return lastError.get();
  }

  public boolean connected() {
    return connection.getState() == ManagerConnectionState.CONNECTED;
  }

  /** Sends an action; fails with the PBX's message when it answers Error. */
  public Future<ManagerResponse> send(ManagerAction action) {
    return vertx.executeBlocking(() -> {
      ManagerResponse r = connection.sendAction(action, 10_000);
      if (r instanceof ManagerError err) throw new AmiActionException(action.getAction(), err.getMessage());
      return r;
    }, false);
  }

  /** Sends a list action (CoreShowChannels, QueueStatus...) and returns its items without the Complete event. */
  public Future<List<ResponseEvent>> list(EventGeneratingAction action) {
    return vertx.executeBlocking(() -> {
      ResponseEvents r = connection.sendEventGeneratingAction(action, 15_000);
      if (r.getResponse() instanceof ManagerError err) throw new AmiActionException(action.getAction(), err.getMessage());
      return r.getEvents().stream()
          .filter(e -> !e.getClass().getSimpleName().endsWith("CompleteEvent")).toList();
    }, false);
  }

  public Future<Void> stop() {
    stopped = true;
    return vertx.executeBlocking(() -> {
      ManagerConnectionState s = connection.getState();
      if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) connection.logoff();
      return null;
    }, false);
  }

  /** The PBX answered an action with Response: Error. */
  public static final class AmiActionException extends RuntimeException {
    public AmiActionException(String action, String message) {
      super(action + ": " + message);
    }
  }
}
