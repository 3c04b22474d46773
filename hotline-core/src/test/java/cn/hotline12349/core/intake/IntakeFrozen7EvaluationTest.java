package cn.hotline12349.core.intake;

/**
 * The seventh held-out set (issue 14 round 8, {@code corpus7/frozen7-NN.tsv}, helper "corpus7"): a writer the model has
 * never learned from, copied unopened. Floors in {@link Frozen7Floors}.
 */
class IntakeFrozen7EvaluationTest extends NewWriterFrozenSetTest {
  IntakeFrozen7EvaluationTest() {
    super("frozen7", new Floors(Frozen7Floors.NOTES, Frozen7Floors.CATEGORY, Frozen7Floors.SEVERITY,
        Frozen7Floors.EMERGENCY_RECALL, Frozen7Floors.FALSE_ALARM_RATE));
  }
}
