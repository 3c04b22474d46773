package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a real Asterisk's raw AMI stream (banner, login response, every event, CRLF kept) to a transcript file, the
 * format {@link cn.hotline12349.telephony.loopback.AmiTranscript} reads. When the link drops (PBX restart, kill -9)
 * it writes a {@value LoopbackAmiServer#LINK_LOST} event and logs in again as soon as Asterisk is back, so that the
 * replay knows where the PBX went away.
 */
public final class AmiRecorder implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Socket socket;

  private final boolean filtered;

  private AmiRecorder(Path file, boolean filtered) throws IOException {
    this.file = file;
    this.filtered = filtered;
    Files.createDirectories(file.getParent());
    this.out = Files.newOutputStream(file);
    this.thread = new Thread(this::loop, "ami-recorder");
    thread.setDaemon(true);
  }

  public static AmiRecorder start(Path file) throws Exception {
    return start(file, false);
  }

  /**
   * With {@code filtered}, the recorder asks Asterisk for the bridge's event filter after each login (the Filter actions
   * of {@link AmiEventMapper#pbxFilters}; the recorder's manager user has write = system), so the file holds what a
   * filtered session receives.
   */
  public static AmiRecorder start(Path file, boolean filtered) throws Exception {
    AmiRecorder r = new AmiRecorder(file, filtered);
    r.connect();
    r.thread.start();
    return r;
  }

  private void connect() throws IOException {
    Socket s = new Socket("127.0.0.1", 5038);
    s.getOutputStream().write(("Action: Login\r\nUsername: recorder\r\nSecret: recorder-only-on-loopback\r\n"
        + "Events: on\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    if (filtered) {
      StringBuilder actions = new StringBuilder();
      int id = 0;
      for (AmiEventMapper.PbxFilter f : AmiEventMapper.pbxFilters()) {
        actions.append("Action: Filter\r\nActionID: filter-").append(++id).append("\r\nOperation: Add\r\nMatchCriteria: ")
            .append(f.matchCriteria()).append("\r\nFilter: ").append(f.pattern()).append("\r\n\r\n");
      }
      s.getOutputStream().write(actions.toString().getBytes(StandardCharsets.US_ASCII));
    }
    s.getOutputStream().flush();
    socket = s;
  }

  private void loop() {
    byte[] buf = new byte[65536];
    while (!stopped) {
      try {
        InputStream in = socket.getInputStream();
        int n;
        while ((n = in.read(buf)) > 0) write(buf, n);
      } catch (IOException e) {
        // link lost: fall through
      }
      if (stopped) return;
      writeMarker();
      long end = System.currentTimeMillis() + 120_000;
      while (!stopped && System.currentTimeMillis() < end) {
        try {
          Thread.sleep(250);
          connect();
          break;
        } catch (IOException | InterruptedException e) {
          // Asterisk not back yet
        }
      }
    }
  }

  private synchronized void write(byte[] b, int n) throws IOException {
    out.write(b, 0, n);
    out.flush();
  }

  private synchronized void writeMarker() {
    try {
      out.write(String.format("\r\nEvent: %s\r\nTimestamp: %.6f\r\n\r\n", LoopbackAmiServer.LINK_LOST,
          System.currentTimeMillis() / 1000.0).getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException ignored) {
      // the transcript is best effort
    }
  }

  Path file() {
    return file;
  }

  /**
   * The events of a filtered recorder's transcript that Asterisk sent once the filters were in place (after the answer
   * to the last Filter action of each login): before that the session is unfiltered, and the login's own FullyBooted
   * is written to the session directly.
   */
  static java.util.List<AmiMessage> eventsAfterFilter(Path transcript) throws IOException {
    String last = "filter-" + AmiEventMapper.pbxFilters().size();
    java.util.List<AmiMessage> out = new java.util.ArrayList<>();
    boolean on = false;
    for (AmiMessage m : AmiTranscript.parse(Files.readString(transcript))) {
      if (LoopbackAmiServer.LINK_LOST.equals(m.get("Event"))) on = false;
      else if (last.equals(m.get("ActionID")) && m.get("Response") != null) on = true;
      else if (on && m.get("Event") != null && m.get("ActionID") == null) out.add(m);
    }
    return out;
  }

  /** The events (not answers to actions) in a transcript written by a recorder. */
  static java.util.List<AmiMessage> events(Path transcript) throws IOException {
    return AmiTranscript.parse(Files.readString(transcript)).stream()
        .filter(m -> m.get("Event") != null && m.get("ActionID") == null
            && !LoopbackAmiServer.LINK_LOST.equals(m.get("Event"))).toList();
  }

  @Override
  public void close() throws Exception {
    Thread.sleep(300); // the last events of the scenario
    stopped = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
    thread.join(5_000);
    synchronized (this) {
      out.close();
    }
  }
}
