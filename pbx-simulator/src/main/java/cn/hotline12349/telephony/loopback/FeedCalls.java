package cn.hotline12349.telephony.loopback;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * scripts/feed-calls: a stand-in PBX for demos. Listens as an AMI server, waits for the running
 * system to log in (HOTLINE_AMI_PORT pointing here), then plays N calls cloned from the recorded
 * Asterisk session with real-looking Qinghai numbers: most answered, every k-th abandoned, some
 * numbers calling again so the screen-pop has history.
 *
 * <pre>usage: FeedCalls N [--port 5039] [--user demo] [--secret demo] [--speed 1] [--spacing 4]
 *              [--talk 20] [--wait 6] [--abandon-every 5] [--seed 12349] [--login-timeout 180]</pre>
 */
public final class FeedCalls {
  private record Area(String prefecture, String areaCode, String member) {}

  private static final List<Area> AREAS = List.of(
      new Area("630100", "0971", "1001"), new Area("630100", "0971", "1001"), new Area("630100", "0971", "1001"),
      new Area("632800", "0977", "1002"), new Area("632800", "0979", "1002"));

  private FeedCalls() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.err.println("usage: feed-calls N [--port 5039] [--user demo] [--secret demo] [--speed 1] [--spacing 4]"
          + " [--talk 20] [--wait 6] [--abandon-every 5] [--seed 12349] [--login-timeout 180]");
      System.exit(2);
    }
    int n = Integer.parseInt(args[0]);
    int port = Integer.parseInt(opt(args, "--port", "5039"));
    double speed = Double.parseDouble(opt(args, "--speed", "1"));
    double spacing = Double.parseDouble(opt(args, "--spacing", "4"));
    double talk = Double.parseDouble(opt(args, "--talk", "20"));
    double wait = Double.parseDouble(opt(args, "--wait", "6"));
    int abandonEvery = Integer.parseInt(opt(args, "--abandon-every", "5"));
    Random random = new Random(Long.parseLong(opt(args, "--seed", "12349")));

    try (LoopbackAmiServer pbx = new LoopbackAmiServer(port, opt(args, "--user", "demo"), opt(args, "--secret", "demo"))) {
      for (Area a : AREAS) pbx.addMember("hotline-" + a.prefecture(), "Local/" + a.member() + "@queue-agents/n", "Ext " + a.member());
      System.out.printf("loopback AMI listening on 127.0.0.1:%d; start the system with HOTLINE_AMI_PORT=%d "
          + "HOTLINE_AMI_USER=%s HOTLINE_AMI_SECRET=...%n", port, port, opt(args, "--user", "demo"));
      if (!pbx.awaitLogins(1, Long.parseLong(opt(args, "--login-timeout", "180")), TimeUnit.SECONDS)) {
        System.err.println("nobody logged in; is the system running with HOTLINE_AMI_PORT=" + port + "?");
        System.exit(1);
      }
      Thread.sleep(1000); // let the bridge finish its CoreShowChannels/QueueStatus
      List<AmiMessage> events = build(n, spacing, talk, wait, abandonEvery, random);
      System.out.printf("feeding %d calls (%d events, speed x%s)%n", n, events.size(), speed);
      Replay.backToBack().speed(speed).run(pbx, events);
      Thread.sleep(1000);
      System.out.printf("done: %d calls fed; actions received: %d%n", n, pbx.received().size());
    }
  }

  static List<AmiMessage> build(int n, double spacing, double talk, double wait, int abandonEvery, Random random) {
    List<AmiMessage> answeredTemplate = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
    List<AmiMessage> abandonedTemplate = AmiTranscript.loadEvents(AmiTranscript.ABANDONED);
    CallSynthesizer answered = new CallSynthesizer(answeredTemplate);
    CallSynthesizer abandoned = new CallSynthesizer(abandonedTemplate);
    List<String> seen = new ArrayList<>();
    double start = System.currentTimeMillis() / 1000.0 + 1;
    List<AmiMessage> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Area area = AREAS.get(random.nextInt(AREAS.size()));
      String number = !seen.isEmpty() && random.nextInt(4) == 0 ? seen.get(random.nextInt(seen.size()))
          : random.nextBoolean() ? mobile(random) : area.areaCode() + (6000000 + random.nextInt(3999999));
      seen.add(number);
      boolean isAbandoned = abandonEvery > 0 && (i + 1) % abandonEvery == 0;
      CallSynthesizer.Spec spec = new CallSynthesizer.Spec(number, "hotline-" + area.prefecture(), area.member(),
          area.prefecture(), wait * (0.5 + random.nextDouble()), talk * (0.5 + random.nextDouble()));
      all.addAll((isAbandoned ? abandoned : answered).synthesize(List.of(spec), start + i * spacing, 0, i));
    }
    all.sort(java.util.Comparator.comparingDouble(AmiMessage::timestamp));
    return all;
  }

  private static String mobile(Random r) {
    String[] prefixes = {"139", "138", "158", "181", "187", "150"};
    return prefixes[r.nextInt(prefixes.length)] + String.format("%08d", r.nextInt(100_000_000));
  }

  private static String opt(String[] args, String name, String dflt) {
    for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
    return dflt;
  }
}
