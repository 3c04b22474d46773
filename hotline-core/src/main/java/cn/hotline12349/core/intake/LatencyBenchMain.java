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
 * scripts/bench/intake/latency: time of one full suggestion (rules + embedding + regression + k-NN) per note of a
 * training file, one thread, after a warm-up pass. Prints percentiles only. Yardstick, in the same run and on the same
 * thread: a fixed piece of CPU work (SHA-256 of 256 KiB) after every 10th suggestion; its wall time against its CPU
 * time shows how much of the wall time was spent waiting for the core (other processes), not working.
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
    long[] yardWall = new long[notes.size() * rounds / 10 + 1];
    long[] yardCpu = new long[yardWall.length];
    int y = 0;
    byte[] block = new byte[256 * 1024];
    new java.util.Random(7).nextBytes(block);
    for (int w = 0; w < 200; w++) yardstick(block);
    String loadBefore = loadAverage();
    for (int r = 0; r < rounds; r++) {
      for (LabelledNote n : notes) {
        if (i % 10 == 0 && y < yardWall.length) {
          long c0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          yardstick(block);
          yardWall[y] = System.nanoTime() - t0;
          yardCpu[y++] = mx.getCurrentThreadCpuTime() - c0;
        }
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
    // where the time goes: the embedding alone and the phrase rules alone, thread CPU time, one pass
    long[] embedCpu = new long[notes.size()];
    long[] rulesCpu = new long[notes.size()];
    int j = 0;
    for (LabelledNote n : notes) {
      long c0 = mx.getCurrentThreadCpuTime();
      s.embedder().embed(n.notes());
      long c1 = mx.getCurrentThreadCpuTime();
      s.rules().analyse(IntakeRequest.ofNotes(n.notes()));
      embedCpu[j] = c1 - c0;
      rulesCpu[j++] = mx.getCurrentThreadCpuTime() - c1;
    }
    Arrays.sort(embedCpu);
    Arrays.sort(rulesCpu);
    System.out.printf(Locale.ROOT, "  parts, thread CPU: embedding p50 %.1f ms, p99 %.1f ms; phrase rules p50 %.1f ms, "
        + "p99 %.1f ms%n", pct(embedCpu, 0.5), pct(embedCpu, 0.99), pct(rulesCpu, 0.5), pct(rulesCpu, 0.99));
    // inside the embedding: tokenisation against the encoder run (onnxruntime, on this thread); and the same vector
    // the langchain4j way (three tokenisations, the whole hidden state copied out) for comparison
    BgeNoteEmbedder bge = (BgeNoteEmbedder) s.embedder();
    long[] tokCpu = new long[notes.size()];
    long[] runCpu = new long[notes.size()];
    long[] refCpu = new long[notes.size()];
    j = 0;
    for (LabelledNote n : notes) {
      long c0 = mx.getCurrentThreadCpuTime();
      Object tokens = bge.tokenise(n.notes());
      long c1 = mx.getCurrentThreadCpuTime();
      bge.embedTokens(tokens, n.notes());
      long c2 = mx.getCurrentThreadCpuTime();
      bge.referenceEmbed(n.notes());
      tokCpu[j] = c1 - c0;
      runCpu[j] = c2 - c1;
      refCpu[j++] = mx.getCurrentThreadCpuTime() - c2;
    }
    Arrays.sort(tokCpu);
    Arrays.sort(runCpu);
    Arrays.sort(refCpu);
    System.out.printf(Locale.ROOT, "  embedding, thread CPU: tokenisation p50 %.2f ms, p99 %.2f ms; encoder run p50 %.1f"
        + " ms, p99 %.1f ms; langchain4j path (reference) p50 %.1f ms, p99 %.1f ms%n", pct(tokCpu, 0.5),
        pct(tokCpu, 0.99), pct(runCpu, 0.5), pct(runCpu, 0.99), pct(refCpu, 0.5), pct(refCpu, 0.99));
    yardWall = Arrays.copyOf(yardWall, y);
    yardCpu = Arrays.copyOf(yardCpu, y);
    Arrays.sort(yardWall);
    Arrays.sort(yardCpu);
    System.out.printf(Locale.ROOT, "  yardstick (SHA-256 of 256 KiB, %d times): wall p50 %.2f ms, p99 %.2f ms; "
        + "CPU p50 %.2f ms, p99 %.2f ms%n", y, pct(yardWall, 0.5), pct(yardWall, 0.99), pct(yardCpu, 0.5),
        pct(yardCpu, 0.99));
    System.out.printf(Locale.ROOT, "  load average before / after: %s / %s; available processors %d%n", loadBefore,
        loadAverage(), Runtime.getRuntime().availableProcessors());
  }

  private static void yardstick(byte[] block) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      if (sha.digest(block)[0] == 0x7f) System.out.print(""); // keeps the work from being optimised away
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
