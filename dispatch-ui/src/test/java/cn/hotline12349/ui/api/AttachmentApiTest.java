package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.AttachmentKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Photos and documents on a ticket: recognised by content, limited in size, within scope, every download audited. */
class AttachmentApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();
  static final HttpClient http = HttpClient.newHttpClient();

  static byte[] png(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, b, 0, 8);
    return b;
  }

  static HttpResponse<byte[]> upload(String user, long ticket, String name, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.base() + "/api/tickets/" + ticket + "/attachments"))
        .header("Authorization", "Bearer " + app.login(user)).header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (name != null) b.header("X-Filename", URLEncoder.encode(name, StandardCharsets.UTF_8));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> download(String user, long ticket, long id) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/tickets/" + ticket + "/attachments/" + id))
        .header("Authorization", "Bearer " + app.login(user)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static int count(String sql) throws Exception {
    try (var c = app.db.jdbc(); var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static String text(HttpResponse<byte[]> r) { return new String(r.body(), StandardCharsets.UTF_8); }

  static long dispatchedTicket() {
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    app.post("op-xining", "/api/tickets/" + id + "/dispatch", new JsonObject().put("countyCode", "630102"));
    return id;
  }

  @Test
  void aPhotoIsKeptWithTheTicketAndComesBackUnchangedToThoseInScope() throws Exception {
    long id = dispatchedTicket();
    byte[] photo = png(3 * 1024 * 1024); // above the API's ordinary 256 KiB body limit
    HttpResponse<byte[]> up = upload("h-chengdong", id, "小丽手臂伤情.png", photo);
    assertThat(up.statusCode()).as(text(up)).isEqualTo(201);
    JsonObject a = new JsonObject(text(up));
    assertThat(a.getString("filename")).isEqualTo("小丽手臂伤情.png");
    assertThat(a.getString("contentType")).isEqualTo("image/png");
    assertThat(a.getInteger("size")).isEqualTo(photo.length);

    JsonObject detail = app.get("sup-xining", "/api/tickets/" + id).json();
    JsonArray files = detail.getJsonArray("attachments");
    assertThat(files).hasSize(1);
    assertThat(files.getJsonObject(0).getString("uploadedBy")).isEqualTo("h-chengdong");
    assertThat(detail.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("type")))
        .contains("ATTACHMENT_ADDED");

    HttpResponse<byte[]> down = download("sup-xining", id, a.getLong("id"));
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(Arrays.equals(down.body(), photo)).as("same bytes back").isTrue();
    assertThat(down.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(down.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(down.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(count("select count(*) from audit_log where action = 'attachment-download' and ticket_id = " + id
        + " and username = 'sup-xining'")).isEqualTo(1);

    HttpResponse<byte[]> other = download("h-yushu", id, a.getLong("id"));
    assertThat(other.statusCode()).as("another county").isIn(403, 404);
    assertThat(other.body().length).isLessThan(2000);
    assertThat(upload("h-yushu", id, "x.png", png(100)).statusCode()).isIn(403, 404);
    assertThat(download("admin", id, a.getLong("id")).statusCode()).as("administration is not case access").isEqualTo(403);
  }

  @Test
  void whatIsNotAPhotoOrDocumentOrTooLargeIsRefusedAndNothingStored() throws Exception {
    long id = dispatchedTicket();
    int before = count("select count(*) from ticket_attachments");
    HttpResponse<byte[]> html = upload("op-xining", id, "photo.png",
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    assertThat(html.statusCode()).isEqualTo(422);
    assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(text(html)).contains("\"field\":\"file\"");
    byte[] zip = png(100);
    System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
    assertThat(upload("op-xining", id, "macros.docm", zip).statusCode()).as("a zip that is not a .docx").isEqualTo(422);
    HttpResponse<byte[]> noName = upload("op-xining", id, null, png(100));
    assertThat(noName.statusCode()).isEqualTo(422);
    assertThat(text(noName)).contains("\"field\":\"filename\"");
    HttpResponse<byte[]> huge = upload("op-xining", id, "big.png", png(AttachmentKind.MAX_BYTES + 1));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(count("select count(*) from ticket_attachments")).isEqualTo(before);
    assertThat(count("select count(*) from ticket_events where ticket_id = " + id + " and type = 'ATTACHMENT_ADDED'"))
        .isZero();
    // A path in the name is dropped, not trusted.
    HttpResponse<byte[]> path = upload("op-xining", id, "../../etc/报告.png", png(100));
    assertThat(new JsonObject(text(path)).getString("filename")).isEqualTo("报告.png");
  }
}
