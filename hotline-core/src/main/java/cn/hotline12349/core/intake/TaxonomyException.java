package cn.hotline12349.core.intake;

/** The taxonomy configuration is invalid; the message names the offending entry. */
public class TaxonomyException extends RuntimeException {
  public TaxonomyException(String message) { super(message); }

  public TaxonomyException(String message, Throwable cause) { super(message, cause); }
}
