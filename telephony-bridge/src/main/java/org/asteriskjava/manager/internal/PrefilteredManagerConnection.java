package org.asteriskjava.manager.internal;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's manager connection whose reader turns into event objects only the packets {@code wanted} accepts
 * (given the raw attributes, names lower-cased), and every packet answering one of our actions (it has an ActionID).
 *
 * <p>Why: building an event sets each attribute by reflection, with a regular expression per attribute name; JFR put
 * it at ~47 % of the reader thread's time (docs/BENCHMARKS.md, scripts/bench/absorption), and ~85 % of a hotline call's
 * AMI events (VarSet of untracked variables, Newexten, DeviceStateChange, Bridge*, Dial*...) are never read by the
 * bridge. It also keeps those events out of Asterisk-Java's event pump, whose queue drops events beyond 20,000.
 *
 * <p>The events it builds go through {@link FastEventBuilder} (the same objects, each attribute's setter resolved once per
 * class), falling back to Asterisk-Java's builder for anything unusual.
 *
 * <p>This class lives in Asterisk-Java's package because the reader's builder and dispatcher types are package-private;
 * the builder is swapped by reflection. Should a later Asterisk-Java change that field, {@link #filtering()} is false, a
 * warning is logged and every event is built as before (slower, not wrong).
 */
public final class PrefilteredManagerConnection extends ManagerConnectionImpl {
  private static final Logger log = LoggerFactory.getLogger(PrefilteredManagerConnection.class);

  private final Predicate<Map<String, Object>> wanted;
  private volatile boolean filtering;
  private final LongAdder events = new LongAdder();

  public PrefilteredManagerConnection(String host, int port, String user, String secret,
      Predicate<Map<String, Object>> wanted) {
    setHostname(host);
    setPort(port);
    setUsername(user);
    setPassword(secret);
    this.wanted = wanted;
  }

  /** True when the reader in use builds only the wanted events. */
  public boolean filtering() {
    return filtering;
  }

  /**
   * Events (packets with an Event header and no ActionID) the PBX sent on this connection so far, built or not: what a
   * filter on the PBX's side reduces.
   */
  public long eventsReceived() {
    return events.sum();
  }

  @Override
  protected ManagerReader createReader(Dispatcher dispatcher, Object source) {
    ManagerReaderImpl reader = new ManagerReaderImpl(dispatcher, source);
    try {
      Field f = ManagerReaderImpl.class.getDeclaredField("eventBuilder");
      f.setAccessible(true);
      EventBuilder all = (EventBuilder) f.get(reader);
      f.set(reader, new Filtering(all, FAST_BUILD ? FastEventBuilder.over(all) : null, wanted, events));
      filtering = true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      filtering = false;
      log.warn("AMI events are built unfiltered (Asterisk-Java's reader changed: {}); correct, but slower", e.toString());
    }
    return reader;
  }

  /**
   * {@code -Dhotline.ami.fastBuild=false}: every wanted event is built by Asterisk-Java's own builder (before/after
   * measurements; {@link FastEventBuilder} builds the same objects).
   */
  static final boolean FAST_BUILD = !"false".equals(System.getProperty("hotline.ami.fastBuild"));

  private record Filtering(EventBuilder all, FastEventBuilder fast, Predicate<Map<String, Object>> wanted,
      LongAdder events) implements EventBuilder {
    @Override
    public void registerEventClass(Class<? extends ManagerEvent> clazz) {
      all.registerEventClass(clazz);
    }

    @Override
    public ManagerEvent buildEvent(Object source, Map<String, Object> attributes) {
      if (attributes.containsKey("actionid")) return all.buildEvent(source, attributes);
      if (attributes.containsKey("event")) events.increment();
      if (!wanted.test(attributes)) return null;
      ManagerEvent e = fast == null ? null : fast.build(source, attributes);
      return e != null ? e : all.buildEvent(source, attributes);
    }

    @Override
    public void deregisterEventClass(Class<? extends ManagerEvent> eventClass) {
      all.deregisterEventClass(eventClass);
    }
  }
}
