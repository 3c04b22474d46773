package cn.hotline12349.core.intake;

/** What the operator has so far: free-text notes (Chinese) and any fields already filled; all but notes may be null. */
public record IntakeRequest(String notes, Integer childAge, String address, String countyCode) {
  public static IntakeRequest ofNotes(String notes) { return new IntakeRequest(notes, null, null, null); }
}
