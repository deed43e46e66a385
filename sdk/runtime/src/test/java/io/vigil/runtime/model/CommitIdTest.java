package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitIdTest {
  private static final Instant NOW = Instant.parse("2021-08-25T12:13:16.789Z");

  @TempDir Path dir;

  @Test
  void aDirtyIdHasTheTimeToTheSecondInUtcAndTheSha() {
    assertThat(CommitId.dirty(NOW, "b4b622a0")).isEqualTo("dirty_2021-08-25T12:13:16_b4b622a0");
  }

  @Test
  void aCleanWorkTreeGivesHeadAndAnyChangeBelowTheSolutionMakesItDirty() throws Exception {
    Path solution = Files.createDirectories(dir.resolve("solutions/aml"));
    Files.writeString(solution.resolve("solution.yaml"), "name: aml\n");
    Files.writeString(dir.resolve("README.md"), "repo\n");
    Files.writeString(dir.resolve(".gitignore"), "target/\n");
    RevCommit head;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.org");
      head = git.commit().setMessage("init").setAuthor(who).setCommitter(who).setSign(false).call();
    }
    Files.createDirectories(solution.resolve("target"));
    Files.writeString(solution.resolve("target/ignored.class"), "x");

    assertThat(CommitId.ofWorkTree(solution, NOW)).isEqualTo(head.name());
    assertThat(CommitId.of(null, solution, NOW)).isEqualTo(head.name());
    assertThat(CommitId.of("bundle-sha", solution, NOW)).isEqualTo("bundle-sha");

    Files.writeString(dir.resolve("README.md"), "changed outside the solution\n");
    assertThat(CommitId.ofWorkTree(solution, NOW)).isEqualTo(head.name());
    assertThat(CommitId.ofWorkTree(dir, NOW)).isEqualTo("dirty_2021-08-25T12:13:16_" + head.name());

    Files.writeString(solution.resolve("new_job.java"), "class X {}\n");
    assertThat(CommitId.ofWorkTree(solution, NOW)).isEqualTo("dirty_2021-08-25T12:13:16_" + head.name());
  }

  @Test
  void aFolderOutsideGitIsDirtyWithTheZeroId() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    // The temporary folder may lie inside some repository on a developer's machine; then it is not "outside git".
    org.junit.jupiter.api.Assumptions.assumeTrue(new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .findGitDir(plain.toFile()).getGitDir() == null);
    assertThat(CommitId.ofWorkTree(plain, NOW)).isEqualTo("dirty_2021-08-25T12:13:16_" + "0".repeat(40));
  }
}
