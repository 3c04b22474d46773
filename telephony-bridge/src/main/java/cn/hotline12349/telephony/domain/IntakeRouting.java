package cn.hotline12349.telephony.domain;

/**
 * The intake decision the FastAGI script makes for each call: which prefecture's queue, which
 * language, whether someone is in danger now (which raises the queue priority).
 */
public final class IntakeRouting {
  public static final String MANDARIN = "zh";
  public static final int DANGER_PRIORITY = 10;

  public record Request(String channel, String dnid, String callerNumber, String languageDigit, String dangerDigit) {}

  /**
   * @param source how the prefecture was found: TRUNK, DID, AREA_CODE or DEFAULT
   * @param night night service (configured hours in the configured zone): the dialplan sends the call to the province
   */
  public record Decision(String prefecture, String queue, int priority, String language, boolean danger, String source,
      boolean night) {}

  private final PbxMapping mapping;
  private final java.time.Clock clock;

  public IntakeRouting(PbxMapping mapping, java.time.Clock clock) {
    this.mapping = mapping;
    this.clock = clock;
  }

  public PbxMapping mapping() {
    return mapping;
  }

  public Decision decide(Request r) {
    String prefecture;
    String source;
    var trunk = mapping.prefectureOfTrunk(r.channel());
    var did = mapping.prefectureOfDid(r.dnid());
    var area = mapping.prefectureOfCaller(r.callerNumber());
    if (trunk.isPresent()) {
      prefecture = trunk.get();
      source = "TRUNK";
    } else if (did.isPresent()) {
      prefecture = did.get();
      source = "DID";
    } else if (area.isPresent()) {
      prefecture = area.get();
      source = "AREA_CODE";
    } else {
      prefecture = mapping.provinceCode();
      source = "DEFAULT";
    }
    String language = r.languageDigit() == null ? MANDARIN
        : mapping.languageKeys().getOrDefault(r.languageDigit(), MANDARIN);
    boolean danger = mapping.dangerKey() != null && mapping.dangerKey().equals(r.dangerDigit());
    String queue = mapping.languageQueues().containsKey(language) ? mapping.languageQueues().get(language)
        : mapping.queueOf(prefecture);
    return new Decision(prefecture, queue, danger ? DANGER_PRIORITY : 0, language, danger, source,
        mapping.nightService().isNight(clock.instant()));
  }
}
