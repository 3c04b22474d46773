package cn.hotline12349.core.intake;

/**
 * The fifth held-out set (issue 14 round 6, {@code corpus5/frozen5-NN.tsv}, helper "corpus5"): a writer the model has
 * never learned from, copied unopened. Floors in {@link Frozen5Floors}.
 */
class IntakeFrozen5EvaluationTest extends NewWriterFrozenSetTest {
  IntakeFrozen5EvaluationTest() {
    super("frozen5", new Floors(Frozen5Floors.NOTES, Frozen5Floors.CATEGORY, Frozen5Floors.SEVERITY,
        Frozen5Floors.EMERGENCY_RECALL, Frozen5Floors.FALSE_ALARM_RATE));
  }
}
