package cn.hotline12349.telephony.loopback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Replays recorded events through a {@link LoopbackAmiServer}. Options: keep the recorded timing
 * (speed 1), compress it (speed > 1) or send back to back (speed 0); send every event twice;
 * shuffle events inside windows of {@code reorderWindow}; and run a hook before event i (e.g. drop
 * the client there and let it reconnect later).
 */
public final class Replay {
  private double speed;
  private boolean duplicate;
  private int reorderWindow;
  private long seed = 12349;
  private int hookAt = -1;
  private IntConsumer hook = i -> { };

  public static Replay backToBack() {
    return new Replay();
  }

  public Replay speed(double factor) {
    this.speed = factor;
    return this;
  }

  public Replay duplicateEvents() {
    this.duplicate = true;
    return this;
  }

  public Replay reorderWithin(int window, long seed) {
    this.reorderWindow = window;
    this.seed = seed;
    return this;
  }

  /** Runs {@code action} just before the event at {@code index} is emitted. */
  public Replay before(int index, IntConsumer action) {
    this.hookAt = index;
    this.hook = action;
    return this;
  }

  /** The event sequence this replay would emit (duplication and reordering applied). */
  public List<AmiMessage> arrange(List<AmiMessage> events) {
    List<AmiMessage> out = new ArrayList<>(events);
    if (reorderWindow > 1) {
      Random r = new Random(seed);
      for (int i = 0; i < out.size(); i += reorderWindow) {
        Collections.shuffle(out.subList(i, Math.min(out.size(), i + reorderWindow)), r);
      }
    }
    if (duplicate) {
      List<AmiMessage> d = new ArrayList<>();
      for (AmiMessage m : out) {
        d.add(m);
        d.add(m);
      }
      out = d;
    }
    return out;
  }

  public void run(LoopbackAmiServer server, List<AmiMessage> events) throws InterruptedException {
    List<AmiMessage> seq = arrange(events);
    double prev = Double.NaN;
    for (int i = 0; i < seq.size(); i++) {
      if (i == hookAt) hook.accept(i);
      AmiMessage e = seq.get(i);
      double ts = e.timestamp();
      if (speed > 0 && !Double.isNaN(prev) && !Double.isNaN(ts) && ts > prev) {
        long ms = Math.round((ts - prev) * 1000 / speed);
        if (ms > 0) Thread.sleep(Math.min(ms, 10_000));
      }
      if (!Double.isNaN(ts)) prev = ts;
      server.emit(e);
    }
  }
}
