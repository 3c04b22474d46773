package cn.hotline12349.core.intake;

/**
 * The third held-out set (issue 14, {@code corpus3/frozen3-NN.tsv}, helper "corpus3"): a writer the model has never
 * learned from. Floors in {@link Frozen3Floors}.
 */
class IntakeFrozen3EvaluationTest extends NewWriterFrozenSetTest {
  IntakeFrozen3EvaluationTest() {
    super("frozen3", new Floors(Frozen3Floors.NOTES, Frozen3Floors.CATEGORY, Frozen3Floors.SEVERITY,
        Frozen3Floors.EMERGENCY_RECALL, Frozen3Floors.FALSE_ALARM_RATE));
  }
}
