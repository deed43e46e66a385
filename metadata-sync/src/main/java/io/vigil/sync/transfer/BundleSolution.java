package io.vigil.sync.transfer;

import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.source.SourceMap;
import io.vigil.runtime.bundle.Bundle;
import io.vigil.sync.errors.SyncErrors;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The solution an export carries, rebuilt from its bundle: the manifest, every entity's canonical
 * JSON and the job classes, which are all that the validator, the stores' desired resources and the
 * risk SQL check read. Its root is the import's work directory, so the models of the export are its
 * {@code models/} folder. There are no sources, so problems point at the bundle.
 */
final class BundleSolution {
  private BundleSolution() {}

  static Solution of(ExportArchive archive) {
    Bundle opened;
    try {
      opened = Bundle.open(archive.bundle(), null);
    } catch (UncheckedIOException e) {
      throw SyncErrors.importNotAnExport(archive.file(), "its " + ExportManifest.BUNDLE + " is not a readable bundle: "
          + e.getCause().getMessage());
    }
    try (Bundle bundle = opened) {
      if (!bundle.solution().equals(archive.solution()) || !bundle.commit().equals(archive.commit())) {
        throw SyncErrors.importBundleMismatch(archive.file(), archive.solution() + " at " + archive.commit(),
            bundle.solution() + " at " + bundle.commit());
      }
      SourceLocation where = SourceLocation.file(archive.file().getFileName() + "!" + ExportManifest.BUNDLE);
      List<LoadedEntity> entities = bundle.entities().stream()
          .map(e -> new LoadedEntity(e.entity(), e.domain(), SourceMap.of(where))).toList();
      return new Solution(archive.root(), bundle.manifest(), entities, bundle.jobs(), List.of(), null, Set.of());
    }
  }
}
