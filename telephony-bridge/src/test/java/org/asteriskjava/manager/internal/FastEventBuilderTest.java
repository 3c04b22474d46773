package org.asteriskjava.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * {@link FastEventBuilder} builds the same event objects as Asterisk-Java's builder: on every event of every recorded
 * transcript, each property read through its getter is equal; and it does build (not hand back) nearly every event the
 * bridge reads.
 */
class FastEventBuilderTest {
  private static final Set<String> NOT_COMPARED = Set.of("getClass", "getDateReceived", "getSystemHashcode",
      "getSource");

  @Test
  void buildsTheSameEventsAsAsteriskJava() throws Exception {
    int wanted = 0;
    int fastWanted = 0;
    int fastAll = 0;
    Object source = new Object();
    for (String transcript : AmiEventFilterTest.TRANSCRIPTS) {
      EventBuilderImpl builder = new EventBuilderImpl();
      FastEventBuilder fast = FastEventBuilder.over(builder);
      assertThat(fast).isNotNull();
      for (AmiMessage m : AmiTranscript.loadEvents(transcript)) {
        Map<String, Object> attributes = AmiEventFilterTest.attributes(m);
        ManagerEvent expected = builder.buildEvent(source, new HashMap<>(attributes));
        ManagerEvent built = fast.build(source, new HashMap<>(attributes));
        boolean reads = !attributes.containsKey("actionid") && AmiEventMapper.wants(attributes);
        if (reads) wanted++;
        if (built == null) continue;
        fastAll++;
        if (reads) fastWanted++;
        assertThat(expected).as(transcript + ": " + attributes).isNotNull();
        assertThat(built.getClass()).isEqualTo(expected.getClass());
        assertThat(built.getSource()).isSameAs(source);
        for (Method g : built.getClass().getMethods()) {
          if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || NOT_COMPARED.contains(g.getName())
              || !(g.getName().startsWith("get") || g.getName().startsWith("is"))) {
            continue;
          }
          assertThat(g.invoke(built)).as(transcript + " " + attributes.get("event") + "." + g.getName())
              .isEqualTo(g.invoke(expected));
        }
      }
    }
    assertThat(wanted).isGreaterThan(100);
    // the bridge's events are plain: nearly all take the fast path (the rest are built by Asterisk-Java, as before)
    assertThat(fastWanted).isGreaterThanOrEqualTo(wanted * 9 / 10);
    assertThat(fastAll).isGreaterThan(fastWanted);
  }
}
