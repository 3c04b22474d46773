package cn.hotline12349.ui.faults;

import cn.hotline12349.ui.api.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP for the fault tests: status and headers that RunningApp's client does not show. */
final class SecurityProbe {
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SecurityProbe() {}

  static int status(RunningApp app, String path) { return send(app, path, null).statusCode(); }

  static String header(RunningApp app, String path, String token, String name) {
    return send(app, path, token).headers().firstValue(name).orElse(null);
  }

  static HttpResponse<String> send(RunningApp app, String path, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(20));
      if (token != null) b.header("Authorization", "Bearer " + token);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
  }
}
