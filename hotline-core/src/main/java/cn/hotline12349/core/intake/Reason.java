package cn.hotline12349.core.intake;

/**
 * Why the suggestion came out as it did: a matched phrase and what it counted for, e.g.
 * ("没有打孩子", "PHYSICAL_ABUSE", "否定，未计入") or ("想死", "SEVERITY", "生命优先: 自杀或自伤言语").
 */
public record Reason(String phrase, String target, String why) {}
