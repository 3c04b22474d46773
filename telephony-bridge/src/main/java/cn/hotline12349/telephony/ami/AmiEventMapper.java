package cn.hotline12349.telephony.ami;

import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallVariables;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.asteriskjava.manager.event.UnholdEvent;
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
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Runs on Asterisk-Java's reader thread: turns the few event types the bridge needs into project
 * records and hands them to the sink. No I/O, no locks, no database; everything else (including
 * ~95% of the traffic: VarSet, Newexten, DeviceStateChange...) is dropped here.
 */
public final class AmiEventMapper implements ManagerEventListener {
  private final AmiSink sink;
  private final Clock clock;

  /** Event types {@link #onManagerEvent} reads (VarSet and Newexten only in part: see {@link #wants}). */
  private static final Set<String> READ = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    READ.addAll(Set.of("Newchannel", "QueueCallerJoin", "AgentCalled", "AgentConnect", "AgentComplete",
        "QueueCallerAbandon", "BlindTransfer", "AttendedTransfer", "Hangup", "QueueMemberStatus", "QueueMember",
        "QueueMemberAdded", "QueueMemberRemoved", "QueueMemberPaused", "QueueMemberPause", "OriginateResponse", "Hold",
        "Unhold"));
  }

  /**
   * Whether an AMI event (raw attributes, names lower-cased, before Asterisk-Java builds an object of it) can matter to
   * {@link #onManagerEvent}: the reader skips the rest (answers to our own actions are always built). Must agree with
   * {@link #onManagerEvent}: a type read there and not accepted here is never seen.
   */
  public static boolean wants(Map<String, Object> attributes) {
    if (!(attributes.get("event") instanceof String type)) return true; // odd packet: let Asterisk-Java judge it
    if (type.equalsIgnoreCase("VarSet")) return CallVariables.TRACKED.contains(String.valueOf(attributes.get("variable")));
    if (type.equalsIgnoreCase("Newexten")) return "AGI".equalsIgnoreCase(String.valueOf(attributes.get("application")));
    return READ.contains(type);
  }

  public AmiEventMapper(AmiSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public void onManagerEvent(ManagerEvent e) {
    if (e instanceof VarSetEvent v) {
      if (CallVariables.TRACKED.contains(v.getVariable())) {
        sink.call(new CallSignal.VariableSet(v.getLinkedId(), v.getUniqueId(), v.getVariable(), v.getValue(), at(e)));
      }
    } else if (e instanceof NewChannelEvent n) {
      sink.call(new CallSignal.ChannelOpened(n.getLinkedid(), n.getUniqueId(), n.getChannel(), n.getCallerIdNum(),
          n.getExten(), at(e)));
    } else if (e instanceof NewExtenEvent x) {
      if ("AGI".equalsIgnoreCase(x.getApplication())) sink.call(new CallSignal.IvrEntered(x.getLinkedId(), at(e)));
    } else if (e instanceof QueueCallerJoinEvent j) {
      sink.call(new CallSignal.QueueJoined(j.getLinkedId(), j.getQueue(), nz(j.getPosition()), at(e)));
    } else if (e instanceof AgentCalledEvent c) {
      sink.call(new CallSignal.AgentOffered(c.getLinkedId(), c.getQueue(), c.getInterface(), c.getMemberName(), at(e)));
    } else if (e instanceof AgentConnectEvent c) {
      sink.call(new CallSignal.AgentAnswered(c.getLinkedId(), c.getQueue(), c.getInterface(), c.getMemberName(),
          c.getHoldTime() == null ? 0 : c.getHoldTime().intValue(), at(e), c.getDestChannel()));
    } else if (e instanceof AgentCompleteEvent c) {
      sink.call(new CallSignal.AgentCompleted(c.getLinkedId(), c.getQueue(), c.getInterface(), c.getMemberName(),
          c.getHoldTime() == null ? 0 : c.getHoldTime().intValue(), c.getTalkTime() == null ? 0 : c.getTalkTime().intValue(),
          at(e)));
    } else if (e instanceof QueueCallerAbandonEvent a) {
      sink.call(new CallSignal.CallerAbandoned(a.getLinkedId(), a.getQueue(), nz(a.getPosition()), nz(a.getHoldTime()), at(e)));
    } else if (e instanceof BlindTransferEvent b) {
      sink.call(new CallSignal.Transferred(b.getTransfereeLinkedId(), "BLIND", b.getExtension(), at(e)));
    } else if (e instanceof AttendedTransferEvent t) {
      sink.call(new CallSignal.Transferred(t.getTransfereeLinkedId(), "ATTENDED", t.getTransferTargetChannel(), at(e)));
    } else if (e instanceof HangupEvent h) {
      sink.call(new CallSignal.ChannelHungUp(h.getLinkedId(), h.getUniqueId(), h.getChannel(), h.getCallerIdNum(),
          nz(h.getCause()), h.getCauseTxt(), at(e)));
    } else if (e instanceof HoldEvent h) {
      sink.call(new CallSignal.HoldChanged(h.getLinkedId(), h.getChannel(), true, at(e)));
    } else if (e instanceof UnholdEvent u) {
      sink.call(new CallSignal.HoldChanged(u.getLinkedId(), u.getChannel(), false, at(e)));
    } else if (e instanceof QueueMemberEvent m) { // QueueMemberStatus, and QueueMember items of QueueStatus
      sink.agent(new AgentSignal(m.getQueue(), m.getInterface(), m.getMemberName() != null ? m.getMemberName() : m.getName(),
          true, nz(m.getStatus()), Boolean.TRUE.equals(m.getPaused()), m.getPausedreason(), nz(m.getIncall()) > 0, at(e)));
    } else if (e instanceof QueueMemberAddedEvent m) {
      sink.agent(new AgentSignal(m.getQueue(), m.getInterface(), m.getMemberName(), true, nz(m.getStatus()),
          Boolean.TRUE.equals(m.getPaused()), m.getPausedReason(), false, at(e)));
    } else if (e instanceof QueueMemberRemovedEvent m) {
      sink.agent(new AgentSignal(m.getQueue(), m.getInterface(), m.getMemberName(), false, 0, false, null, false, at(e)));
    } else if (e instanceof QueueMemberPausedEvent p) { // QueueMemberPause (Asterisk 12+) extends it
      sink.agent(pause(p));
    } else if (e instanceof OriginateResponseEvent o) {
      sink.originateResult(o.getActionId(), o.isSuccess(), o.getReason(), o.getUniqueId());
    } else if (e instanceof ConnectEvent) {
      sink.connected();
    } else if (e instanceof DisconnectEvent) {
      sink.disconnected();
    }
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
