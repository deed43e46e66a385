package io.vigil.sync.transfer;

import io.vigil.api.solution.Solution;
import io.vigil.api.validator.SolutionValidator;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Imports an export into this environment through the same planner, gates and applier as sync: the
 * solution rebuilt from the export's bundle is planned against this registry, the bundle itself is
 * the bundle resource (so {@code vigil run --bundle promoted} finds it), and the export's models are
 * imported by checksum as a solution's {@code models/} folder is. An applied (or already current)
 * import promotes its commit here, as sync promotes the commit it applied.
 */
public final class SolutionImport implements AutoCloseable {
  private final ExportArchive archive;
  private final Solution solution;

  private SolutionImport(ExportArchive archive, Solution solution) {
    this.archive = archive;
    this.solution = solution;
  }

  /**
   * What an import did.
   *
   * @param sync the plan, and what its apply did
   * @param promoted true when this import made the commit the promoted one
   * @param modelReport the model update report written, or null
   */
  public record Result(SyncResult sync, boolean promoted, StoredReport modelReport) {}

  /** Opens and checks {@code zip}; nothing is planned yet. */
  public static SolutionImport open(Path zip, ExportArchive.Limits limits) {
    // Overlaps the SQL parser's start with reading the zip, as sync overlaps it with loading the sources.
    SolutionValidator.warmUp();
    Path work;
    try {
      work = Files.createTempDirectory("vigil-import-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ExportArchive archive = ExportArchive.open(zip, work, limits);
      return new SolutionImport(archive, BundleSolution.of(archive));
    } catch (RuntimeException e) {
      ExportArchive.delete(work);
      throw e;
    }
  }

  public String solution() {
    return archive.solution();
  }

  public String commit() {
    return archive.commit();
  }

  /** Plans the import without changing anything. */
  public Result plan(SolutionSync sync) {
    return new Result(sync.plan(solution, archive.commit(), archive.bundle()), false, null);
  }

  /** Plans and applies the import, then promotes its commit and unpauses the DAGs it created. */
  public Result apply(SolutionSync sync) {
    SyncResult result = sync.applyBeforePromotion(solution, archive.commit(), archive.bundle());
    if (result.status() != SyncStatus.APPLIED && result.status() != SyncStatus.NO_CHANGES) {
      return new Result(result, false, null);
    }
    Registry registry = sync.registry();
    String commit = archive.commit();
    if (commit.equals(registry.state(result.solution(), Registry.STATE_PROMOTED))) {
      return new Result(result, false, null);
    }
    registry.recordPromotion(result.solution(), commit, sync.user(), 0);
    SyncResult activated = sync.activate(result);
    return new Result(activated, true, sync.reportModelUpdate(activated));
  }

  /** Deletes the extracted models. */
  @Override
  public void close() {
    ExportArchive.delete(archive.root());
  }
}
