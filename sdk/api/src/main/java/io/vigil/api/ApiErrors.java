package io.vigil.api;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The user-facing errors of the SDK's API module, each with its stable id. It takes JDK types only, so
 * that every package of the API can use it without a package cycle.
 */
public final class ApiErrors {
  private ApiErrors() {}

  /** The ids of the API module. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    SOLUTION_NOT_A_DIRECTORY("VGL-API-001", ErrorCode.NOT_FOUND, "The solution directory does not exist or is not a directory."),
    METADATA_UNREADABLE("VGL-API-002", ErrorCode.INVALID_METADATA,
        "YAML or JSON does not decode in the canonical schema: malformed text, unknown keys or wrong types.");

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

  public static VigilException solutionNotADirectory(Path root) {
    return new VigilException(Id.SOLUTION_NOT_A_DIRECTORY, "Cannot load solution: " + root + " is not a directory");
  }

  /** {@code problems} are rendered problems, one per line of the message. */
  public static VigilException metadataUnreadable(Class<?> type, List<String> problems) {
    return new VigilException(Id.METADATA_UNREADABLE, "Cannot read " + type.getSimpleName() + ":\n"
        + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n")));
  }
}
