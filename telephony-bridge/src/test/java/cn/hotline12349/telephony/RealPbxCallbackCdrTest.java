package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCdrSource;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Path repo = RealPbxSuiteTest.REPO;
    List<String> results = new ArrayList<>();
    TestDb db = TestDatabase.create();
    TestDatabase.asSuperuser(db.config().database(),
        "do $$ begin create role " + RealPbxCdrTest.CDR_LOGIN + " login; exception when duplicate_object then null; end $$",
        "alter role " + RealPbxCdrTest.CDR_LOGIN + " login password '" + RealPbxCdrTest.CDR_SECRET + "'",
        "grant insert on pbx_cdr to " + RealPbxCdrTest.CDR_LOGIN);
    Vertx vertx = Vertx.vertx();
    try (RealPbx pbx = RealPbx.fromEnv(repo)) {
      pbx.install(Map.of("TRUNK_OUT", "trunk-child-test"));
      cdrPgsql(pbx, db, repo);
      pbx.start();
      assertThat(pbx.cli("cdr show pgsql status")).contains("Connected to " + db.config().database());
      pbx.uas(5071, null, 0); // op1: the operator's phone
      pbx.uas(5080, "uas-talk.xml", 7_000); // the child answers and talks 7 s

      originate("PJSIP/op1", RealPbxScenarios.CHILD, CALLBACK_ID, "630100");
      String count = "select count(*) from pbx_cdr where hotline_callback = '" + CALLBACK_ID + "'";
      await(() -> !CallPersistenceTest.column(db, count).get(0).equals("0"), 40, "the callback's CDR");
      List<String> seen = CallPersistenceTest.column(db, "select count(*) from pbx_cdr");
      do {
        Thread.sleep(1_500);
      } while (!seen.equals(seen = CallPersistenceTest.column(db, "select count(*) from pbx_cdr")));
      String rows = RealCdr.dump(db);
      results.add("pbx_cdr rows:\n" + rows);
      Path recorded = repo.resolve("telephony-bridge/src/test/resources" + RESOURCE);
      Files.createDirectories(recorded.getParent());
      Files.writeString(recorded, rows);

      Pool pool = db.pool(vertx);
      PbxMapping mapping = RealPbxScenarios.mapping(null);
      CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", 5038, "hotline", "change-me-long-random")),
          mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC()).importingCdr(new PgCdrSource(pool));
      vertx.deployVerticle(bridge).await(20, TimeUnit.SECONDS);
      await(() -> bridge.cdrImported() >= 1, 30, "the bridge imported the callback");
      await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 15, "writes done");
      results.add("imported: " + CallPersistenceTest.column(db, RealCallbackCdrReplayTest.DESCRIBE));
      RealCallbackCdrReplayTest.imported(db);
      assertThat(bridge.importCdr().await(10, TimeUnit.SECONDS)).as("imported once").isZero();
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
      Path out = repo.resolve("telephony-bridge/target/real-pbx-callback-cdr-results.txt");
      Files.createDirectories(out.getParent());
      Files.write(out, results);
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

  static void cdrPgsql(RealPbx pbx, TestDb db, Path repo) throws Exception {
    String conf = Files.readString(repo.resolve("scripts/asterisk/cdr_pgsql.conf"));
    Map<String, String> set = Map.of("hostname", db.config().host().equals("localhost") ? "127.0.0.1" : db.config().host(),
        "port", Integer.toString(db.config().port()), "dbname", db.config().database(), "user", RealPbxCdrTest.CDR_LOGIN,
        "password", RealPbxCdrTest.CDR_SECRET, "timezone", "UTC");
    for (Map.Entry<String, String> e : set.entrySet()) {
      String before = conf;
      conf = conf.replaceAll("(?m)^" + e.getKey() + " = [^;\\n]*", e.getKey() + " = " + e.getValue() + " ");
      if (conf.equals(before)) throw new IllegalStateException("no " + e.getKey() + " in cdr_pgsql.conf");
    }
    Files.writeString(pbx.run.resolve("etc/cdr_pgsql.conf"), conf);
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  static void await(Check c, int seconds, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.ok()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(100);
    }
  }
}
