package io.vigil.sync.git;

import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The commit a local solution directory stands for: the git HEAD when the directory is in a clean
 * work tree, else {@code content-<hash>} of its files (so an edited tree never reuses the bundle
 * of the commit it started from).
 */
public final class LocalCommit {
  private static final List<String> SKIPPED = List.of(".git", "target", ".idea", ".vscode");

  private LocalCommit() {}

  public static String of(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() != null) {
      try (Repository repo = builder.build(); Git git = new Git(repo)) {
        ObjectId head = repo.resolve("HEAD");
        if (head != null && git.status().call().isClean()) {
          return head.name();
        }
      } catch (IOException | GitAPIException e) {
        // Not a usable repository: fall back to the content hash.
      }
    }
    return "content-" + contentHash(dir).substring(0, 16);
  }

  static String contentHash(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !skipped(dir.relativize(p))).sorted().toList()) {
        digest.update(dir.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw SyncErrors.solutionDirectoryUnreadable(dir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean skipped(Path relative) {
    return relative.getNameCount() > 0 && SKIPPED.contains(relative.getName(0).toString());
  }
}
