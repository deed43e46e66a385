package io.vigil.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.api.serde.Canonical;
import io.vigil.api.validation.ProblemCode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/metadata-reference.md} and {@code docs/validation-rules.md} generated from the model:
 * the test fails when a committed file differs from what the model gives, or when a record component has
 * no {@code @param} description. Run with {@code -Dvigil.docs.update=true} to rewrite the files.
 */
class MetadataReferenceTest {
  private static final Path ROOT = GeneratedDocs.repositoryRoot();
  private static final JavaSource MAIN = new JavaSource(ROOT.resolve("sdk/api/src/main/java"));
  private static final JavaSource TEST = new JavaSource(ROOT.resolve("sdk/api/src/test/java"));

  @Test
  void metadataReferenceIsUpToDate() {
    String difference = GeneratedDocs.checkOrUpdate(ROOT, "docs/metadata-reference.md",
        new MetadataReference(MAIN, TEST).render());
    if (difference != null) {
      fail(difference);
    }
  }

  @Test
  void validationRulesAreUpToDate() {
    String difference = GeneratedDocs.checkOrUpdate(ROOT, "docs/validation-rules.md", ValidationRules.render(MAIN));
    if (difference != null) {
      fail(difference);
    }
  }

  @Test
  void everyRecordComponentHasAParamDescription() {
    List<MetadataReference.ParamProblem> problems = new MetadataReference(MAIN, TEST).paramProblems();
    if (!problems.isEmpty()) {
      fail("Every record component needs an '@param <component> <description>' line in its record's Javadoc;"
          + " the metadata reference shows it as the key's description. Fix these, then regenerate the docs with:\n  "
          + GeneratedDocs.REGENERATE + "\n"
          + problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n")));
    }
  }

  @Test
  void theParamCheckFindsMissingAndMisspeltDescriptions() {
    List<MetadataReference.ParamProblem> problems = MetadataReference.paramProblems(TEST,
        List.of(ParamFixtures.Described.class, ParamFixtures.Undescribed.class));
    assertThat(problems).extracting(MetadataReference.ParamProblem::type, MetadataReference.ParamProblem::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ParamFixtures.Undescribed.class, "aliasList"),
            org.assertj.core.groups.Tuple.tuple(ParamFixtures.Undescribed.class, "size"),
            org.assertj.core.groups.Tuple.tuple(ParamFixtures.Undescribed.class, "alias_list"));
    assertThat(TEST.typeJavadoc(ParamFixtures.Described.class).params())
        .containsEntry("aliasList", "other names, on a continuation line");
  }

  @Test
  void everyProblemCodeIsInASection() {
    Map<String, List<ProblemCode>> sections = ValidationRules.sections(MAIN);
    assertThat(sections.values().stream().flatMap(List::stream)).containsExactly(ProblemCode.values());
    assertThat(sections.keySet()).doesNotContain("").allSatisfy(s -> assertThat(s).doesNotContain("TODO"));
  }

  @Test
  void examplesRoundTripAndUseOnlyDocumentedKeys() {
    MetadataReference reference = new MetadataReference(MAIN, TEST);
    Set<Class<?>> documented = new HashSet<>(reference.types());
    for (MetadataReference.Group group : reference.groups()) {
      Object example = reference.example(group);
      assertThat(example).as(group.heading()).isInstanceOf(group.entry());
      assertThat(Canonical.fromYaml(Canonical.toYaml(example), group.entry())).as(group.heading()).isEqualTo(example);
      List<String> undocumented = new ArrayList<>();
      checkKeys(reference, documented, example, group.rootPath(), undocumented);
      assertThat(undocumented).as("keys of the %s example missing from the reference", group.heading()).isEmpty();
    }
  }

  @Test
  void sectionHeadingsHaveDistinctAnchors() {
    MetadataReference reference = new MetadataReference(MAIN, TEST);
    List<String> anchors = new ArrayList<>();
    reference.groups().forEach(g -> anchors.add(Markdown.anchor(g.heading())));
    reference.types().forEach(t -> anchors.add(Markdown.anchor(Markdown.heading(t))));
    reference.valueLists().forEach(t -> anchors.add(Markdown.anchor(Markdown.heading(t))));
    anchors.add(Markdown.anchor("Value lists"));
    anchors.add(Markdown.anchor("Contents"));
    anchors.add(Markdown.anchor("How to read this reference"));
    assertThat(anchors).doesNotHaveDuplicates();
  }

  /** Every key of the canonical form of {@code value} is documented for the record that writes it. */
  private static void checkKeys(
      MetadataReference reference, Set<Class<?>> documented, Object value, String path, List<String> undocumented) {
    if (value instanceof Collection<?> items) {
      items.forEach(item -> checkKeys(reference, documented, item, path + "[]", undocumented));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> checkKeys(reference, documented, v, path + ".<key>", undocumented));
    } else if (value != null && value.getClass().isRecord()) {
      if (!documented.contains(value.getClass())) {
        undocumented.add(path + " (" + value.getClass().getName() + " has no section)");
        return;
      }
      Set<String> keys = reference.keys(value.getClass());
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) Canonical.toTree(value);
      undocumented.addAll(tree.keySet().stream().filter(k -> !keys.contains(k)).map(k -> path + "." + k)
          .collect(Collectors.toList()));
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        try {
          rc.getAccessor().setAccessible(true);
          checkKeys(reference, documented, rc.getAccessor().invoke(value), path + "." + ModelWalk.key(rc.getName()),
              undocumented);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
