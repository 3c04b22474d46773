package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.sla.SlaConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;

/** The repository's real calendar files, as production loads them. */
final class TestCalendars {
  static final WorkingCalendar CHINA = SlaConfig.load(configDir()).calendar();

  private TestCalendars() { }

  static Path configDir() {
    return Path.of(System.getProperty("hotline.repo.root", "..")).resolve("config");
  }

  /** A Beijing wall time as an instant. */
  static Instant bj(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.CHINA).toInstant();
  }
}
