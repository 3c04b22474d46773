package cn.hotline12349.core.domain;

/** A child named in a report; every field may be unknown at intake except what dispatch needs later. */
public record ChildDraft(String name, Integer age, Gender gender, String countyCode, String address,
                         boolean disability, boolean noGuardian) {
  public enum Gender { MALE, FEMALE, UNKNOWN }
}
