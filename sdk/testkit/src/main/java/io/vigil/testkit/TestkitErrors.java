package io.vigil.testkit;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;

/**
 * The user-facing errors of the solution testkit, each with its stable id: "Cannot &lt;verb&gt;
 * &lt;object&gt;: &lt;reason&gt;". A solution that does not validate fails its tests with
 * {@code SolutionNotApplied}, an assertion error, rather than with one of these.
 */
public final class TestkitErrors {
  private TestkitErrors() {}

  /** The ids of the testkit. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    STACK_HOME_UNCREATABLE("VGL-TK-001", ErrorCode.STORE_FAILURE, "The temporary home of the test stack could not be created.");

    private final String id;
    private final ErrorCode code;
    private final String summary;

    Id(String id, ErrorCode code, String summary) {
      this.id = id;
      this.code = code;
      this.summary = summary;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ErrorCode code() {
      return code;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  public static VigilException stackHomeUncreatable(Exception cause) {
    return new VigilException(Id.STACK_HOME_UNCREATABLE, "Cannot create a home for the test stack: " + cause.getMessage(),
        cause);
  }
}
