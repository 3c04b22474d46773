package cn.hotline12349.core.intake;

/**
 * The sixth held-out set (issue 14 round 7, {@code corpus6/frozen6-NN.tsv}, helper "corpus6"): a writer the model has
 * never learned from, copied unopened. Floors in {@link Frozen6Floors}.
 */
class IntakeFrozen6EvaluationTest extends NewWriterFrozenSetTest {
  IntakeFrozen6EvaluationTest() {
    super("frozen6", new Floors(Frozen6Floors.NOTES, Frozen6Floors.CATEGORY, Frozen6Floors.SEVERITY,
        Frozen6Floors.EMERGENCY_RECALL, Frozen6Floors.FALSE_ALARM_RATE));
  }
}
