package cn.hotline12349.core.partner;

/** Kinds of partner agency the hotline links children to (DOMAIN.md §3, 资源链接). */
public enum PartnerKind {
  /** 110. */
  POLICE,
  /** 120. */
  AMBULANCE,
  /** 12345 government service hotline. */
  GOV_SERVICE,
  /** 12355 youth service (Communist Youth League). */
  YOUTH,
  /** 12338 women's federation. */
  WOMEN,
  SCHOOL,
  HOSPITAL,
  SOCIAL_WORK,
  PSYCHOLOGICAL,
  /** 儿童督导员 of a township, recorded at its county. */
  CHILD_SUPERVISOR,
  /** 儿童主任 of a village, recorded at its county. */
  CHILD_DIRECTOR;

  /** Field workers below the county are listed at the county that assigns them work. */
  public boolean countyLevel() { return this == CHILD_SUPERVISOR || this == CHILD_DIRECTOR; }
}
