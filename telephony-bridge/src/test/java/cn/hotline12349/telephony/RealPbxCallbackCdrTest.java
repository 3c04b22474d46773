package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A callback (reply call) on a real Asterisk 20 while NO bridge is connected: the operator's leg is originated
 * through the AMI exactly as {@link Callbacks#place} sends it (PJSIP/op1, context hotline-callback, HOTLINE_CALLBACK,
 * HOTLINE_PREFECTURE), the child (sipp UAS on 5080) answers and talks 7 s; cdr_pgsql writes the rows; then a bridge
 * connects and imports the callback leg once. The rows are recorded to
 * src/test/resources{@value #RESOURCE} for {@link RealCallbackCdrReplayTest}. Runs only with {@code -Preal-pbx} and
 * AST_HOME, under {@code flock /tmp/realpbx.lock}.
 */
@Tag("real-pbx")
class RealPbxCallbackCdrTest {
  static final String RESOURCE = "/cdr/real/callback-answered.tsv";
  static final String CALLBACK_ID = "cb-real-pbx-1";

  @Test
  void aCallbackMadeWhileNoBridgeListenedIsImportedOnceFromTheRealCdr() throws Exception {
    Path repo = RealPbx.REPO;
    List<String> results = new ArrayList<>();
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    try (RealPbx pbx = RealPbx.fromEnv(repo)) {
      pbx.boot(Map.of("TRUNK_OUT", "trunk-child-test"), db, RealPbx.OP1); // op1: the operator's phone
      pbx.uas(5080, "uas-talk.xml", 7_000); // the child answers and talks 7 s

      originate("PJSIP/op1", RealPbxScenarios.CHILD, CALLBACK_ID, "630100");
      String count = "select count(*) from pbx_cdr where hotline_callback = '" + CALLBACK_ID + "'";
      await(() -> !CallPersistenceTest.column(db, count).get(0).equals("0"), 40, "the callback's CDR");
      RealPbx.awaitCdrSettled(db);
      String rows = RealCdr.dump(db);
      results.add("pbx_cdr rows:\n" + rows);
      Path recorded = repo.resolve("telephony-bridge/src/test/resources" + RESOURCE);
      Files.createDirectories(recorded.getParent());
      Files.writeString(recorded, rows);

      CallBridge bridge = RealPbx.bridge(vertx, db.pool(vertx), RealPbxScenarios.mapping(null), true);
      await(() -> bridge.cdrImported() >= 1, 30, "the bridge imported the callback");
      await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
      results.add("imported: " + CallPersistenceTest.column(db, RealCallbackCdrReplayTest.DESCRIBE));
      RealCallbackCdrReplayTest.imported(db);
      assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).as("imported once").isZero();
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
      RealPbx.writeResults("telephony-bridge", "real-pbx-callback-cdr-results.txt", results);
    }
  }

  /** The Originate {@link Callbacks#place} sends, written on a raw AMI socket (no bridge, no Asterisk-Java). */
  static void originate(String channel, String number, String callbackId, String org) throws Exception {
    try (Socket s = new Socket("127.0.0.1", 5038)) {
      OutputStream out = s.getOutputStream();
      out.write(("Action: Login\r\nUsername: hotline\r\nSecret: change-me-long-random\r\nEvents: off\r\n\r\n"
          + "Action: Originate\r\nActionID: " + callbackId + "\r\nChannel: " + channel + "\r\nContext: hotline-callback\r\n"
          + "Exten: " + number + "\r\nPriority: 1\r\nCallerID: 12349\r\nTimeout: 30000\r\nAsync: true\r\n"
          + "Variable: HOTLINE_CALLBACK=" + callbackId + "\r\nVariable: HOTLINE_PREFECTURE=" + org + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      byte[] buf = new byte[4096];
      s.setSoTimeout(1_000);
      while (!got.toString().contains("Originate successfully queued") && System.nanoTime() < end) {
        try {
          int n = in.read(buf);
          if (n < 0) break;
          got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        } catch (java.net.SocketTimeoutException e) {
          // keep reading until the deadline
        }
      }
      assertThat(got.toString()).as("the PBX accepted the Originate").contains("Originate successfully queued");
    }
  }

  static void await(RealPbx.Check c, int seconds, String what) throws Exception {
    RealPbx.await(c, seconds, what);
  }
}
