package cn.hotline12349.telephony.ami;

import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Runs on Asterisk-Java's reader thread: turns the few event types the bridge needs into project records and hands
 * them to the sink. No I/O, no locks, no database.
 *
 * <p>{@link #HANDLED} is the one list of what the bridge reads (~10 % of a hotline call's AMI traffic; VarSet of other
 * variables, Newexten of other applications, DeviceStateChange, Bridge*, Dial*... are not read). Three things derive
 * from it: the mapping itself ({@link #onManagerEvent}), the reader's prefilter ({@link #wants}: which raw packets
 * Asterisk-Java turns into objects) and the PBX's own filter ({@link #pbxFilters}: what Asterisk sends at all).
 */
public final class AmiEventMapper implements ManagerEventListener {
  private final AmiSink sink;
  private final Clock clock;

  /**
   * Only events whose {@code header} holds one of {@code values} (exactly) are read; {@code value} reads that header
   * from Asterisk-Java's object.
   */
  record Condition<E>(String header, Function<E, String> value, Set<String> values) {}

  /**
   * An AMI event type the bridge reads: its name as Asterisk spells it (Asterisk's {@code name()} filter compares it
   * case-sensitively), the class Asterisk-Java builds for it, an optional header condition, and the mapping.
   */
  record Handled<E extends ManagerEvent>(String name, Class<E> type, Condition<E> when, BiConsumer<AmiEventMapper, E> map) {
    boolean accepts(ManagerEvent e) {
      return when == null || when.values().contains(when.value().apply(type.cast(e)));
    }

    void apply(AmiEventMapper m, ManagerEvent e) {
      map.accept(m, type.cast(e));
    }
  }

  private static <E extends ManagerEvent> Handled<E> on(String name, Class<E> type, BiConsumer<AmiEventMapper, E> map) {
    return new Handled<>(name, type, null, map);
  }

  private static <E extends ManagerEvent> Handled<E> on(String name, Class<E> type, Condition<E> when,
      BiConsumer<AmiEventMapper, E> map) {
    return new Handled<>(name, type, when, map);
  }

  /** What the bridge reads, one row per event name on the wire. */
  static final List<Handled<?>> HANDLED = List.of(
      on("VarSet", VarSetEvent.class, new Condition<>("Variable", VarSetEvent::getVariable, CallVariables.TRACKED),
          (m, v) -> m.sink.call(new CallSignal.VariableSet(v.getLinkedId(), v.getUniqueId(), v.getVariable(),
              v.getValue(), m.at(v)))),
      on("Newchannel", NewChannelEvent.class, (m, n) -> m.sink.call(new CallSignal.ChannelOpened(n.getLinkedid(),
          n.getUniqueId(), n.getChannel(), n.getCallerIdNum(), n.getExten(), m.at(n)))),
      // the intake step: the dialplan's AGI() call to the hotline's FastAGI server
      on("Newexten", NewExtenEvent.class, new Condition<>("Application", NewExtenEvent::getApplication, Set.of("AGI")),
          (m, x) -> m.sink.call(new CallSignal.IvrEntered(x.getLinkedId(), m.at(x)))),
      on("QueueCallerJoin", QueueCallerJoinEvent.class, (m, j) -> m.sink.call(new CallSignal.QueueJoined(
          j.getLinkedId(), j.getQueue(), nz(j.getPosition()), m.at(j)))),
      on("AgentCalled", AgentCalledEvent.class, (m, c) -> m.sink.call(new CallSignal.AgentOffered(c.getLinkedId(),
          c.getQueue(), c.getInterface(), c.getMemberName(), m.at(c)))),
      on("AgentConnect", AgentConnectEvent.class, (m, c) -> m.sink.call(new CallSignal.AgentAnswered(c.getLinkedId(),
          c.getQueue(), c.getInterface(), c.getMemberName(), c.getHoldTime() == null ? 0 : c.getHoldTime().intValue(),
          m.at(c), c.getDestChannel()))),
      on("AgentComplete", AgentCompleteEvent.class, (m, c) -> m.sink.call(new CallSignal.AgentCompleted(
          c.getLinkedId(), c.getQueue(), c.getInterface(), c.getMemberName(),
          c.getHoldTime() == null ? 0 : c.getHoldTime().intValue(), c.getTalkTime() == null ? 0 : c.getTalkTime().intValue(),
          m.at(c)))),
      on("QueueCallerAbandon", QueueCallerAbandonEvent.class, (m, a) -> m.sink.call(new CallSignal.CallerAbandoned(
          a.getLinkedId(), a.getQueue(), nz(a.getPosition()), nz(a.getHoldTime()), m.at(a)))),
      on("BlindTransfer", BlindTransferEvent.class, (m, b) -> m.sink.call(new CallSignal.Transferred(
          b.getTransfereeLinkedId(), "BLIND", b.getExtension(), m.at(b)))),
      on("AttendedTransfer", AttendedTransferEvent.class, (m, t) -> m.sink.call(new CallSignal.Transferred(
          t.getTransfereeLinkedId(), "ATTENDED", t.getTransferTargetChannel(), m.at(t)))),
      on("Hangup", HangupEvent.class, (m, h) -> m.sink.call(new CallSignal.ChannelHungUp(h.getLinkedId(),
          h.getUniqueId(), h.getChannel(), h.getCallerIdNum(), nz(h.getCause()), h.getCauseTxt(), m.at(h)))),
      on("Hold", HoldEvent.class, (m, h) -> m.sink.call(new CallSignal.HoldChanged(h.getLinkedId(), h.getChannel(),
          true, m.at(h)))),
      on("Unhold", UnholdEvent.class, (m, u) -> m.sink.call(new CallSignal.HoldChanged(u.getLinkedId(),
          u.getChannel(), false, m.at(u)))),
      on("QueueMemberStatus", QueueMemberStatusEvent.class, AmiEventMapper::member),
      // items of our QueueStatus (they carry our ActionID, so the PBX's filter does not apply to them)
      on("QueueMember", QueueMemberEvent.class, AmiEventMapper::member),
      on("QueueMemberAdded", QueueMemberAddedEvent.class, (m, a) -> m.sink.agent(new AgentSignal(a.getQueue(),
          a.getInterface(), a.getMemberName(), true, nz(a.getStatus()), Boolean.TRUE.equals(a.getPaused()),
          a.getPausedReason(), false, m.at(a)))),
      on("QueueMemberRemoved", QueueMemberRemovedEvent.class, (m, r) -> m.sink.agent(new AgentSignal(r.getQueue(),
          r.getInterface(), r.getMemberName(), false, 0, false, null, false, m.at(r)))),
      on("QueueMemberPause", QueueMemberPauseEvent.class, (m, p) -> m.sink.agent(m.pause(p))), // Asterisk 12+
      on("QueueMemberPaused", QueueMemberPausedEvent.class, (m, p) -> m.sink.agent(m.pause(p))), // Asterisk 11
      on("OriginateResponse", OriginateResponseEvent.class, (m, o) -> m.sink.originateResult(o.getActionId(),
          o.isSuccess(), o.getReason(), o.getUniqueId())));

  private static final Map<String, Handled<?>> BY_NAME = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private static final Map<Class<?>, Handled<?>> BY_TYPE = new HashMap<>();

  static {
    for (Handled<?> h : HANDLED) {
      if (BY_NAME.put(h.name(), h) != null || BY_TYPE.put(h.type(), h) != null) {
        throw new IllegalStateException("AMI event handled twice: " + h.name());
      }
    }
  }

  /**
   * Whether an AMI event (raw attributes, names lower-cased, before Asterisk-Java builds an object of it) is one the
   * mapper reads: the reader skips the rest (answers to our own actions are always built).
   */
  public static boolean wants(Map<String, Object> attributes) {
    if (!(attributes.get("event") instanceof String type)) return true; // odd packet: let Asterisk-Java judge it
    Handled<?> h = BY_NAME.get(type);
    if (h == null) return false;
    return h.when() == null || h.when().values().contains(String.valueOf(attributes.get(h.when().header().toLowerCase())));
  }

  /**
   * One include filter of Asterisk's manager (Asterisk 20.20.1 main/manager.c, {@code manager_add_filter}):
   * {@code matchCriteria} is what goes inside {@code eventfilter(...)} in manager.conf, or the {@code MatchCriteria}
   * header of the {@code Filter} action; {@code pattern} the value, or the action's {@code Filter} header (empty: the
   * event name alone decides).
   */
  public record PbxFilter(String matchCriteria, String pattern) {
    /** The same filter as a line of a manager.conf user section. */
    public String managerConfLine() {
      return "eventfilter(" + matchCriteria + ") = " + pattern;
    }
  }

  /**
   * The filters that make Asterisk send this session only what {@link #HANDLED} reads. Include filters only: Asterisk
   * then drops every event none of them matches. Answers to our own actions (CoreShowChannels, QueueStatus items) are
   * written to the session directly and never filtered.
   */
  public static List<PbxFilter> pbxFilters() {
    return HANDLED.stream().map(h -> {
      if (h.when() == null) return new PbxFilter("name(" + h.name() + ")", "");
      String on = "name(" + h.name() + "),header(" + h.when().header() + "),";
      List<String> values = h.when().values().stream().sorted().toList();
      return values.size() == 1 ? new PbxFilter(on + "method(exact)", values.get(0))
          : new PbxFilter(on + "method(regex)", "^(" + String.join("|", values) + ")$");
    }).toList();
  }

  public AmiEventMapper(AmiSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public void onManagerEvent(ManagerEvent e) {
    Handled<?> h = handlerOf(e.getClass());
    if (h != null) {
      if (h.accepts(e)) h.apply(this, e);
    } else if (e instanceof ConnectEvent) {
      sink.connected();
    } else if (e instanceof DisconnectEvent) {
      sink.disconnected();
    }
  }

  private static Handled<?> handlerOf(Class<?> type) {
    for (Class<?> c = type; c != null && c != ManagerEvent.class; c = c.getSuperclass()) {
      Handled<?> h = BY_TYPE.get(c);
      if (h != null) return h;
    }
    return null;
  }

  private void member(QueueMemberEvent m) {
    sink.agent(new AgentSignal(m.getQueue(), m.getInterface(), m.getMemberName() != null ? m.getMemberName() : m.getName(),
        true, nz(m.getStatus()), Boolean.TRUE.equals(m.getPaused()), m.getPausedreason(), nz(m.getIncall()) > 0, at(m)));
  }

  private AgentSignal pause(QueueMemberPausedEvent p) {
    int status = 1;
    int inCall = 0;
    String reason = p.getReason() != null ? p.getReason() : p.getPausedReason();
    if (p instanceof QueueMemberPauseEvent q) { // Asterisk-Java fills its own lower-case setters here
      status = nz(q.getStatus());
      inCall = nz(q.getIncall());
      if (q.getPausedreason() != null && !q.getPausedreason().isEmpty()) reason = q.getPausedreason();
    }
    return new AgentSignal(p.getQueue(), p.getInterface(), p.getMemberName(), true, status,
        Boolean.TRUE.equals(p.getPaused()), reason, inCall > 0, at(p));
  }

  private Instant at(ManagerEvent e) {
    Double ts = e.getTimestamp();
    if (ts != null) return Instant.ofEpochSecond(ts.longValue(), Math.round((ts - ts.longValue()) * 1e6) * 1000);
    return clock.instant();
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
