package cn.hotline12349.ui.cluster;

import cn.hotline12349.core.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What PostgreSQL did during a burst (ClusterBench): rows and HOT updates of {@code calls}, timeline rows, WAL,
 * checkpoints, commits, and the CPU of the bench's JVM against the server's processes and the whole machine.
 * Read from the statistics views, which a backend flushes at most once a second and an idle one within 10 s: a
 * snapshot waits that long first.
 */
final class PgProbe {
  private PgProbe() {}

  /** CPU so far: this JVM (ns), the server's live processes (clock ticks per pid), the machine (busy, all ticks). */
  record Cpu(long nanoTime, long jvmNanos, Map<Integer, Long> pgTicks, long machineBusy, long machineAll,
      Map<Long, long[]> jvmThreads) {}

  /** The JVM's threads by what they do (the names Linux keeps: the first 15 characters of the Java name). */
  static final String[] THREAD_GROUPS = {"JIT", "GC", "event loops", "AMI reader", "Hazelcast", "other"};

  static int group(String comm) {
    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) return 0;
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) return 1;
    if (comm.startsWith("vert.x-eventloo")) return 2;
    if (comm.startsWith("Asterisk-Java")) return 3;
    if (comm.startsWith("hz.")) return 4;
    return 5;
  }

  record Snapshot(Map<String, Long> counters, Cpu cpu) {
    String minus(Snapshot before, int calls) {
      Map<String, Long> d = new java.util.LinkedHashMap<>();
      for (var e : counters.entrySet()) d.put(e.getKey(), e.getValue() - before.counters.getOrDefault(e.getKey(), 0L));
      long upserts = d.get("calls_ins") + d.get("calls_upd");
      return String.format("postgres: calls inserted %d, updated %d (HOT %d) = %.2f upserts a call; timeline rows %d; "
              + "commits %d; WAL %d records, %d full pages, %.1f MB = %.1f KB a call; checkpoints %d; "
              + "blocks read %d, hit %d; calls table %d pages",
          d.get("calls_ins"), d.get("calls_upd"), d.get("calls_hot"), upserts / (double) calls, d.get("timeline_ins"),
          d.get("commits"), d.get("wal_records"), d.get("wal_fpi"), d.get("wal_bytes") / 1e6,
          d.get("wal_bytes") / 1024.0 / calls, d.get("checkpoints"), d.get("blks_read"), d.get("blks_hit"),
          counters.get("calls_pages"));
    }
  }

  static Snapshot snapshot(TestDb db) throws Exception {
    Thread.sleep(11_000); // idle backends flush their statistics within 10 s
    Map<String, Long> m = new HashMap<>();
    try (Connection c = db.jdbc(); Statement st = c.createStatement()) {
      one(st, "select n_tup_ins, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'calls'", m,
          "calls_ins", "calls_upd", "calls_hot");
      one(st, "select n_tup_ins from pg_stat_user_tables where relname = 'call_timeline'", m, "timeline_ins");
      one(st, "select wal_records, wal_fpi, wal_bytes from pg_stat_wal", m, "wal_records", "wal_fpi", "wal_bytes");
      one(st, "select num_timed + num_requested from pg_stat_checkpointer", m, "checkpoints");
      one(st, "select xact_commit, blks_read, blks_hit from pg_stat_database where datname = current_database()", m,
          "commits", "blks_read", "blks_hit");
      one(st, "select relpages from pg_class where relname = 'calls'", m, "calls_pages");
    }
    return new Snapshot(m, cpu(db));
  }

  private static void one(Statement st, String sql, Map<String, Long> into, String... names) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      for (int i = 0; i < names.length; i++) into.put(names[i], rs.getBigDecimal(i + 1).longValue());
    }
  }

  static Cpu cpu(TestDb db) throws SQLException {
    long t = System.nanoTime();
    long jvm = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    Map<Integer, Long> pg = new HashMap<>();
    try (Connection c = db.jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select pid from pg_stat_activity")) {
      while (rs.next()) pg.put(rs.getInt(1), ticks(rs.getInt(1)));
    }
    long[] machine = machine();
    return new Cpu(t, jvm, pg, machine[0], machine[1], threads());
  }

  /** Per thread of this JVM: {group, utime + stime in clock ticks}. */
  private static Map<Long, long[]> threads() {
    Map<Long, long[]> m = new HashMap<>();
    try (var dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : dir) {
        try {
          String s = Files.readString(task.resolve("stat"));
          String comm = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
          String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
          m.put(Long.parseLong(task.getFileName().toString()), new long[] {group(comm), Long.parseLong(f[11]) + Long.parseLong(f[12])});
        } catch (Exception e) {
          // the thread ended meanwhile
        }
      }
    } catch (Exception e) {
      // no /proc: the split is left out
    }
    return m;
  }

  /** utime + stime of a process, in clock ticks (0 when gone). */
  private static long ticks(int pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long all = 0;
      for (int i = 1; i < f.length; i++) all += Long.parseLong(f[i]);
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {all - idle, all};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }

  private static double pgSeconds(Cpu a, Cpu b) {
    long ticks = 0;
    for (var e : b.pgTicks.entrySet()) ticks += e.getValue() - a.pgTicks.getOrDefault(e.getKey(), 0L);
    return ticks / 100.0;
  }

  /** CPU seconds of the absorption and the write phase: the JVM, PostgreSQL's processes, the whole machine. */
  static String report(Cpu start, Cpu absorbed, Cpu durable, int calls) {
    return String.format("cpu: absorbing %s; write phase %s; PostgreSQL over the burst %.2f ms a call (busiest "
        + "processes, pid=s: %s)", phase(start, absorbed), phase(absorbed, durable),
        1000 * pgSeconds(start, durable) / calls, busiest(start, durable));
  }

  /** The server processes that took the most CPU between a and b (pids match the server log's, e.g. auto_explain). */
  private static String busiest(Cpu a, Cpu b) {
    return b.pgTicks.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - a.pgTicks.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0).sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
        .map(e -> e.getKey() + "=" + e.getValue() / 100.0).collect(java.util.stream.Collectors.joining(" "));
  }

  private static String phase(Cpu a, Cpu b) {
    double wall = (b.nanoTime - a.nanoTime) / 1e9;
    // (the machine's own /proc/stat counts were printed too, but on this sandbox they disagree with the wall clock —
    // more than two cores' worth of ticks a second on 2 cores — so they are left out)
    double[] byGroup = new double[THREAD_GROUPS.length];
    for (var e : b.jvmThreads.entrySet()) {
      long[] before = a.jvmThreads.get(e.getKey());
      byGroup[(int) e.getValue()[0]] += (e.getValue()[1] - (before == null ? 0 : before[1])) / 100.0;
    }
    StringBuilder split = new StringBuilder();
    for (int g = 0; g < byGroup.length; g++) split.append(g == 0 ? "" : ", ").append(THREAD_GROUPS[g]).append(' ')
        .append(String.format("%.2f", byGroup[g]));
    return String.format("%.2fs wall: JVM %.2fs (%s), PostgreSQL %.2fs", wall, (b.jvmNanos - a.jvmNanos) / 1e9, split,
        pgSeconds(a, b));
  }
}
