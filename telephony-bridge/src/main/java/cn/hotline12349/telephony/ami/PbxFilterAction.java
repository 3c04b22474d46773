package cn.hotline12349.telephony.ami;

import org.asteriskjava.manager.action.FilterAction;

/**
 * Asterisk's {@code Filter} action with the {@code MatchCriteria} header Asterisk 20.20.1 reads (manager.c
 * {@code action_filter}: it becomes {@code eventfilter(<MatchCriteria>)}); Asterisk-Java's own action has only
 * {@code Filter} (the legacy regular expression over the whole event).
 */
public final class PbxFilterAction extends FilterAction {
  private static final long serialVersionUID = 1L;
  private final String matchCriteria;

  public PbxFilterAction(AmiEventMapper.PbxFilter f) {
    super(f.pattern().isEmpty() ? null : f.pattern());
    this.matchCriteria = f.matchCriteria();
  }

  public String getMatchCriteria() {
    return matchCriteria;
  }
}
