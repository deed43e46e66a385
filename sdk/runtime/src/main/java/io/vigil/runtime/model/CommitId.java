package io.vigil.runtime.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The {@code _commit_id} a saved model carries for code traceability (S1 §5.5): the commit of the
 * bundle a job runs from, or for a job run from a work tree its HEAD commit when the tree is clean,
 * else {@code dirty_<yyyy-MM-ddTHH:mm:ss>_<HEAD sha>} (UTC, the time of the save).
 */
public final class CommitId {
  /** The tag key. */
  public static final String TAG = "_commit_id";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private CommitId() {}

  /**
   * The commit id for a job: {@code bundleCommit} when the job runs from a bundle, else the state of
   * the work tree holding {@code solutionDir}; with neither, code from no commit (git's zero id).
   */
  public static String of(String bundleCommit, Path solutionDir, Instant now) {
    if (bundleCommit != null && !bundleCommit.isBlank()) {
      return bundleCommit;
    }
    return solutionDir == null ? dirty(now, ObjectId.zeroId().name()) : ofWorkTree(solutionDir, now);
  }

  /**
   * HEAD's sha when the git work tree around {@code dir} has no change below {@code dir} (modified,
   * staged, deleted or untracked and not ignored files), else {@link #dirty}. A directory outside
   * git, or in a repository without commits, counts as dirty with git's zero id as sha.
   */
  public static String ofWorkTree(Path dir, Instant now) {
    Path absolute = dir.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(absolute.toFile());
    if (builder.getGitDir() == null) {
      return dirty(now, ObjectId.zeroId().name());
    }
    try (Repository repo = builder.setMustExist(true).build(); Git git = new Git(repo)) {
      ObjectId head = repo.resolve("HEAD");
      if (head == null) {
        return dirty(now, ObjectId.zeroId().name());
      }
      StatusCommand status = git.status();
      Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      if (!absolute.equals(top) && absolute.startsWith(top)) {
        status.addPath(top.relativize(absolute).toString().replace('\\', '/'));
      }
      return status.call().isClean() ? head.name() : dirty(now, head.name());
    } catch (IOException | GitAPIException e) {
      return dirty(now, ObjectId.zeroId().name());
    }
  }

  /** {@code dirty_<yyyy-MM-ddTHH:mm:ss>_<sha>}, the time in UTC to the second. */
  public static String dirty(Instant at, String sha) {
    return "dirty_" + TIME.format(at.truncatedTo(ChronoUnit.SECONDS)) + "_" + sha;
  }
}
