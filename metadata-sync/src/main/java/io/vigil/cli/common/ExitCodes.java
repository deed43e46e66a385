package io.vigil.cli.common;

/** The process exit codes of the vigil CLI; they are part of its contract. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int INVALID = 3;
  public static final int CHANGES = 4;
  public static final int CONFLICT = 5;
  /** A drift check in block mode found drift (ErrorCode.DRIFT_DETECTED): the DAG stops before evaluation. */
  public static final int DRIFT = 6;

  private ExitCodes() {}
}
