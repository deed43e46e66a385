package io.vigil.runtime.connector;

import io.vigil.api.connector.Connector;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector's landing folder ({@code datasources/<folder>/} of the solution bucket), as ThetaRay
 * users reach it in the MinIO console: files put here are what the next upload reads.
 */
public final class Landing {
  private Landing() {}

  /**
   * Copies {@code files} into the landing folder of {@code connector}.
   *
   * @param subFolder a sub-folder for uploads by execution date ({@code 2024_01_31_00_00_00}), or null
   * @return the {@code s3://bucket/key} of each file, in order
   */
  public static List<String> put(ObjectStore objects, Layout layout, Connector connector, String subFolder, List<Path> files) {
    if (connector.landingFolder() == null) {
      throw RuntimeErrors.notALandingConnector(connector.identifier());
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw RuntimeErrors.fileNotFound(f);
      }
    }
    if (!objects.bucketExists(layout.bucket())) {
      throw RuntimeErrors.landingFolderBucketMissing(connector.identifier(), layout.bucket());
    }
    String prefix = layout.landingPrefix(connector.landingFolder()) + (subFolder == null ? "" : subFolder + "/");
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      String key = prefix + f.getFileName();
      objects.put(layout.bucket(), key, f);
      out.add("s3://" + layout.bucket() + "/" + key);
    }
    return out;
  }
}
