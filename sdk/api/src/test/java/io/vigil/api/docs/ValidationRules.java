package io.vigil.api.docs;

import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/validation-rules.md} from {@link ProblemCode}: every code with its severity,
 * guide rule and summary, grouped by the section comments ({@code // Datasets}) of the enum's source.
 */
final class ValidationRules {
  private static final Pattern SECTION = Pattern.compile("^\\s*//\\s*(\\S.*?)\\s*$");
  private static final Pattern CONSTANT = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)\\s*\\(");

  private ValidationRules() {}

  /**
   * The codes by section, in source order. Fails when a code stands before any section comment, or when
   * the codes found in the source differ from {@link ProblemCode#values()}.
   */
  static Map<String, List<ProblemCode>> sections(JavaSource source) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    List<String> found = new ArrayList<>();
    String current = null;
    boolean inBody = false;
    for (String line : source.lines(ProblemCode.class)) {
      if (!inBody) {
        inBody = line.matches(".*\\benum\\s+ProblemCode\\b.*");
        continue;
      }
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        current = s.group(1);
        continue;
      }
      Matcher c = CONSTANT.matcher(line);
      if (c.find()) {
        if (current == null) {
          throw new IllegalStateException("ProblemCode." + c.group(1)
              + " stands before any section comment; put it under a '// <Section>' comment in ProblemCode.java");
        }
        found.add(c.group(1));
        names.computeIfAbsent(current, k -> new ArrayList<>()).add(c.group(1));
        if (line.strip().endsWith(";")) {
          break;
        }
      }
    }
    List<String> declared = java.util.Arrays.stream(ProblemCode.values()).map(Enum::name).toList();
    if (!found.equals(declared)) {
      throw new IllegalStateException("Cannot group the problem codes: the constants read from ProblemCode.java "
          + found + " differ from ProblemCode.values() " + declared);
    }
    Map<String, List<ProblemCode>> out = new LinkedHashMap<>();
    names.forEach((section, codes) -> out.put(section, codes.stream().map(ProblemCode::valueOf).toList()));
    return out;
  }

  static String render(JavaSource source) {
    StringBuilder out = new StringBuilder();
    out.append("# Validation rules\n\n");
    out.append("<!-- Generated from io.vigil.api.validation.ProblemCode by sdk/api/src/test/java/io/vigil/api/docs/MetadataReferenceTest.java.\n")
        .append("     Do not edit by hand: run `").append(GeneratedDocs.REGENERATE).append("`. -->\n\n");
    out.append("""
        `vigil validate` and metadata-sync list every problem of a solution at once. Each problem has one of the
        codes below, a severity, a path into the metadata (`dataset[account].field_list[opened].date_format`,
        keys as in the [metadata reference](metadata-reference.md)), the file and line, and a message of the
        form `Cannot <verb> <object>: <reason>`. An **error** blocks sync; a **warning** is reported and
        allowed. The code is stable: it never changes meaning.

        The *guide rule* is the rule of the [ThetaRay guide](thetaray-mapping.md) the code enforces: `V-xx`
        and `MS-x` are the validation rules of the guide's inventory, `§x` a section of the guide, `DESIGN §x`
        a section of Vigil's design.
        """);
    for (Map.Entry<String, List<ProblemCode>> e : sections(source).entrySet()) {
      out.append("\n## ").append(e.getKey()).append("\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (ProblemCode code : e.getValue()) {
        rows.add(List.of(JavadocText.code(code.name()), code.severity().name().toLowerCase(Locale.ROOT),
            code.rule().isEmpty() ? "—" : code.rule().replace("S1 §", "§"), code.summary().replace("S1 §", "the ThetaRay guide §")));
      }
      Markdown.table(out, List.of("code", "severity", "guide rule", "summary"), rows);
    }
    return out.toString();
  }
}
