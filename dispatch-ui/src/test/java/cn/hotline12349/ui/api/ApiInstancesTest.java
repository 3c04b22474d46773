package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.ui.HotlineApp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One API verticle per core on one port: sessions (in the database) and live push work whichever instance a
 * connection lands on. Several event streams (new connections, spread round-robin over the instances) all get the
 * news of one ticket created through yet another connection.
 */
class ApiInstancesTest {
  @Test
  void everyEventStreamGetsTheNewsWhicheverInstanceServesIt() throws Exception {
    try (RunningApp app = RunningApp.start(TestDatabase.create().config())) {
      int streams = Math.max(4, 2 * HotlineApp.apiInstances());
      String token = app.login("op-xining");
      List<CompletableFuture<String>> heard = new ArrayList<>();
      List<InputStream> bodies = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.base() + "/api/events")).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        bodies.add(r.body());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); !": connected".equals(line); line = in.readLine()) {
          assertThat(line).as("the stream opens").isNotNull();
        }
        heard.add(CompletableFuture.supplyAsync(() -> firstTicketNews(in)));
      }
      long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
      for (CompletableFuture<String> f : heard) {
        assertThat(f.get(20, TimeUnit.SECONDS)).contains("\"ticketId\":" + id).contains("CREATED");
      }
      for (InputStream b : bodies) b.close();
    }
  }

  private static String firstTicketNews(BufferedReader in) {
    try {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("data:") && line.contains("hotline.ticket.changed")) return line;
      }
      return "";
    } catch (Exception e) {
      return "failed: " + e;
    }
  }
}
