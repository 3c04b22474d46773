package cn.hotline12349.core.intake;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * scripts/bench/intake/latency: time of one full suggestion (rules + embedding + model) per note of a training file,
 * one thread, after a warm-up pass. Prints percentiles only.
 */
public final class LatencyBenchMain {
  private LatencyBenchMain() {}

  public static void main(String[] args) throws IOException {
    List<LabelledNote> notes = IntakeCorpus.read(new FileInputStream(args[0]));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    IntakeSuggester.warmUp();
    LearnedSuggester s = LearnedSuggester.load(IntakeSuggester.fromConfig(ConfigDir.resolve()),
        BgeNoteEmbedder.load(null), null);
    for (LabelledNote n : notes.subList(0, Math.min(100, notes.size()))) s.suggest(IntakeRequest.ofNotes(n.notes()));
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] nanos = new long[notes.size() * rounds];
    long[] cpu = new long[notes.size() * rounds];
    int i = 0;
    int chars = 0;
    for (int r = 0; r < rounds; r++) {
      for (LabelledNote n : notes) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        s.suggest(IntakeRequest.ofNotes(n.notes()));
        nanos[i] = System.nanoTime() - t0;
        cpu[i++] = mx.getCurrentThreadCpuTime() - c0;
        chars = Math.max(chars, n.notes().length());
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT, "%d suggestions (%d notes x %d), longest note %d chars%n", nanos.length,
        notes.size(), rounds, chars);
    // wall time suffers from other processes on a shared machine; thread CPU time is the work of one core
    System.out.printf(Locale.ROOT, "  wall time:       p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        pct(nanos, 0.5), pct(nanos, 0.9), pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
    System.out.printf(Locale.ROOT, "  thread CPU time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        pct(cpu, 0.5), pct(cpu, 0.9), pct(cpu, 0.99), cpu[cpu.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
