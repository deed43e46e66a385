package io.vigil.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.TestkitErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * metadata-sync's {@code ErrorsTest} for the testkit, which that module cannot see: the same checks on
 * {@link TestkitErrors}, and the last section of {@code docs/errors.md} (rewrite it with
 * {@code -Dvigil.docs.update=true}).
 */
class TestkitErrorsTest {
  private static final ErrorCatalog.Module TESTKIT = new ErrorCatalog.Module(ErrorsPage.TESTKIT_TITLE, "TK",
      TestkitErrors.class, TestkitErrors.Id.class, "sdk/testkit/src/main/java");

  @Test
  void theTestkitSectionOfTheErrorsPageIsUpToDate() throws IOException {
    assertThat(ErrorsPage.DOC).as("docs/errors.md exists; generate it with:\n  " + ErrorsPage.REGENERATE).exists();
    String current = Files.readString(ErrorsPage.DOC);
    String generated = ErrorsPage.upstreamPart(current) + ErrorsPage.section(TESTKIT);
    if (Boolean.getBoolean("vigil.docs.update")) {
      Files.writeString(ErrorsPage.DOC, generated);
    }
    assertThat(Files.readString(ErrorsPage.DOC)).as("the testkit's section of docs/errors.md is out of date; regenerate it"
        + " and commit the result:\n  " + ErrorsPage.REGENERATE_TESTKIT).isEqualTo(generated);
  }

  @Test
  void idsAreNumberedInOrderAndUniqueAcrossModules() {
    List<ErrorCatalog.Module> all = new ArrayList<>(ErrorCatalog.MODULES);
    all.add(TESTKIT);
    assertThat(ErrorChecks.numbering(all)).isEmpty();
    assertThat(TESTKIT.idList()).isNotEmpty();
  }

  @Test
  void everyIdIsRaisedByAFactoryAndEveryFactoryFollowsTheGrammar() {
    assertThat(ErrorChecks.factories(List.of(TESTKIT))).isEmpty();
    assertThat(TestkitErrors.stackHomeUncreatable(new IOException("disk full")).idAndMessage())
        .isEqualTo("VGL-TK-001: Cannot create a home for the test stack: disk full");
  }

  @Test
  void noMainSourceBuildsAVigilExceptionOutsideTheErrorsClass() throws IOException {
    assertThat(ErrorChecks.constructions(List.of(TESTKIT), Set.of(TESTKIT.source()))).isEmpty();
    Set<String> scanned = new HashSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(ErrorCatalog.ROOT.resolve(TESTKIT.sourceRoot()))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> scanned.add(f.getFileName().toString()));
    }
    assertThat(scanned).as("the scan reads the testkit's sources").contains("TestSolution.java", "TestkitErrors.java");
  }
}
