package cn.hotline12349.telephony.loopback;

import java.util.List;
import java.util.Random;

/** Test access to the feeder's call generator. */
public final class FeedCallsAccess {
  private FeedCallsAccess() {}

  public static List<AmiMessage> build(int n, double spacing, double talk, double wait, int abandonEvery, Random r) {
    return FeedCalls.build(n, spacing, talk, wait, abandonEvery, r);
  }
}
