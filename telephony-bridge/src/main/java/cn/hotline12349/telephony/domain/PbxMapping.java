package cn.hotline12349.telephony.domain;

import cn.hotline12349.core.domain.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PBX facts the bridge needs (config/pbx-mapping.yaml): which trunk, DID or caller area code
 * means which prefecture, each prefecture's queue, the IVR keys, and which queue-member interface
 * is which operator.
 *
 * @param provinceCode org code of the province (its queue takes overflow, night service, minority languages)
 * @param trunks channel-name prefix (e.g. "PJSIP/trunk-golmud") to prefecture code
 * @param dids dialled number (DNID) to prefecture code
 * @param areaCodes landline area code (with 0) to prefecture code
 * @param queues org code to queue name
 * @param languageKeys IVR digit to language code (zh, bo, mn)
 * @param languageQueues language code to queue name, for languages served centrally
 * @param dangerKey IVR digit meaning "someone is in danger now"
 * @param members queue-member interface (e.g. "PJSIP/8001") to operator username
 * @param ivr how long the intake waits for keys (a caller who presses nothing goes to the default route)
 * @param nightService hours and time zone of night service (calls go straight to the province's queue)
 * @param callbackMinTalkSeconds a callback counts as done only when the called party talked at least this long
 */
public record PbxMapping(
    String provinceCode,
    List<String> serviceNumbers,
    Map<String, String> trunks,
    Map<String, String> dids,
    Map<String, String> areaCodes,
    Map<String, String> queues,
    Map<String, String> languageKeys,
    Map<String, String> languageQueues,
    String dangerKey,
    Map<String, String> members,
    Ivr ivr,
    NightService nightService,
    Integer callbackMinTalkSeconds) {

  /**
   * @param digitTimeoutMs wait for each key; no key at the language menu skips the danger question: the call is routed
   *     at once (a child who cannot speak or press keys reaches a person after one timeout)
   */
  public record Ivr(Long digitTimeoutMs) {
    public static final long DEFAULT_DIGIT_TIMEOUT_MS = 3_000;

    public long digitTimeout() {
      return digitTimeoutMs == null || digitTimeoutMs <= 0 ? DEFAULT_DIGIT_TIMEOUT_MS : digitTimeoutMs;
    }
  }

  /**
   * @param zone IANA time zone the hours are read in (the PBX's own clock zone does not matter)
   * @param from first minute of night service, "HH:mm"
   * @param until first minute of day service, "HH:mm"
   */
  public record NightService(String zone, String from, String until) {
    public NightService {
      java.time.ZoneId.of(zone == null ? "Asia/Shanghai" : zone); // fails at start-up on a bad zone
      java.time.LocalTime.parse(from == null ? "22:00" : from);
      java.time.LocalTime.parse(until == null ? "08:00" : until);
    }

    public java.time.ZoneId zoneId() {
      return java.time.ZoneId.of(zone == null ? "Asia/Shanghai" : zone);
    }

    /** Night at this instant in the configured zone; the window may run over midnight. */
    public boolean isNight(java.time.Instant at) {
      java.time.LocalTime t = at.atZone(zoneId()).toLocalTime();
      java.time.LocalTime f = java.time.LocalTime.parse(from == null ? "22:00" : from);
      java.time.LocalTime u = java.time.LocalTime.parse(until == null ? "08:00" : until);
      return f.isBefore(u) ? !t.isBefore(f) && t.isBefore(u) : !t.isBefore(f) || t.isBefore(u);
    }
  }

  public PbxMapping {
    serviceNumbers = List.copyOf(serviceNumbers == null ? List.of() : serviceNumbers);
    trunks = Map.copyOf(trunks == null ? Map.of() : trunks);
    dids = Map.copyOf(dids == null ? Map.of() : dids);
    areaCodes = Map.copyOf(areaCodes == null ? Map.of() : areaCodes);
    queues = Map.copyOf(queues == null ? Map.of() : queues);
    languageKeys = Map.copyOf(languageKeys == null ? Map.of() : languageKeys);
    languageQueues = Map.copyOf(languageQueues == null ? Map.of() : languageQueues);
    members = Map.copyOf(members == null ? Map.of() : members);
    ivr = ivr == null ? new Ivr(null) : ivr;
    nightService = nightService == null ? new NightService(null, null, null) : nightService;
    callbackMinTalkSeconds = callbackMinTalkSeconds == null ? 5 : callbackMinTalkSeconds;
  }

  public String provinceQueue() {
    return queues.getOrDefault(provinceCode, "q-" + provinceCode);
  }

  public String queueOf(String orgCode) {
    return queues.getOrDefault(orgCode, provinceQueue());
  }

  /** Longest matching trunk prefix of a channel name such as "PJSIP/trunk-golmud-0000001a". */
  public Optional<String> prefectureOfTrunk(String channel) {
    if (channel == null) return Optional.empty();
    return trunks.entrySet().stream().filter(e -> channel.startsWith(e.getKey()))
        .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length())).map(Map.Entry::getValue);
  }

  public Optional<String> prefectureOfDid(String dnid) {
    return dnid == null ? Optional.empty() : Optional.ofNullable(dids.get(dnid.strip()));
  }

  /** From the caller's landline area code; mobiles carry no area code and give empty. */
  public Optional<String> prefectureOfCaller(String callerNumber) {
    return PhoneNumber.parse(callerNumber).flatMap(PhoneNumber::areaCode).map(areaCodes::get);
  }

  /** Operator username for a queue-member interface; "Local/8001@agents/n" style is matched on its extension too. */
  public Optional<String> usernameOf(String memberInterface) {
    if (memberInterface == null) return Optional.empty();
    String direct = members.get(memberInterface);
    if (direct != null) return Optional.of(direct);
    return members.entrySet().stream().filter(e -> memberInterface.startsWith(e.getKey() + "/")
        || memberInterface.startsWith(e.getKey() + "@")).map(Map.Entry::getValue).findFirst();
  }

  /** The operator's own phone (a PJSIP/SIP/IAX interface, not a Local/ test member), to ring or add to a queue. */
  public Optional<String> phoneOf(String username) {
    return members.entrySet().stream().filter(e -> e.getValue().equals(username))
        .map(Map.Entry::getKey).filter(i -> !i.startsWith("Local/")).sorted().findFirst();
  }
}
