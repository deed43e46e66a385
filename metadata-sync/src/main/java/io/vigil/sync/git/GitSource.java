package io.vigil.sync.git;

import io.vigil.api.VigilException;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/**
 * A solution repository cloned into a cache directory: fetched on demand, checked out at a commit,
 * and able to fast-forward a branch of the remote. Credentials never appear in messages.
 */
public final class GitSource implements AutoCloseable {
  private final String url;
  private final Git git;
  private final CredentialsProvider credentials;

  private GitSource(String url, Git git, CredentialsProvider credentials) {
    this.url = url;
    this.git = git;
    this.credentials = credentials;
  }

  /** Clones {@code url} into {@code cacheRoot/<hash of the url>}, or reuses that clone. */
  public static GitSource open(String url, Path cacheRoot, CredentialsProvider credentials) {
    Path dir = cacheRoot.resolve(hash(url));
    try {
      if (Files.isDirectory(dir.resolve(".git"))) {
        return new GitSource(url, Git.open(dir.toFile()), credentials);
      }
      Files.createDirectories(cacheRoot);
      // init + remote + fetch rather than clone: a remote whose HEAD names no branch yet (a fresh bare
      // repository with only a staging branch) cannot be cloned, but can be fetched.
      Git git = Git.init().setDirectory(dir.toFile()).call();
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
      GitSource source = new GitSource(url, git, credentials);
      source.fetch();
      return source;
    } catch (GitAPIException | IOException | URISyntaxException | RuntimeException e) {
      throw SyncErrors.gitCloneFailed(GitCredentials.redact(url), message(e), e);
    }
  }

  /** Fetches every branch of the remote. */
  public void fetch() {
    try {
      git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
          .setRemoveDeletedRefs(true).setCredentialsProvider(credentials).call();
    } catch (GitAPIException | RuntimeException e) {
      throw SyncErrors.gitFetchFailed(GitCredentials.redact(url), message(e), e);
    }
  }

  /** The commit a branch of the remote points at (as last fetched), or null when it does not exist. */
  public String head(String branch) {
    try {
      Ref ref = git.getRepository().exactRef("refs/remotes/origin/" + branch);
      return ref == null ? null : ref.getObjectId().name();
    } catch (IOException e) {
      throw SyncErrors.gitBranchUnreadable(branch, e);
    }
  }

  /** Checks out {@code commit} (detached, forced, untracked files removed) and returns the work tree. */
  public Path checkout(String commit) {
    try {
      git.checkout().setName(commit).setForced(true).call();
      git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
      return git.getRepository().getWorkTree().toPath();
    } catch (GitAPIException | RuntimeException e) {
      throw SyncErrors.gitCheckoutFailed(commit, message(e), e);
    }
  }

  /** True when {@code ancestor} is {@code commit} or one of its ancestors. */
  public boolean isAncestor(String ancestor, String commit) {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit a = walk.parseCommit(ObjectId.fromString(ancestor));
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      return walk.isMergedInto(a, c);
    } catch (IOException e) {
      throw SyncErrors.gitCompareFailed(ancestor, commit, e);
    }
  }

  /** Moves {@code branch} of the remote to {@code commit}; the remote refuses anything but a fast-forward. */
  public void fastForward(String branch, String commit) {
    try {
      Iterable<PushResult> results = git.push().setRemote("origin").setCredentialsProvider(credentials)
          .setRefSpecs(new RefSpec(commit + ":refs/heads/" + branch)).call();
      for (PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw SyncErrors.promotionRefused(commit, branch, u.getStatus() + (u.getMessage() == null ? "" : ", " + u.getMessage()));
          }
        }
      }
      fetch();
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof VigilException v) {
        throw v;
      }
      throw SyncErrors.gitPushFailed(branch, GitCredentials.redact(url), message(e), e);
    }
  }

  public String url() {
    return GitCredentials.redact(url);
  }

  @Override
  public void close() {
    git.close();
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return GitCredentials.redact(m);
  }

  private static String hash(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
