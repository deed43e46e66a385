package io.vigil.api.docs;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.serde.Canonical;
import io.vigil.api.solution.EntityTypes;
import io.vigil.api.solution.SolutionManifest;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/metadata-reference.md} from the metadata model: one section per record and
 * sealed interface reachable from {@code solution.yaml} and the entity kinds, with keys and types from
 * reflection, descriptions from the {@code @param} lines of the sources, required keys and defaults from
 * the compact constructors, and an example per entity kind printed by {@link Canonical#toYaml}.
 */
final class MetadataReference {
  static final String MANIFEST_ROOT = "solution";
  private static final String S1 = "S1 §";
  private static final Pattern GUIDE = Pattern.compile("\\bS\\d+ [^;)]+");

  /** A group of sections: {@code solution.yaml} or one entity kind. */
  record Group(String heading, String intro, Class<?> entry, String rootPath, String example, String exampleFile) {}

  /** A record component without an {@code @param} line, or an {@code @param} naming no component. */
  record ParamProblem(Class<?> type, String name, String problem) {
    @Override
    public String toString() {
      return type.getName() + ": " + problem + " '" + name + "'";
    }
  }

  private final JavaSource main;
  private final JavaSource test;
  private final ModelWalk walk = new ModelWalk();
  private final List<Group> groups = new ArrayList<>();
  /** The types of each group, in first-reached order; a type belongs to the first group that reaches it. */
  private final Map<Group, List<Class<?>>> typesByGroup = new LinkedHashMap<>();
  private final List<ParamProblem> paramProblems = new ArrayList<>();

  MetadataReference(JavaSource main, JavaSource test) {
    this.main = main;
    this.test = test;
    String domain = Examples.solution().domains().get(0);
    groups.add(new Group("solution.yaml",
        "The file `solution.yaml` at the root of the solution repository. Its problems are reported under `"
            + MANIFEST_ROOT + "`.",
        SolutionManifest.class, MANIFEST_ROOT, "solution", "solution.yaml"));
    for (EntityKind kind : EntityKind.values()) {
      String folder = kind.isDomainScoped() ? "domains/<domain>/" + kind.folder() + "/" : kind.folder() + "/";
      String exampleFolder = kind.isDomainScoped() ? "domains/" + domain + "/" + kind.folder() + "/" : kind.folder() + "/";
      groups.add(new Group("Entity: `" + kind.key() + "`",
          "One entity per file in `" + folder + "`: a YAML file named after its identifier, or a Java `EntityProvider`"
              + " that returns it. Problems are reported under `" + kind.key() + "[<identifier>]`.",
          EntityTypes.of(kind), kind.key(), camel(kind.key()), exampleFolder));
    }
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Group g : groups) {
      int before = walk.types().size();
      walk.walk(g.entry(), g.rootPath());
      List<Class<?>> mine = new ArrayList<>();
      for (Class<?> t : walk.types().subList(before, walk.types().size())) {
        if (seen.add(t)) {
          mine.add(t);
        }
      }
      typesByGroup.put(g, mine);
    }
  }

  /** Every record and sealed interface documented, in document order. */
  List<Class<?>> types() {
    return typesByGroup.values().stream().flatMap(List::stream).toList();
  }

  List<Group> groups() {
    return List.copyOf(groups);
  }

  /** The keys documented for a record: its components' keys, and {@code type} for a variant. */
  Set<String> keys(Class<?> record) {
    Set<String> keys = new LinkedHashSet<>();
    if (ModelWalk.variantName(record) != null) {
      keys.add("type");
    }
    for (RecordComponent rc : record.getRecordComponents()) {
      keys.add(ModelWalk.key(rc.getName()));
    }
    return keys;
  }

  /** Components without an {@code @param} description, and {@code @param} lines that name no component. */
  List<ParamProblem> paramProblems() {
    return paramProblems(main, types());
  }

  static List<ParamProblem> paramProblems(JavaSource source, List<Class<?>> types) {
    List<ParamProblem> out = new ArrayList<>();
    for (Class<?> type : types) {
      if (!type.isRecord()) {
        continue;
      }
      Map<String, String> params = source.typeJavadoc(type).params();
      Set<String> names = new LinkedHashSet<>();
      for (RecordComponent rc : type.getRecordComponents()) {
        names.add(rc.getName());
        String text = params.get(rc.getName());
        if (text == null || text.isBlank()) {
          out.add(new ParamProblem(type, rc.getName(), "no @param description for component"));
        }
      }
      for (String name : params.keySet()) {
        if (!names.contains(name)) {
          out.add(new ParamProblem(type, name, "@param names no component"));
        }
      }
    }
    return out;
  }

  /** The example of a group, built by the {@link Examples} method of the same name. */
  Object example(Group group) {
    try {
      Method m = Examples.class.getDeclaredMethod(group.example());
      return m.invoke(null);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Examples has no method " + group.example() + "() for " + group.heading()
          + "; add one that builds a representative instance", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build the example " + group.example(), e);
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Metadata reference\n\n");
    out.append("<!-- Generated from the metadata model by sdk/api/src/test/java/io/vigil/api/docs/MetadataReferenceTest.java.\n")
        .append("     Do not edit by hand: run `").append(GeneratedDocs.REGENERATE).append("`. -->\n\n");
    out.append("""
        Every key of every entity, generated from the metadata model in `sdk/api` so that it cannot drift from
        what Vigil reads. Entities are written in Java with the builders (`DataSet.builder("account")…build()`)
        or in YAML with the keys below; both have the same canonical form, so the YAML examples are exactly what
        `Canonical.toYaml` prints for the Java examples next to them. See [concepts](concepts.md) and
        [solution layout](solution-layout.md) for where files go, and [validation rules](validation-rules.md) for
        the checks that run across entities. Sections cited as "the ThetaRay guide §N" are those of the
        [ThetaRay guide](thetaray-mapping.md).

        ## How to read this reference

        - **Key path**: where a section's keys are written, e.g. `dataset.field_list[]` for each item of a
          dataset's `field_list`, `connector.targets[]` for each connector target, or `….<key>` for the values of a
          map. Validation problems use the same keys with the item's name in the brackets:
          `dataset[account].field_list[opened].date_format`.
        - **Type**: `string`, `integer`, `number`, `boolean`, `date` (`2024-01-31`), `date-time`
          (`2024-01-31T12:00:00`), `duration` (ISO-8601 such as `PT5M`, or `30s`, `5m`, `2h`, `1d`), `one of …`
          (an enumeration, written in upper case; lower case and `-` for `_` are accepted), `list of …`,
          `map of string to …`, `any` (free-form YAML), or a link to the section of a nested mapping.
        - **Required / default**: **required** keys must be present; a default is the value an absent key
          takes; `optional` keys have no value when absent (empty for lists and maps). Absent keys, empty lists
          and maps, `false` and `0` are left out of the canonical form.
        - **`type`**: where a key holds one of several kinds of mapping (connectors, targets, evaluation
          steps, display settings), the `type` key selects the variant; when a default variant exists, `type`
          may be left out.

        """);
    out.append("## Contents\n\n");
    for (Group g : groups) {
      out.append("- [").append(stripCode(g.heading())).append("](#").append(Markdown.anchor(g.heading())).append("): ")
          .append(typesByGroup.get(g).stream().map(Markdown::link).collect(Collectors.joining(", "))).append('\n');
    }
    List<Class<?>> valueLists = valueLists();
    if (!valueLists.isEmpty()) {
      out.append("- [Value lists](#value-lists): ")
          .append(valueLists.stream().map(Markdown::link).collect(Collectors.joining(", "))).append('\n');
    }
    for (Group g : groups) {
      out.append("\n## ").append(g.heading()).append("\n\n").append(g.intro()).append('\n');
      for (Class<?> type : typesByGroup.get(g)) {
        out.append('\n');
        section(out, type);
        if (type == g.entry()) {
          example(out, g);
        }
      }
    }
    if (!valueLists.isEmpty()) {
      out.append("\n## Value lists\n\nThe values of enumerations whose values need explaining.\n");
      for (Class<?> e : valueLists) {
        valueList(out, e);
      }
    }
    // The model's Javadoc cites the guide as "S1 §n"; readers of the page get its name.
    return out.toString().replace(S1, "the ThetaRay guide §");
  }

  private void section(StringBuilder out, Class<?> type) {
    JavaSource.Javadoc doc = main.typeJavadoc(type);
    out.append("### ").append(Markdown.heading(type)).append("\n\n");
    List<String> paths = walk.pathsOf(type);
    String variant = ModelWalk.variantName(type);
    out.append(paths.size() == 1 ? "Key path: " : "Key paths: ")
        .append(paths.stream().map(JavadocText::code).collect(Collectors.joining(", ")));
    if (variant != null) {
      out.append(" with `type: ").append(variant).append('`');
    }
    String guide = guide(doc.description());
    if (!guide.isEmpty()) {
      out.append("  \nThetaRay guide: ").append(guide.replace(S1, "§"));
    }
    out.append("\n\n");
    if (!doc.description().isEmpty()) {
      out.append(doc.description()).append("\n\n");
    }
    if (ModelWalk.isSealed(type)) {
      variants(out, type);
    } else {
      keyTable(out, type, doc);
    }
  }

  private static void variants(StringBuilder out, Class<?> sealed) {
    String defaultName = ModelWalk.defaultVariant(sealed);
    out.append(defaultName == null
        ? "Variants, selected by the `type` key, which is required:\n\n"
        : "Variants, selected by the `type` key; without `type` the variant is `" + defaultName + "`:\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (ModelWalk.Variant v : ModelWalk.variants(sealed)) {
      rows.add(List.of(JavadocText.code(v.name()), Markdown.link(v.type()), v.name().equals(defaultName) ? "default" : ""));
    }
    Markdown.table(out, List.of("type", "variant", ""), rows);
  }

  private void keyTable(StringBuilder out, Class<?> record, JavaSource.Javadoc doc) {
    Map<String, String> requirements = Requirements.of(record, main);
    List<List<String>> rows = new ArrayList<>();
    String variant = ModelWalk.variantName(record);
    if (variant != null) {
      Class<?> sealed = Arrays.stream(record.getInterfaces()).filter(ModelWalk::isSealed).findFirst()
          .orElseThrow(() -> new IllegalStateException(record.getName() + " has TYPE but implements no sealed interface"));
      boolean isDefault = variant.equals(ModelWalk.defaultVariant(sealed));
      rows.add(List.of("`type`", JavadocText.code(variant), isDefault ? "default `" + variant + "`" : "**required**",
          "selects this variant of " + Markdown.link(sealed)));
    }
    for (RecordComponent rc : record.getRecordComponents()) {
      String key = ModelWalk.key(rc.getName());
      rows.add(List.of(JavadocText.code(key), typeText(rc.getGenericType(), record, rc.getName()),
          requirements.get(key), doc.params().getOrDefault(rc.getName(), "")));
    }
    Markdown.table(out, List.of("key", "type", "required / default", "description"), rows);
  }

  private void example(StringBuilder out, Group g) {
    Object value = example(g);
    String fileName = value instanceof Entity e ? g.exampleFile() + e.identifier() + ".yaml" : g.exampleFile();
    out.append("\n**Example**, in Java")
        .append(value instanceof Entity ? " (returned by an `EntityProvider`'s `entities()`)" : "")
        .append(":\n\n```java\n").append(javaExample(g.example())).append("\n```\n\n")
        .append("and the same in `").append(fileName).append("`:\n\n```yaml\n")
        .append(Canonical.toYaml(value).stripTrailing()).append("\n```\n");
  }

  /** The body of an {@link Examples} method, without {@code return}, as written in the test sources. */
  String javaExample(String method) {
    String src = test.text(Examples.class);
    Matcher m = Pattern.compile("static \\w+ " + method + "\\(\\) \\{\\n").matcher(src);
    if (!m.find()) {
      throw new IllegalStateException("Cannot find Examples." + method + "() in its source");
    }
    int end = src.indexOf("\n  }\n", m.end());
    List<String> lines = new ArrayList<>(src.substring(m.end(), end).lines().toList());
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .map(l -> l.startsWith("return ") ? l.substring("return ".length()) : l)
        .collect(Collectors.joining("\n"));
  }

  /** Enumerations used by the model whose constants have Javadoc, in first-reached order. */
  List<Class<?>> valueLists() {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> e : walk.enums()) {
      if (!constantDocs(e).isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> constantDocs(Class<?> e) {
    return main.enumConstantDocs((Class<? extends Enum<?>>) e);
  }

  private void valueList(StringBuilder out, Class<?> e) {
    JavaSource.Javadoc doc = main.typeJavadoc(e);
    out.append("\n### ").append(Markdown.heading(e)).append("\n\n");
    if (!doc.description().isEmpty()) {
      out.append(doc.description()).append("\n\n");
    }
    Map<String, String> docs = constantDocs(e);
    List<List<String>> rows = new ArrayList<>();
    for (Object constant : e.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      rows.add(List.of(JavadocText.code(name), docs.getOrDefault(name, "")));
    }
    Markdown.table(out, List.of("value", "meaning"), rows);
  }

  /** The type of a component as a YAML author writes it. */
  private String typeText(Type type, Class<?> owner, String component) {
    Class<?> raw = ModelWalk.raw(type);
    if (raw == List.class) {
      return "list of " + typeText(ModelWalk.argument(type, 0), owner, component);
    }
    if (raw == Map.class) {
      return "map of " + typeText(ModelWalk.argument(type, 0), owner, component) + " to "
          + typeText(ModelWalk.argument(type, 1), owner, component);
    }
    if (raw == String.class) {
      return "string";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == BigInteger.class) {
      return "integer";
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class || raw == BigDecimal.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == LocalDate.class) {
      return "date";
    }
    if (raw == LocalDateTime.class) {
      return "date-time";
    }
    if (raw == Instant.class) {
      return "instant";
    }
    if (raw == Duration.class) {
      return "duration";
    }
    if (raw == Object.class) {
      return "any";
    }
    if (raw.isEnum()) {
      String values = Arrays.stream(raw.getEnumConstants()).map(c -> JavadocText.code(((Enum<?>) c).name()))
          .collect(Collectors.joining(", "));
      return "one of " + values + (constantDocs(raw).isEmpty() ? "" : " (" + Markdown.link(raw) + ")");
    }
    if (ModelWalk.isDocumented(raw)) {
      return Markdown.link(raw);
    }
    throw new IllegalStateException("Cannot document the type of " + owner.getName() + "." + component + ": "
        + type.getTypeName() + " is not a metadata type; teach MetadataReference.typeText how users write it");
  }

  /** The guide sections a class Javadoc cites, e.g. "S1 §3.1.3, §12.4.4". */
  static String guide(String description) {
    Set<String> refs = new LinkedHashSet<>();
    Matcher m = GUIDE.matcher(description);
    while (m.find()) {
      refs.add(m.group().strip());
    }
    return String.join("; ", refs);
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static String stripCode(String heading) {
    return heading.replace("`", "");
  }
}
