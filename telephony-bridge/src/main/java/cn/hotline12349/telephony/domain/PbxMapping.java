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
    Map<String, String> members) {

  public PbxMapping {
    serviceNumbers = List.copyOf(serviceNumbers == null ? List.of() : serviceNumbers);
    trunks = Map.copyOf(trunks == null ? Map.of() : trunks);
    dids = Map.copyOf(dids == null ? Map.of() : dids);
    areaCodes = Map.copyOf(areaCodes == null ? Map.of() : areaCodes);
    queues = Map.copyOf(queues == null ? Map.of() : queues);
    languageKeys = Map.copyOf(languageKeys == null ? Map.of() : languageKeys);
    languageQueues = Map.copyOf(languageQueues == null ? Map.of() : languageQueues);
    members = Map.copyOf(members == null ? Map.of() : members);
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
