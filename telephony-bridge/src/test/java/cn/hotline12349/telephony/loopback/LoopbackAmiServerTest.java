package cn.hotline12349.telephony.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire protocol as a plain socket client sees it (Asterisk-Java's view is covered by the bridge tests). */
class LoopbackAmiServerTest {
  static final class Client implements AutoCloseable {
    final Socket s;
    final BufferedReader in;
    final OutputStream out;

    Client(int port) throws Exception {
      s = new Socket("127.0.0.1", port);
      s.setSoTimeout(5000);
      in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out = s.getOutputStream();
    }

    void send(String... lines) throws Exception {
      out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    AmiMessage read() throws Exception {
      StringBuilder sb = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) sb.append(line).append("\r\n");
      return AmiTranscript.parse(sb.toString()).get(0);
    }

    @Override
    public void close() throws Exception {
      s.close();
    }
  }

  @Test
  void plainLoginEventListsAndCrlfFraming() throws Exception {
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "admin", "secret"); Client c = new Client(pbx.port())) {
      assertThat(c.in.readLine()).isEqualTo("Asterisk Call Manager/9.0.0");
      c.send("Action: Ping", "ActionID: p0");
      assertThat(c.read().get("Message")).isEqualTo("Permission denied");

      c.send("Action: Login", "ActionID: login-1", "Username: admin", "Secret: secret", "Events: on");
      AmiMessage ok = c.read();
      assertThat(ok.get("Response")).isEqualTo("Success");
      assertThat(ok.get("ActionID")).isEqualTo("login-1");
      assertThat(c.read().get("Event")).isEqualTo("FullyBooted");

      List<AmiMessage> live = AmiTranscript.loadEvents(AmiTranscript.ABANDONED);
      int join = 0;
      while (!live.get(join).isEvent("QueueCallerJoin")) join++;
      for (AmiMessage e : live.subList(0, join + 1)) pbx.emit(e);
      List<String> seen = new ArrayList<>();
      for (int i = 0; i <= join; i++) seen.add(c.read().get("Event"));
      assertThat(seen).last().isEqualTo("QueueCallerJoin");

      c.send("Action: CoreShowChannels", "ActionID: csc-1");
      AmiMessage start = c.read();
      assertThat(start.get("EventList")).isEqualTo("start");
      AmiMessage item = c.read();
      assertThat(item.get("Event")).isEqualTo("CoreShowChannel");
      assertThat(item.get("ActionID")).isEqualTo("csc-1");
      assertThat(item.get("Linkedid")).isEqualTo("1795432643.15");
      AmiMessage done = c.read();
      assertThat(done.get("Event")).isEqualTo("CoreShowChannelsComplete");
      assertThat(done.get("ListItems")).isEqualTo("1");

      c.send("Action: QueueStatus", "ActionID: qs-1");
      assertThat(c.read().get("EventList")).isEqualTo("start");
      List<AmiMessage> items = new ArrayList<>();
      AmiMessage m;
      while (!(m = c.read()).isEvent("QueueStatusComplete")) items.add(m);
      assertThat(items).anyMatch(x -> x.isEvent("QueueEntry") && "1795432643.15".equals(x.get("Uniqueid")));
      assertThat(items).anyMatch(x -> x.isEvent("QueueMember") && "1".equals(x.get("Paused")));
    }
  }

  @Test
  void md5ChallengeLoginAndWrongSecret() throws Exception {
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "admin", "secret")) {
      try (Client c = new Client(pbx.port())) {
        c.in.readLine();
        c.send("Action: Challenge", "ActionID: ch", "AuthType: MD5");
        String challenge = c.read().get("Challenge");
        c.send("Action: Login", "ActionID: l", "Username: admin", "AuthType: MD5",
            "Key: " + LoopbackAmiServer.md5(challenge + "secret"));
        assertThat(c.read().get("Message")).isEqualTo("Authentication accepted");
      }
      try (Client c = new Client(pbx.port())) {
        c.in.readLine();
        c.send("Action: Login", "ActionID: l", "Username: admin", "Secret: wrong");
        assertThat(c.read().get("Response")).isEqualTo("Error");
        assertThat(c.in.readLine()).isNull(); // Asterisk closes the connection
      }
      assertThat(pbx.logins()).isEqualTo(1);
    }
  }
}
