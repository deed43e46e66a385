package io.vigil.runtime.mlflow;

import java.util.Objects;

/**
 * An entry of an artifact listing.
 *
 * @param path its path relative to the artifact location that was listed, e.g. {@code models/ad/model.json}
 * @param directory true for a directory
 * @param size the file size in bytes; 0 for a directory
 */
public record MlflowArtifact(String path, boolean directory, long size) {
  public MlflowArtifact {
    Objects.requireNonNull(path, "path");
  }
}
