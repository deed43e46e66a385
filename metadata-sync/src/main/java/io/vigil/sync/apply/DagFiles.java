package io.vigil.sync.apply;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.sync.plan.Action;
import io.vigil.sync.plan.Change;
import io.vigil.sync.resource.DesiredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and removes rendered DAG files in the Airflow DAGs folder; a file appears whole or not at all. */
final class DagFiles {
  private DagFiles() {}

  static void apply(Change change) {
    try {
      if (change.action() == Action.DELETE) {
        Files.deleteIfExists(Path.of(String.valueOf(change.before().spec().get("file"))));
        return;
      }
      DesiredState.DagFilePayload payload = change.after().payload(DesiredState.DagFilePayload.class);
      Files.createDirectories(payload.file().getParent());
      // Airflow parses the folder continuously: write aside, then move into place atomically.
      Path temp = payload.file().resolveSibling("." + payload.file().getFileName() + ".tmp");
      Files.writeString(temp, payload.content(), StandardCharsets.UTF_8);
      Files.move(temp, payload.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new VigilException(ErrorCode.STORE_FAILURE, "Cannot write DAG file of " + change.address() + ": " + e.getMessage(), e);
    }
  }
}
