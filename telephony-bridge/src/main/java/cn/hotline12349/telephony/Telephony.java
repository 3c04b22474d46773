package cn.hotline12349.telephony;

import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.IntakeRouting;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import cn.hotline12349.telephony.store.PgCallerHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call for the launcher: loads config/pbx-mapping.yaml, deploys the {@link CallBridge} (AMI, or
 * "no PBX" when HOTLINE_AMI_USER/SECRET are unset), starts the FastAGI intake server
 * (HOTLINE_AGI_PORT, default 4573; "off" disables it) and exposes {@link CallService}.
 */
public final class Telephony {
  private static final Logger log = LoggerFactory.getLogger(Telephony.class);

  private final Vertx vertx;
  private final CallBridge bridge;
  private final CallService calls;
  private final IntakeAgiServer agi;
  private final PbxMapping mapping;
  private Recordings recordings;
  private String agiDeployment;

  private Telephony(Vertx vertx, CallBridge bridge, CallService calls, IntakeAgiServer agi, PbxMapping mapping) {
    this.vertx = vertx;
    this.mapping = mapping;
    this.bridge = bridge;
    this.calls = calls;
    this.agi = agi;
  }

  /** As {@link #start(Vertx, Pool, TelephonySettings, Path, Clock)} with settings parsed from {@code env}. */
  public static Future<Telephony> start(Vertx vertx, Pool pool, Map<String, String> env, Path configDir, Clock clock) {
    return start(vertx, pool, TelephonySettings.fromEnv(env), configDir, clock);
  }

  public static Future<Telephony> start(Vertx vertx, Pool pool, TelephonySettings settings, Path configDir,
      Clock clock) {
    return start(vertx, pool, pool, settings, configDir, clock);
  }

  /**
   * Connections the bridge's write-behind uses at most (its batches in flight). Give it a pool of this size of its
   * own ({@code writes}): a burst of calls then neither waits behind the screen-pops' history look-ups in the shared
   * pool's queue nor fills that queue for the rest of the application (SLA firer, board compaction, HTTP).
   */
  public static final int WRITE_CONNECTIONS = WriteBehind.MAX_IN_FLIGHT;

  /** @param writes the call store's pool (its own, {@link #WRITE_CONNECTIONS} connections; or the shared one) */
  public static Future<Telephony> start(Vertx vertx, Pool pool, Pool writes, TelephonySettings settings,
      Path configDir, Clock clock) {
    return vertx.executeBlocking(() -> PbxMappingLoader.load(configDir)).compose(mapping -> {
      Optional<AmiConfig> ami = settings.ami();
      CallBridge bridge = new CallBridge(ami, mapping, new PgCallStore(writes, mapping),
          new ScreenPop(vertx, new PgCallerHistory(pool)), clock).importingCdr(new PgCdrSource(pool));
      IntakeAgiServer agi = agiServer(settings, mapping, clock);
      Recordings recordings = settings.recordings();
      return vertx.deployVerticle(bridge)
          .compose(id -> agi == null ? Future.<String>succeededFuture() : vertx.deployVerticle(new AgiListener(agi)))
          .map(agiDeployment -> {
            Telephony t = new Telephony(vertx, bridge, new CallService(pool, bridge), agi, mapping);
            t.agiDeployment = agiDeployment;
            t.recordings = recordings;
            recordings.schedule(vertx, pool, clock);
            return t;
          });
    });
  }

  /**
   * The FastAGI server as a verticle, so that closing Vert.x (not only {@link #stop()}) closes the listener and
   * frees the port; Asterisk-Java's accept thread is no Vert.x resource and would otherwise outlive it.
   */
  private static final class AgiListener extends VerticleBase {
    private final IntakeAgiServer agi;

    AgiListener(IntakeAgiServer agi) { this.agi = agi; }

    @Override
    public Future<?> start() {
      agi.start();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      agi.close();
      return Future.succeededFuture();
    }
  }

  private static IntakeAgiServer agiServer(TelephonySettings settings, PbxMapping mapping, Clock clock) {
    if (settings.agiPort().isEmpty()) {
      log.info("FastAGI intake server disabled (HOTLINE_AGI_PORT=off)");
      return null;
    }
    return new IntakeAgiServer(settings.agiPort().get(), new IntakeRouting(mapping, clock))
        .bindTo(settings.agiBind());
  }

  public CallService calls() {
    return calls;
  }

  /** config/pbx-mapping.yaml as loaded: queues per org unit, member interface to username. */
  public PbxMapping mapping() {
    return mapping;
  }

  /** MixMonitor recordings on disk (HOTLINE_RECORDINGS_DIR) and their retention. */
  public Recordings recordings() {
    return recordings;
  }

  public CallBridge bridge() {
    return bridge;
  }

  /**
   * For /health: {pbx: {enabled, status, lastError, detail}, agiPort, agi: {status, port, error}}. {@code agiPort} is
   * only given while the server really listens; {@code agi.status} is DISABLED, STARTING, LISTENING, FAILED or STOPPED.
   */
  public JsonObject health() {
    JsonObject a = agi == null ? new JsonObject().put("status", "DISABLED")
        : new JsonObject().put("status", agi.state().name()).put("port", agi.port()).put("error", agi.error());
    return new JsonObject().put("pbx", bridge.status())
        .put("agiPort", agi != null && agi.state() == IntakeAgiServer.State.LISTENING ? agi.port() : null)
        .put("agi", a);
  }

  /** The FastAGI intake server when one is configured (a test crashing a node closes it as a dying process would). */
  public java.util.Optional<IntakeAgiServer> agi() { return java.util.Optional.ofNullable(agi); }

  public Future<Void> stop() {
    if (agi != null) agi.close(); // at once, whatever the undeploy does
    Future<Void> agiGone = agiDeployment == null ? Future.succeededFuture()
        : vertx.undeploy(agiDeployment).recover(e -> Future.succeededFuture());
    return agiGone.compose(v -> vertx.undeploy(bridge.deploymentID()));
  }
}
