package io.vigil.api.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.api.risk.TemplateReferences.Kind;
import io.vigil.api.risk.TemplateReferences.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateReferencesTest {
  @Test
  void findsBraceReferencesAndActivityColumnsInSql() {
    String sql = "select risk_level from lookup where keyword_id = activity.onboarding_channel"
        + " and tr_timestamp <= {context.execution_date} and x > {parameters.min_amount}"
        + " and {variables.total} + {enrichments.max_tx} > 0 and g = '{resources.person}' and h = {input_hash}"
        + " and f = {activity.customer_id}";
    List<Reference> refs = TemplateReferences.inSql(sql);
    assertThat(refs).extracting(Reference::kind, Reference::name, Reference::jinja).containsExactly(
        tuple(Kind.ACTIVITY, "onboarding_channel", false),
        tuple(Kind.CONTEXT, "execution_date", false),
        tuple(Kind.PARAMETER, "min_amount", false),
        tuple(Kind.VARIABLE, "total", false),
        tuple(Kind.ENRICHMENT, "max_tx", false),
        tuple(Kind.RESOURCE, "person", false),
        tuple(Kind.INPUT_HASH, "input_hash", false),
        tuple(Kind.ACTIVITY, "customer_id", false));
    Reference p = refs.get(2);
    assertThat(sql.substring(p.start(), p.end())).isEqualTo("{parameters.min_amount}");
  }

  @Test
  void ignoresActivityInsideStringLiteralsAndReportsUnknownBraces() {
    List<Reference> refs = TemplateReferences.inSql(
        "x = 'activity.not_a_column' and y > {paramters.min} and z = '{not_a_ref}' and w = {variablesaml_classification}");
    assertThat(refs).extracting(Reference::kind, Reference::name).containsExactly(
        tuple(Kind.UNKNOWN, "paramters.min"),
        tuple(Kind.UNKNOWN, "variablesaml_classification"));
  }

  @Test
  void findsJinjaEmbeddedInSql() {
    List<Reference> refs = TemplateReferences.inSql("{{ classify_by_priority('aml') }}");
    assertThat(refs).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(Kind.CLASSIFY_BY_PRIORITY);
      assertThat(r.name()).isEqualTo("aml");
      assertThat(r.jinja()).isTrue();
    });
    assertThat(TemplateReferences.inSql("{{parameters.x}} + 1"))
        .extracting(Reference::kind, Reference::name, Reference::jinja)
        .containsExactly(tuple(Kind.PARAMETER, "x", true));
  }

  @Test
  void findsJinjaReferencesInTemplates() {
    String template = "{{ tr_evaluation[0].display_name }} -> {{ activity.tr_evaluation_pattern|capitalize }}"
        + " {% if variables.cls_change == 'active' %}{{ enrichments.prev_cls }} {{ parameters.fusion_threshold1 }}{% endif %}"
        + " literal {parameters.not_jinja} activity.not_jinja {# parameters.commented #}";
    assertThat(TemplateReferences.inTemplate(template))
        .extracting(Reference::kind, Reference::name, Reference::rank, Reference::attribute)
        .containsExactly(
            tuple(Kind.STEP_FEATURE, "tr_evaluation", 0, "display_name"),
            tuple(Kind.ACTIVITY, "tr_evaluation_pattern", null, null),
            tuple(Kind.VARIABLE, "cls_change", null, null),
            tuple(Kind.ENRICHMENT, "prev_cls", null, null),
            tuple(Kind.PARAMETER, "fusion_threshold1", null, null));
  }

  @Test
  void namesAreDistinctPerKind() {
    List<Reference> refs = TemplateReferences.inSql("{parameters.a} + {parameters.b} + {parameters.a} + {variables.a}");
    assertThat(TemplateReferences.names(refs, Kind.PARAMETER)).containsExactly("a", "b");
  }

  @Test
  void wellFormedTemplatesHaveNoSyntaxError() {
    assertThat(TemplateReferences.syntaxError("plain text")).isNull();
    assertThat(TemplateReferences.syntaxError(
        "{{ a|capitalize }} {% if x == '}}' %}a{% elif y %}b{% else %}c{% endif %}"
            + "{% for i in items %}{{ i }}{% else %}none{% endfor %}{% set n = 1 %}{%- if n -%}{{ n }}{%- endif -%}"))
        .isNull();
  }

  @Test
  void reportsMalformedTemplates() {
    assertThat(TemplateReferences.syntaxError("{{ activity.amount }")).isEqualTo("'{{' at line 1, column 1 is not closed by '}}'");
    assertThat(TemplateReferences.syntaxError("a }} b")).isEqualTo("unexpected '}}' at line 1, column 3 without an opening '{{'");
    assertThat(TemplateReferences.syntaxError("{{ }}")).isEqualTo("empty '{{ }}' at line 1, column 1");
    assertThat(TemplateReferences.syntaxError("{{ f(a }}")).startsWith("unclosed '('");
    assertThat(TemplateReferences.syntaxError("{% if a %}x")).isEqualTo("'{% if %}' at line 1, column 1 is not closed by '{% endif %}'");
    assertThat(TemplateReferences.syntaxError("{% for a in b %}\n{% endif %}"))
        .isEqualTo("'{% endif %}' at line 2, column 1 does not match '{% for %}' at line 1, column 1; expected '{% endfor %}'");
    assertThat(TemplateReferences.syntaxError("{% endif %}")).isEqualTo("'{% endif %}' at line 1, column 1 closes nothing");
    assertThat(TemplateReferences.syntaxError("{% elif a %}")).isEqualTo("'{% elif %}' at line 1, column 1 is not inside '{% if %}'");
  }
}
