package cn.hotline12349.telephony;

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

  private AmiRecorder(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.getParent());
    this.out = Files.newOutputStream(file);
    this.thread = new Thread(this::loop, "ami-recorder");
    thread.setDaemon(true);
  }

  public static AmiRecorder start(Path file) throws Exception {
    AmiRecorder r = new AmiRecorder(file);
    r.connect();
    r.thread.start();
    return r;
  }

  private void connect() throws IOException {
    Socket s = new Socket("127.0.0.1", 5038);
    s.getOutputStream().write(("Action: Login\r\nUsername: recorder\r\nSecret: recorder-only-on-loopback\r\n"
        + "Events: on\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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
