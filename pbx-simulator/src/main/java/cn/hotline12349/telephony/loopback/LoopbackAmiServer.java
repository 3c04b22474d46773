package cn.hotline12349.telephony.loopback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test double for Asterisk's manager interface speaking the real wire protocol (banner, plain and
 * MD5-challenge Login, ActionID-correlated responses, EventList responses, CRLF framing). Events are
 * pushed with {@link #emit}; the server keeps a {@link PbxModel} so reconnecting clients get a true
 * CoreShowChannels/QueueStatus. Every action received is recorded for assertions.
 */
public final class LoopbackAmiServer implements AutoCloseable {
  public static final String BANNER = "Asterisk Call Manager/9.0.0";
  private static final Logger log = LoggerFactory.getLogger(LoopbackAmiServer.class);

  private final String username;
  private final String secret;
  private final ServerSocket server;
  private final PbxModel model = new PbxModel();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final List<AmiMessage> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger uniqueSeq = new AtomicInteger(9000);
  private volatile String originateOutcome = "Success";
  private volatile String calledPartyResult = "ANSWER:12";
  private final Thread acceptor;
  private volatile long getvarDelayMillis;
  private final AtomicInteger getvarsInFlight = new AtomicInteger();
  private final AtomicInteger getvarsInFlightMax = new AtomicInteger();
  private final java.util.concurrent.ScheduledExecutorService delayed =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loopback-ami-delayed");
        t.setDaemon(true);
        return t;
      });

  public LoopbackAmiServer(int port, String username, String secret) throws IOException {
    this.username = username;
    this.secret = secret;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "loopback-ami-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * Getvar is answered {@code millis} after it arrived (a busy PBX; 0, the default: at once), the reader going on
   * meanwhile, so {@link #getvarsInFlightMax} shows how many the client keeps outstanding.
   */
  public void setGetvarDelay(long millis) {
    this.getvarDelayMillis = millis;
  }

  /** The most Getvar actions received and not yet answered at one time. */
  public int getvarsInFlightMax() {
    return getvarsInFlightMax.get();
  }

  /** Actions received so far, in order (Login/Challenge included). */
  public List<AmiMessage> received() {
    return List.copyOf(received);
  }

  public List<AmiMessage> received(String action) {
    return received.stream().filter(a -> action.equalsIgnoreCase(a.get("Action"))).toList();
  }

  /**
   * Number of sessions so far that logged in and receive events (at once with {@code Events: on}, or when a client that
   * logged in with events off turns them on, as the bridge does once its event filter is in place); a reconnect
   * increments it. Tests emit events once it has risen.
   */
  public int logins() {
    return logins.get();
  }

  public boolean awaitLogins(int n, long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    while (logins.get() < n) {
      if (System.nanoTime() > end) return false;
      Thread.sleep(10);
    }
    return true;
  }

  /** "Success" or "Failure": what the OriginateResponse event of the next Originate says. */
  public void setOriginateOutcome(String outcome) {
    this.originateOutcome = outcome;
  }

  /**
   * What the callback context's hangup handler reports for the called party after the next successful Originate
   * ({@code <DIALSTATUS>:<answered seconds>}, as scripts/asterisk/extensions.conf sets it); null: report nothing.
   */
  public void setCalledPartyResult(String result) {
    this.calledPartyResult = result;
  }

  public void addMember(String queue, String iface, String name) {
    model.putMember(new PbxModel.Member(queue, name, iface, false, "", 1));
  }

  private volatile SimulatedCdr cdr;

  /** From now on, every channel's call detail record goes to {@code sink} at its hang-up ({@link SimulatedCdr}). */
  public void recordCdr(java.util.function.Consumer<SimulatedCdr.Row> sink) {
    cdr = new SimulatedCdr(sink);
  }

  /** Sends an event to every logged-in client with events on, and updates the PBX model either way. */
  public void emit(AmiMessage event) {
    model.apply(event);
    SimulatedCdr c = cdr;
    if (c != null) c.apply(event);
    String rendered = null;
    for (Session s : sessions) {
      if (!s.loggedIn || !s.eventsOn) continue;
      if (rendered == null) rendered = event.render();
      if (s.filters.admits(event, rendered)) s.sendRaw(rendered);
    }
  }

  /**
   * A burst: every event applied to the model (and CDR) in order, and written to each client in large socket writes
   * rather than one flushed write per event. A busy Asterisk's events arrive like this (many per TCP segment); the
   * benchmarks use it so that the feed, not the client, is never what limits the rate measured.
   */
  public void emitAll(List<AmiMessage> events) {
    prepare(events).send();
  }

  /**
   * A burst made ready without sending it: every event applied to the model (and CDR), rendered and filtered for each
   * session now, so that {@link Burst#send()} only writes bytes. A benchmark times the send alone: generating and
   * filtering events is the PBX's own work, done on the PBX's host, not on the machine whose rate is measured.
   */
  public Burst prepare(List<AmiMessage> events) {
    List<Session> targets = sessions.stream().filter(x -> x.loggedIn && x.eventsOn).toList();
    List<StringBuilder> chunks = targets.stream().map(x -> new StringBuilder(1 << 17)).toList();
    List<List<byte[]>> payloads = targets.stream().map(x -> (List<byte[]>) new ArrayList<byte[]>()).toList();
    int[] admitted = new int[targets.size()];
    for (AmiMessage event : events) {
      model.apply(event);
      SimulatedCdr c = cdr;
      if (c != null) c.apply(event);
      String rendered = event.render();
      for (int i = 0; i < targets.size(); i++) {
        if (!targets.get(i).filters.admits(event, rendered)) continue;
        admitted[i]++;
        StringBuilder chunk = chunks.get(i);
        chunk.append(rendered);
        if (chunk.length() >= 1 << 16) {
          payloads.get(i).add(chunk.toString().getBytes(StandardCharsets.UTF_8));
          chunk.setLength(0);
        }
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      if (!chunks.get(i).isEmpty()) payloads.get(i).add(chunks.get(i).toString().getBytes(StandardCharsets.UTF_8));
    }
    return new Burst(targets, payloads, admitted);
  }

  /** Events ready to be written, per session ({@link #prepare}). */
  public static final class Burst {
    private final List<Session> targets;
    private final List<List<byte[]>> payloads;
    private final int[] admitted;

    private Burst(List<Session> targets, List<List<byte[]>> payloads, int[] admitted) {
      this.targets = targets;
      this.payloads = payloads;
      this.admitted = admitted;
    }

    /** Writes every session's events, in order, in large writes. */
    public void send() {
      for (int i = 0; i < targets.size(); i++) for (byte[] b : payloads.get(i)) targets.get(i).sendBytes(b);
    }

    /** How many events the session with events on that admitted the most will receive (after its filter). */
    public int eventsToOneSession() {
      int max = 0;
      for (int n : admitted) max = Math.max(max, n);
      return max;
    }
  }

  private volatile boolean filterActionPermitted = true;
  private final List<String[]> userEventFilters = new CopyOnWriteArrayList<>();

  /**
   * Whether the Filter action is allowed, as for a manager.conf user with {@code write = system} (Asterisk 20 answers
   * "Permission denied" otherwise). Allowed by default.
   */
  public void setFilterActionPermitted(boolean permitted) {
    this.filterActionPermitted = permitted;
  }

  /**
   * An {@code eventfilter} line of the manager.conf user section ({@code criteria = pattern}): every session logging in
   * from now on starts with it, as Asterisk copies a user's filters into the session at login.
   */
  public void addUserEventFilter(String criteria, String pattern) {
    AmiEventFilters check = new AmiEventFilters();
    if (check.add(criteria, pattern) != AmiEventFilters.Result.SUCCESS) {
      throw new IllegalArgumentException("Asterisk would reject eventfilter " + criteria + " = " + pattern);
    }
    userEventFilters.add(new String[] {criteria, pattern});
  }

  /**
   * The phone on {@code channel} put its call on hold (or took it off): emits Hold/Unhold for that live channel as
   * Asterisk 20 does on a hold re-INVITE. False when no such channel is live.
   */
  public boolean hold(String channel, boolean on) {
    AmiMessage c = model.channelNamed(channel);
    if (c == null) return false;
    String ts = String.format("%.6f", System.currentTimeMillis() / 1000.0);
    List<String> kv = new ArrayList<>(List.of("Event", on ? "Hold" : "Unhold", "Privilege", "call,all", "Timestamp", ts,
        "Channel", channel, "ChannelState", "6", "ChannelStateDesc", "Up", "CallerIDNum", nz(c.get("CallerIDNum")),
        "Uniqueid", c.get("Uniqueid"), "Linkedid", c.get("Linkedid")));
    if (on) kv.addAll(List.of("MusicClass", "default"));
    emit(AmiMessage.of(kv.toArray(String[]::new)));
    return true;
  }

  /** The live channels of a call by name, the caller's first (for tests that pick the operator's leg). */
  public List<String> channelsOf(String linkedid) {
    return model.channelsOf(linkedid).stream().map(m -> m.get("Channel")).toList();
  }

  /** Event name the real-PBX suite's recorder writes into a transcript where its link to Asterisk was lost. */
  public static final String LINK_LOST = "RecorderLinkLost";

  /** Asterisk restarted or was killed: clients dropped, every call gone (queue members kept, as persistentmembers). */
  public void restartPbx() {
    model.restart();
    dropClients();
  }

  /**
   * Drops every client connection, as when Asterisk restarts or the network breaks. Clients may reconnect at once
   * (Asterisk-Java retries after 50 ms): use {@link #linkDown()} to keep them out while events are emitted.
   */
  public void dropClients() {
    // Each session removes itself; clearing the list instead could also drop a client that had just reconnected
    // without closing it, leaving it logged in but deaf to every later event.
    for (Session s : sessions) s.close();
  }

  private volatile boolean linkDown;

  /**
   * The network between PBX and clients is down until {@link #linkUp()}: clients are dropped and a reconnecting
   * client's socket is closed at once, so events emitted meanwhile reach nobody (they still change the model).
   */
  public void linkDown() {
    linkDown = true;
    dropClients();
  }

  public void linkUp() {
    linkDown = false;
  }

  @Override
  public void close() throws IOException {
    dropClients();
    server.close();
    delayed.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (linkDown) {
          socket.close();
          continue;
        }
        socket.setTcpNoDelay(true);
        Session s = new Session(socket);
        sessions.add(s);
        Thread t = new Thread(s::run, "loopback-ami-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!server.isClosed()) log.warn("accept failed: {}", e.getMessage());
      }
    }
  }

  private final class Session {
    private final Socket socket;
    private final OutputStream out;
    private volatile boolean loggedIn;
    private volatile boolean eventsOn = true;
    private final AmiEventFilters filters = new AmiEventFilters();
    private boolean counted;
    private String challenge;

    Session(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    void run() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        sendRaw(BANNER + "\r\n");
        List<AmiMessage.Field> fields = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            if (!fields.isEmpty()) handle(new AmiMessage(fields));
            fields = new ArrayList<>();
            continue;
          }
          int colon = line.indexOf(':');
          if (colon > 0) fields.add(new AmiMessage.Field(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
      } catch (IOException e) {
        log.debug("session ended: {}", e.getMessage());
      } finally {
        close();
      }
    }

    private void handle(AmiMessage a) {
      received.add(a);
      String action = a.get("Action") == null ? "" : a.get("Action").toLowerCase();
      String id = a.get("ActionID");
      if (!loggedIn && !Set.of("login", "challenge", "logoff").contains(action)) {
        respond(id, "Error", "Message", "Permission denied");
        return;
      }
      switch (action) {
        case "challenge" -> {
          challenge = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
          respond(id, "Success", "Challenge", challenge);
        }
        case "login" -> login(a, id);
        case "logoff" -> {
          respond(id, "Goodbye", "Message", "Thanks for all the fish.");
          close();
        }
        case "ping" -> respond(id, "Success", "Ping", "Pong", "Timestamp", String.format("%.6f", System.currentTimeMillis() / 1000.0));
        case "coresettings" -> respond(id, "Success", "AMIversion", "9.0.0", "AsteriskVersion", "20.20.1",
            "SystemName", "", "CoreMaxCalls", "0", "CoreMaxLoadAvg", "0.000000", "CoreRunUser", "asterisk",
            "CoreRunGroup", "asterisk", "CoreMaxFilehandles", "0", "CoreRealTimeEnabled", "No",
            "CoreCDRenabled", "Yes", "CoreHTTPenabled", "No", "SoundsSearchCustomDir", "No");
        case "command" -> respond(id, "Success", "Message", "Command output follows",
            "Output", "Asterisk 20.20.1 built by loopback on a x86_64 running Linux");
        case "events" -> {
          eventsOn = !"off".equalsIgnoreCase(a.get("EventMask"));
          respond(id, "Success", "Events", eventsOn ? "On" : "Off");
          countLogin();
        }
        case "coreshowchannels" -> list(id, "Channels will follow", model.coreShowChannels(), "CoreShowChannelsComplete");
        case "queuestatus" -> queueStatus(id, a.get("Queue"));
        case "queueadd", "queueremove", "queuepause" -> LoopbackQueueActions.handle(this::respondMsg, LoopbackAmiServer.this::emit, model, action, a);
        case "originate" -> originate(a, id);
        case "filter" -> filter(a, id);
        case "redirect" -> respond(id, "Success", "Message", "Redirect successful");
        case "atxfer" -> respond(id, "Success", "Message", "Atxfer successfully queued");
        case "hangup" -> hangup(a, id);
        case "getvar" -> {
          String value = model.getvar(a.get("Channel"), a.get("Variable"));
          getvarsInFlightMax.accumulateAndGet(getvarsInFlight.incrementAndGet(), Math::max);
          Runnable answer = () -> {
            getvarsInFlight.decrementAndGet();
            if (value == null) respond(id, "Error", "Message", "No such channel");
            else respond(id, "Success", "Variable", a.get("Variable"), "Value", value);
          };
          long delay = getvarDelayMillis;
          if (delay > 0) delayed.schedule(answer, delay, TimeUnit.MILLISECONDS);
          else answer.run();
        }
        default -> respond(id, "Error", "Message", "Invalid/unknown command");
      }
    }

    private void login(AmiMessage a, String id) {
      boolean ok = username.equals(a.get("Username")) && ("MD5".equalsIgnoreCase(a.get("AuthType"))
          ? challenge != null && md5(challenge + secret).equalsIgnoreCase(a.get("Key"))
          : secret.equals(a.get("Secret")));
      if (!ok) {
        respond(id, "Error", "Message", "Authentication failed");
        close();
        return;
      }
      String events = a.get("Events");
      eventsOn = events == null || !"off".equalsIgnoreCase(events);
      for (String[] f : userEventFilters) filters.add(f[0], f[1]);
      respond(id, "Success", "Message", "Authentication accepted");
      loggedIn = true;
      // as Asterisk 20.20.1 (manager.c authenticate): only to a session that logged in with events on
      if (eventsOn) {
        send(AmiMessage.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", "27", "LastReload", "27",
            "Status", "Fully Booted"));
      }
      countLogin();
    }

    private void countLogin() {
      if (loggedIn && eventsOn && !counted) {
        counted = true;
        logins.incrementAndGet();
      }
    }

    /** Asterisk 20.20.1's {@code action_filter}: Operation Add, Filter, optional MatchCriteria; its messages. */
    private void filter(AmiMessage a, String id) {
      if (!filterActionPermitted) {
        respond(id, "Error", "Message", "Permission denied");
        return;
      }
      if (!"Add".equalsIgnoreCase(nz(a.get("Operation")))) {
        respond(id, "Error", "Message", "Unknown operation");
        return;
      }
      String match = nz(a.get("MatchCriteria"));
      switch (filters.add(match.isEmpty() ? "eventfilter" : "eventfilter(" + match + ")", nz(a.get("Filter")))) {
        case SUCCESS -> respond(id, "Success", "Message", "Success");
        case COMPILE_FAIL -> respond(id, "Error", "Message", "Filter did not compile.  Check the syntax of the filter given.");
        case FORMAT_ERROR -> respond(id, "Error", "Message",
            "Filter was formatted incorrectly.  Check the syntax of the filter given.");
      }
    }

    private void queueStatus(String id, String queue) {
      List<AmiMessage> items = new ArrayList<>();
      for (PbxModel.Member m : model.members()) {
        if (queue != null && !queue.isEmpty() && !queue.equals(m.queue())) continue;
        items.add(AmiMessage.of("Event", "QueueMember", "Queue", m.queue(), "Name", m.name(), "Location", m.iface(),
            "StateInterface", m.iface(), "Membership", "dynamic", "Penalty", "0", "CallsTaken", "0",
            "LastCall", "0", "LastPause", "0", "LoginTime", "0", "InCall", "0", "Status", Integer.toString(m.status()),
            "Paused", m.paused() ? "1" : "0", "PausedReason", m.reason() == null ? "" : m.reason(), "Wrapuptime", "0"));
      }
      items.addAll(model.queueEntries(queue == null || queue.isEmpty() ? null : queue));
      list(id, "Queue status will follow", items, "QueueStatusComplete");
    }

    private void originate(AmiMessage a, String id) {
      respond(id, "Success", "Message", "Originate successfully queued");
      if (!"true".equalsIgnoreCase(a.get("Async"))) return;
      boolean ok = "Success".equals(originateOutcome);
      String uid = "1795440000." + uniqueSeq.incrementAndGet();
      // an event on a real PBX (manager_event), so this session's filters apply; the rest of its call is emitted to all
      sendEvent(AmiMessage.of("Event", "OriginateResponse", "Privilege", "call,all", "ActionID", id,
          "Response", originateOutcome, "Channel", a.get("Channel"), "Context", nz(a.get("Context")),
          "Exten", nz(a.get("Exten")), "Application", "", "Data", "", "Reason", ok ? "4" : "5",
          "Uniqueid", ok ? uid : "<null>", "CallerIDNum", nz(a.get("CallerID")), "CallerIDName", "<unknown>"));
      if (ok) operatorLeg(a, uid);
    }

    /** The operator's channel running the callback context, as a real Asterisk 20 reports it (see extensions.conf). */
    private void operatorLeg(AmiMessage a, String uid) {
      String ch = a.get("Channel") + "-0000" + uid.substring(uid.indexOf('.') + 1);
      String ts = String.format("%.6f", System.currentTimeMillis() / 1000.0);
      emit(AmiMessage.of("Event", "Newchannel", "Privilege", "call,all", "Timestamp", ts, "Channel", ch,
          "ChannelState", "6", "ChannelStateDesc", "Up", "CallerIDNum", "12349", "Exten", "s", "Context", "default",
          "Uniqueid", uid, "Linkedid", uid));
      List<String> vars = new ArrayList<>();
      for (AmiMessage.Field f : a.fields()) if ("Variable".equalsIgnoreCase(f.key())) vars.addAll(List.of(f.value().split(",")));
      vars.add("HOTLINE_DIALLED=" + nz(a.get("Exten")));
      String result = calledPartyResult;
      if (result != null) vars.add("HOTLINE_CALLBACK_RESULT=" + result);
      for (String v : vars) {
        int eq = v.indexOf('=');
        if (eq < 0) continue;
        emit(AmiMessage.of("Event", "VarSet", "Privilege", "dialplan,all", "Timestamp", ts, "Channel", ch,
            "Variable", v.substring(0, eq), "Value", v.substring(eq + 1), "Uniqueid", uid, "Linkedid", uid));
      }
      emit(AmiMessage.of("Event", "Hangup", "Privilege", "call,all", "Timestamp", ts, "Channel", ch,
          "CallerIDNum", "12349", "Uniqueid", uid, "Linkedid", uid, "Cause", "16", "Cause-txt", "Normal Clearing"));
    }

    /**
     * Asterisk's Hangup action: "No such channel" for an unknown one; else "Channel Hungup", then a Hangup event for
     * the channel with the action's cause (16 when none is given), and for the rest of its call as a two-party bridge
     * ends (the caller's channel first).
     */
    private void hangup(AmiMessage a, String id) {
      AmiMessage target = model.channelNamed(a.get("Channel"));
      if (target == null) {
        respond(id, "Error", "Message", "No such channel");
        return;
      }
      respond(id, "Success", "Message", "Channel Hungup");
      String cause = a.get("Cause") == null || a.get("Cause").isBlank() ? "16" : a.get("Cause").trim();
      String text = "16".equals(cause) ? "Normal Clearing" : "Unknown";
      String ts = String.format("%.6f", System.currentTimeMillis() / 1000.0);
      List<AmiMessage> ending = new ArrayList<>(List.of(target));
      for (AmiMessage c : model.channelsOf(target.get("Linkedid"))) if (!c.get("Uniqueid").equals(target.get("Uniqueid"))) ending.add(c);
      for (AmiMessage c : ending) {
        emit(AmiMessage.of("Event", "Hangup", "Privilege", "call,all", "Timestamp", ts, "Channel", c.get("Channel"),
            "CallerIDNum", nz(c.get("CallerIDNum")), "Uniqueid", c.get("Uniqueid"), "Linkedid", c.get("Linkedid"),
            "Cause", cause, "Cause-txt", text));
      }
    }

    private void list(String id, String message, List<AmiMessage> items, String completeEvent) {
      respond(id, "Success", "EventList", "start", "Message", message);
      for (AmiMessage item : items) send(item.with("ActionID", id));
      send(AmiMessage.of("Event", completeEvent, "ActionID", id, "EventList", "Complete",
          "ListItems", Integer.toString(items.size())));
    }

    void respondMsg(String id, String response, String message) {
      respond(id, response, "Message", message);
    }

    private void respond(String id, String response, String... kv) {
      List<AmiMessage.Field> f = new ArrayList<>();
      f.add(new AmiMessage.Field("Response", response));
      if (id != null) f.add(new AmiMessage.Field("ActionID", id));
      for (int i = 0; i + 1 < kv.length; i += 2) f.add(new AmiMessage.Field(kv[i], kv[i + 1]));
      send(new AmiMessage(f));
    }

    void sendEvent(AmiMessage event) {
      if (filters.admits(event)) send(event);
    }

    void send(AmiMessage m) {
      sendRaw(m.render());
    }

    void sendRaw(String s) {
      sendBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    synchronized void sendBytes(byte[] bytes) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      loggedIn = false;
      sessions.remove(this);
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
