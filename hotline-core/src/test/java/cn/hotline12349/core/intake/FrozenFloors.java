package cn.hotline12349.core.intake;

/**
 * Regression floors for the frozen test: the figures measured with the committed model (docs/intake.md) minus a
 * margin of about two notes. Set once per corpus/model change from the test's aggregate output, never from notes.
 */
final class FrozenFloors {
  private FrozenFloors() {}

  // measured 2026-12-07 09:09 UTC (the one frozen evaluation of that round), model = regression + char n-grams
  // (+ k-NN, CV weight 0) trained on 2142 notes, 471 frozen notes: category 0.866, severity 0.686,
  // EMERGENCY 68/72 = 0.944, false alarms 95/399 = 0.238 of non-emergencies, calibration error 0.042.
  // Before (2026-12-02): category 0.828, severity 0.563, EMERGENCY 68/72, false alarms 0.378, calibration error 0.039.
  static final double CATEGORY = 0.86;
  static final double SEVERITY = 0.68;
  static final double EMERGENCY_RECALL = 0.915;
  static final double FALSE_ALARM_RATE = 0.245;
  static final double CALIBRATION_ERROR = 0.06;
}
