package io.vigil.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The error ids: well formed, unique, appended in order, each raised by a factory of its errors class;
 * every factory's message follows the grammar; no main source builds a VigilException outside an
 * errors class; and {@code docs/errors.md} is what the enums give (rewrite it with
 * {@code -Dvigil.docs.update=true}). The testkit's errors, which this module cannot see, are checked
 * the same way by {@code TestkitErrorsTest} in sdk/testkit, which owns the page's last section.
 */
class ErrorsTest {
  @Test
  void theErrorsPageIsUpToDate() throws IOException {
    String current = Files.exists(ErrorsPage.DOC) ? Files.readString(ErrorsPage.DOC) : "";
    String generated = ErrorsPage.render() + ErrorsPage.downstreamSections(current);
    if (Boolean.getBoolean("vigil.docs.update")) {
      Files.writeString(ErrorsPage.DOC, generated);
    }
    assertThat(ErrorsPage.DOC).as("docs/errors.md exists; generate it with:\n  " + ErrorsPage.REGENERATE).exists();
    assertThat(Files.readString(ErrorsPage.DOC)).as("docs/errors.md is generated from the Id enums and is out of date;"
        + " regenerate it and commit the result:\n  " + ErrorsPage.REGENERATE).isEqualTo(generated);
  }

  @Test
  void idsAreNumberedInOrderWithTheirModulePrefix() {
    assertThat(ErrorChecks.numbering(ErrorCatalog.MODULES)).isEmpty();
  }

  @Test
  void everyIdIsRaisedByAFactoryAndEveryFactoryFollowsTheGrammar() {
    assertThat(ErrorChecks.factories(ErrorCatalog.MODULES)).isEmpty();
  }

  @Test
  void noMainSourceBuildsAVigilExceptionOutsideAnErrorsClass() {
    Set<Path> errorsClasses = new HashSet<>();
    ErrorCatalog.MODULES.forEach(m -> errorsClasses.add(m.source()));
    List<String> offences = ErrorChecks.constructions(ErrorCatalog.MODULES, errorsClasses);
    if (!offences.isEmpty()) {
      fail("User-facing errors are raised through the module's errors class (ApiErrors, RuntimeErrors, SyncErrors,"
          + " AirflowErrors), with an id from its Id enum; a bug throws IllegalStateException. Move these:\n"
          + String.join("\n", offences));
    }
  }

  @Test
  void theChecksFindPlantedProblems() {
    String source = """
        class Planted {
          void a() {
            throw new VigilException(ErrorCode.NOT_FOUND, "Cannot find x: gone");
          }
          void b() {
            throw new io.vigil.api.VigilException(
                io.vigil.api.ErrorCode.CONFLICT, "Cannot lock x: held");
          }
          Planted() {
            super(ErrorCode.INTERNAL, "Cannot run x: bug");
          }
          VigilException c() {
            return new VigilException(Id.SOMETHING, "Cannot read x: broken");
          }
        }
        """;
    assertThat(ErrorChecks.offences("Planted.java", source, false)).containsExactly(
        "Planted.java:3: without an id", "Planted.java:6: without an id", "Planted.java:10: without an id",
        "Planted.java:3: outside an errors class", "Planted.java:6: outside an errors class",
        "Planted.java:13: outside an errors class");
    assertThat(ErrorChecks.offences("Errors.java", source, true)).containsExactly(
        "Errors.java:3: without an id", "Errors.java:6: without an id", "Errors.java:10: without an id");
    assertThat(ErrorChecks.GRAMMAR.matcher("Cannot read x: broken").matches()).isTrue();
    assertThat(ErrorChecks.GRAMMAR.matcher("Cannot read x; it is broken: really").matches()).isFalse();
    assertThat(ErrorChecks.GRAMMAR.matcher("Failed to read x: broken").matches()).isFalse();
  }

  @Test
  void thePageKeepsTheSectionsOfModulesTestedDownstream() {
    String page = ErrorsPage.render() + "\n## " + ErrorsPage.TESTKIT_TITLE + "\n\nrows\n";
    assertThat(ErrorsPage.downstreamSections(page)).isEqualTo("\n## " + ErrorsPage.TESTKIT_TITLE + "\n\nrows\n");
    assertThat(ErrorsPage.downstreamSections(ErrorsPage.render())).isEmpty();
  }
}
