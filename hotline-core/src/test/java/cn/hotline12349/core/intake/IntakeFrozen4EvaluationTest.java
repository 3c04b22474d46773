package cn.hotline12349.core.intake;

/**
 * The fourth held-out set (issue 14 round 5, {@code corpus4/frozen4-NN.tsv}, helper "corpus4"): a writer the model has
 * never learned from, copied unopened. Floors in {@link Frozen4Floors}.
 */
class IntakeFrozen4EvaluationTest extends NewWriterFrozenSetTest {
  IntakeFrozen4EvaluationTest() {
    super("frozen4", new Floors(Frozen4Floors.NOTES, Frozen4Floors.CATEGORY, Frozen4Floors.SEVERITY,
        Frozen4Floors.EMERGENCY_RECALL, Frozen4Floors.FALSE_ALARM_RATE));
  }
}
