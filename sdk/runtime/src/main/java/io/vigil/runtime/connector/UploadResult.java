package io.vigil.runtime.connector;

import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What an upload did: per file and per target dataset.
 *
 * @param connector the connector run
 * @param environment where the rows went
 * @param executionDate the execution date of the rows
 * @param files each input file
 * @param targets the write of each target dataset
 * @param report the path of its data upload report, or null when none was written
 */
public record UploadResult(String connector, Environment environment, LocalDateTime executionDate,
    List<FileResult> files, List<WriteResult> targets, String report) {
  public UploadResult {
    files = List.copyOf(files);
    targets = List.copyOf(targets);
  }

  public UploadResult(String connector, Environment environment, LocalDateTime executionDate, List<FileResult> files,
      List<WriteResult> targets) {
    this(connector, environment, executionDate, files, targets, null);
  }

  public UploadResult withReport(String path) {
    return new UploadResult(connector, environment, executionDate, files, targets, path);
  }

  public long rowsIn() {
    return files.stream().mapToLong(FileResult::rowsIn).sum();
  }

  public long rowsRejected() {
    return files.stream().mapToLong(FileResult::rowsRejected).sum();
  }

  public long rowsWritten() {
    return targets.stream().mapToLong(WriteResult::written).sum();
  }
}
