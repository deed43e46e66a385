package io.vigil.sync.git;

import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.registry.Registry;
import java.nio.file.Path;

/**
 * Syncs the head of the staging branch of a repository and promotes it (MS-5): fetch, refuse when
 * the operational branch has diverged, check out, sync, then fast-forward operational to the
 * commit and push. A commit that is invalid or blocked is not promoted.
 */
public final class GitSync {
  /** Where the operational branch ended up. */
  public enum Promotion {
    /** It was fast-forwarded (or created) at the commit. */
    PROMOTED,
    /** It already pointed at the commit. */
    UP_TO_DATE,
    /** The commit was not applied, so operational did not move. */
    NOT_PROMOTED
  }

  /**
   * One sync of the staging head.
   *
   * @param commit the staging head
   * @param sync what the sync did
   * @param promotion what happened to the operational branch
   * @param report the model update report the promotion wrote, or null when none
   */
  public record Result(String commit, SyncResult sync, Promotion promotion, StoredReport report) {
    public Result(String commit, SyncResult sync, Promotion promotion) {
      this(commit, sync, promotion, null);
    }
  }

  private final GitSource source;
  private final SolutionSync sync;
  private final String staging;
  private final String operational;

  public GitSync(GitSource source, SolutionSync sync, String staging, String operational) {
    this.source = source;
    this.sync = sync;
    this.staging = staging;
    this.operational = operational;
  }

  /** The staging head after a fetch; fails when the branch does not exist. */
  public String fetchStagingHead() {
    source.fetch();
    String head = source.head(staging);
    if (head == null) {
      throw SyncErrors.stagingBranchMissing(source.url(), staging);
    }
    return head;
  }

  public Result once() {
    String commit = fetchStagingHead();
    String promoted = source.head(operational);
    if (promoted != null && !source.isAncestor(promoted, commit)) {
      throw SyncErrors.operationalDiverged(commit, operational, promoted, staging);
    }
    Path tree = source.checkout(commit);
    SyncResult result = sync.applyBeforePromotion(tree, commit);
    if (result.status() != SyncStatus.APPLIED && result.status() != SyncStatus.NO_CHANGES) {
      return new Result(commit, result, Promotion.NOT_PROMOTED);
    }
    Registry registry = sync.registry();
    if (commit.equals(promoted)) {
      registry.putState(result.solution(), Registry.STATE_PROMOTED, commit);
      return new Result(commit, result, Promotion.UP_TO_DATE);
    }
    long start = System.nanoTime();
    source.fastForward(operational, commit);
    registry.recordPromotion(result.solution(), commit, sync.user(), (System.nanoTime() - start) / 1_000_000);
    // Only once promoted: the first run of a new DAG must find its commit on the operational branch,
    // and the model update report describes what the operational branch now runs.
    SyncResult activated = sync.activate(result);
    return new Result(commit, activated, Promotion.PROMOTED, sync.reportModelUpdate(activated));
  }
}
