package io.vigil.runtime.monitoring;

import io.vigil.runtime.layout.Environment;
import java.util.List;
import java.util.Map;

/**
 * What an upload did, as the data upload report shows it.
 *
 * @param connector the connector run
 * @param environment where its rows went
 * @param files each input file, in the order read
 * @param writtenByDataset rows written per target dataset
 */
public record UploadSummary(String connector, Environment environment, List<UploadedFile> files,
    Map<String, Long> writtenByDataset) {
  public UploadSummary {
    files = List.copyOf(files);
    writtenByDataset = Map.copyOf(writtenByDataset);
  }

  /**
   * One input file.
   *
   * @param key the object key it was read from
   * @param rowsRead its records
   * @param rowsWritten its records stored (or already current)
   * @param rowsRejected its records sent to a rejected-rows table
   * @param archivedTo where it was moved, or null when it stayed in place
   */
  public record UploadedFile(String key, long rowsRead, long rowsWritten, long rowsRejected, String archivedTo) {}
}
