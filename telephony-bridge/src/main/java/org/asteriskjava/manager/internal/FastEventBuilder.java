package org.asteriskjava.manager.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.CdrEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.util.AstUtil;
import org.asteriskjava.util.ReflectionUtil;

/**
 * Builds an event object exactly as Asterisk-Java's {@code EventBuilderImpl.buildEvent} and
 * {@code EventAttributesHelper.setAttributes} do, but resolves the setter of each attribute name once per event class
 * instead of once per attribute of every event (a regular expression and two map look-ups each time: 18 % of the
 * reader thread's samples in a 5,000-call burst, JFR, docs/BENCHMARKS.md). Only the plain cases are built here: an
 * event with a String event name, a registered class that is no response, CDR or user event, and attributes that are
 * single strings for String, Boolean, Integer, Long or Double setters. Anything else (an attribute without a setter, a
 * repeated header, a Map setter, a value that does not parse...) answers null, and the caller lets Asterisk-Java build
 * the event with its own rules, warnings and errors.
 */
final class FastEventBuilder {
  private static final Object NO_SETTER = new Object();

  private final Map<String, Class<?>> classes;
  private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

  private record Setter(Method method, Class<?> type) {}

  /** Per event class: its constructor and the setter of each attribute name seen so far (or {@link #NO_SETTER}). */
  private record Plan(Constructor<?> constructor, Map<String, Method> setters, Map<String, Object> byAttribute) {}

  private FastEventBuilder(Map<String, Class<?>> classes) {
    this.classes = classes;
  }

  /** The fast path over {@code all}'s registered classes; null when that builder is not Asterisk-Java's own. */
  @SuppressWarnings("unchecked")
  static FastEventBuilder over(EventBuilder all) {
    if (!(all instanceof EventBuilderImpl)) return null;
    try {
      Field f = EventBuilderImpl.class.getDeclaredField("registeredEventClasses");
      f.setAccessible(true);
      return new FastEventBuilder((Map<String, Class<?>>) f.get(all));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The event, or null: then Asterisk-Java's builder must build it. */
  ManagerEvent build(Object source, Map<String, Object> attributes) {
    if (!(attributes.get("event") instanceof String name)) return null;
    String type = name.toLowerCase(Locale.ENGLISH);
    if (type.equals("userevent")) return null;
    Class<?> cls = classes.get(type);
    if (cls == null || ResponseEvent.class.isAssignableFrom(cls) || CdrEvent.class.isAssignableFrom(cls)
        || UserEvent.class.isAssignableFrom(cls)) {
      return null;
    }
    Plan plan = plans.computeIfAbsent(cls, FastEventBuilder::plan);
    if (plan == null) return null;
    try {
      ManagerEvent event = (ManagerEvent) plan.constructor().newInstance(source);
      for (Map.Entry<String, Object> e : attributes.entrySet()) {
        String key = e.getKey();
        if (key.equals("event")) continue; // EventBuilderImpl's ignored attribute
        Object s = plan.byAttribute().get(key);
        if (s == null) {
          s = resolve(plan, key);
          plan.byAttribute().put(key, s);
        }
        if (s == NO_SETTER || !(e.getValue() instanceof String raw)) return null;
        Setter setter = (Setter) s;
        Object value = convert(setter.type(), raw);
        if (value == NO_SETTER) return null;
        setter.method().invoke(event, value);
      }
      return event;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // let Asterisk-Java build it, and say what is wrong
    }
  }

  private static Plan plan(Class<?> cls) {
    try {
      return new Plan(cls.getConstructor(Object.class), ReflectionUtil.getSetters(cls), new ConcurrentHashMap<>());
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Asterisk-Java's rules for finding the setter of an attribute (EventAttributesHelper.setAttributes). */
  private static Object resolve(Plan plan, String key) {
    String name = ReflectionUtil.stripIllegalCharacters(key);
    if ("source".equals(name)) name = "src";
    else if ("class".equals(name)) name = "clazz";
    Method m = plan.setters().get(name);
    // no exact match: Asterisk-Java tries the plural for Map setters, which this builder leaves to it
    if (m == null) return NO_SETTER;
    Class<?> type = m.getParameterTypes()[0];
    if (type == Boolean.class || type.isAssignableFrom(String.class) || type == Double.class || type == double.class
        || type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return new Setter(m, type);
    }
    return NO_SETTER;
  }

  /** The value as Asterisk-Java converts it for this setter type; {@link #NO_SETTER} when it would not. */
  private static Object convert(Class<?> type, String raw) {
    if (type == Boolean.class) return AstUtil.isTrue(raw);
    if (type.isAssignableFrom(String.class)) return AstUtil.isNull(raw) ? null : raw;
    if (raw.isEmpty()) return type.isPrimitive() ? NO_SETTER : null;
    if (type == Double.class || type == double.class) return Double.parseDouble(raw);
    if (type == Long.class || type == long.class) return Long.parseLong(raw);
    return Integer.parseInt(raw);
  }
}
