package io.vigil.cli.common;

/** The process exit codes of the vigil CLI; they are part of its contract. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int INVALID = 3;
  public static final int CHANGES = 4;
  public static final int CONFLICT = 5;

  /** For picocli's exitCodeList on every command. */
  public static final String[] LIST = {
    "0:success, or no changes",
    "1:internal error",
    "2:invalid command line",
    "3:invalid solution or input",
    "4:the plan has changes (with --detailed-exitcode)",
    "5:conflict: another sync holds the lock, or a branch diverged"
  };

  private ExitCodes() {}
}
