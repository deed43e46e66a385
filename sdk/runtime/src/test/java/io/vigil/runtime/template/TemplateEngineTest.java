package io.vigil.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {
  private static final TemplateEngine ENGINE = TemplateEngine.create(TemplateLimits.defaults());
  private static final String OWNER = "risk r1 dynamic_description";

  private static final List<RankedFeature> RANKED = List.of(
      new RankedFeature("Sum of amount", "Total amount sent in the period", "volume"),
      new RankedFeature("Count of countries", "Distinct destination countries", "geography"),
      new RankedFeature("Cash ratio", null, "cash"));

  private static Map<String, Object> bindings(Map<String, ?> activity) {
    return TemplateBindings.builder()
        .activity(activity)
        .parameters(Map.of("fusion_threshold1", 0.55, "min_amount", 1000))
        .variables(Map.of("is_anomaly1", true))
        .enrichments(Map.of("min_amount", 12.5))
        .step("tr_evaluation", RANKED)
        .build();
  }

  private static String render(String source, Map<String, ?> activity) {
    return ENGINE.compile(source, OWNER).render(bindings(activity));
  }

  @Test
  void everyNamespaceIsReachable() {
    String out = render("{{ activity.account_id }}|{{ parameters.fusion_threshold1 }}|{{ parameters.min_amount }}"
        + "|{{ variables.is_anomaly1 }}|{{ enrichments.min_amount }}", Map.of("account_id", "ACC-7"));
    assertThat(out).isEqualTo("ACC-7|0.55|1000|True|12.5");
  }

  @Test
  void stepMetadataIsIndexedByRankFromZero() {
    String out = render("{{ tr_evaluation[0].display_name }} / {{ tr_evaluation[1].description }} / "
        + "{{ tr_evaluation[2].category }} / {{ tr_evaluation[2].description }}", Map.of());
    assertThat(out).isEqualTo("Sum of amount / Distinct destination countries / cash / None");
  }

  @Test
  void theGuidesDynamicRiskRenders() {
    Map<String, Object> activity = Map.of("tr_evaluation_pattern", "fan-out", "tr_evaluation_score", 0.87);
    assertThat(render("{{ tr_evaluation[0].display_name }} -> {{ activity.tr_evaluation_pattern }}", activity))
        .isEqualTo("Sum of amount -> fan-out");
    assertThat(render("{{ tr_evaluation[0].description }},{{ parameters.fusion_threshold1 }}", activity))
        .isEqualTo("Total amount sent in the period,0.55");
    assertThat(render("{{ tr_evaluation[2].category }}", activity)).isEqualTo("cash");
    assertThat(DynamicSeverity.cast(render("{{ activity.tr_evaluation_score * 100 }}", activity), 90)).isEqualTo(87);
  }

  @Test
  void controlFlowAndCapitalizeWork() {
    String source = "{% if activity.is_pep %}{{ activity.name | capitalize }} is a PEP{% else %}not a PEP{% endif %}";
    assertThat(render(source, Map.of("is_pep", true, "name", "jane doe"))).isEqualTo("Jane doe is a PEP");
    assertThat(render(source, Map.of("is_pep", false, "name", "jane doe"))).isEqualTo("not a PEP");
    assertThat(render("{% for k in parameters.keys() | sort %}{{ k }}={{ parameters[k] }};{% endfor %}", Map.of()))
        .isEqualTo("fusion_threshold1=0.55;min_amount=1000;");
    assertThat(render("{% for k, v in variables.items() %}{{ k }}:{{ v }}{% endfor %}", Map.of()))
        .isEqualTo("is_anomaly1:True");
    assertThat(render("{% for f in tr_evaluation %}{{ loop.index }}:{{ f.category }} {% endfor %}", Map.of()))
        .isEqualTo("1:volume 2:geography 3:cash ");
  }

  @Test
  void aNullValueRendersNoneAndIsNone() {
    Map<String, Object> activity = new HashMap<>();
    activity.put("country", null);
    assertThat(render("{{ activity.country }}", activity)).isEqualTo("None");
    assertThat(render("{% if activity.country is none %}no country{% endif %}", activity)).isEqualTo("no country");
    assertThat(render("{{ activity.country | default('n/a', true) }}", activity)).isEqualTo("n/a");
  }

  @Test
  void datesAreBoundAsIsoText() {
    assertThat(render("{{ activity.booked }}", Map.of("booked", LocalDate.of(2026, 11, 21)))).isEqualTo("2026-11-21");
  }

  @Test
  void aMissingKeyFailsNamingTheOwnerAndTheName() {
    assertThatThrownBy(() -> render("Sent {{ activity.missing }}", Map.of("amount", 5)))
        .isInstanceOf(VigilException.class)
        .hasMessage("Cannot render the template of risk r1 dynamic_description: 'activity.missing' is undefined")
        .extracting(e -> ((VigilException) e).code()).isEqualTo(ErrorCode.INVALID_METADATA);
    assertThatThrownBy(() -> render("{{ parameters.undefined_param }}", Map.of()))
        .hasMessageContaining("'parameters.undefined_param' is undefined");
    assertThatThrownBy(() -> render("{% if activity.missing > 1 %}x{% endif %}", Map.of()))
        .hasMessageContaining("'activity.missing' is undefined");
  }

  @Test
  void anUnknownNameOrRankFails() {
    assertThatThrownBy(() -> render("{{ paramters.fusion_threshold1 }}", Map.of()))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining(OWNER)
        .hasMessageContaining("'paramters' is undefined");
    assertThatThrownBy(() -> render("{{ tr_evaluation[3].display_name }}", Map.of()))
        .hasMessageContaining("'tr_evaluation[3]' is undefined");
    assertThatThrownBy(() -> render("{{ tr_evaluation[0].units }}", Map.of()))
        .hasMessageContaining("'tr_evaluation[0].units' is undefined");
    assertThatThrownBy(() -> render("{{ other_step[0].display_name }}", Map.of()))
        .hasMessageContaining("'other_step' is undefined");
  }

  @Test
  void namesTheTemplateDefinesAreNotUndefined() {
    assertThat(render("{% set total = activity.amount * 2 %}{% set nothing = none %}{{ total }} {{ nothing }}",
        Map.of("amount", 21))).isEqualTo("42 None");
    assertThat(render("{% if 'missing' in activity %}yes{% else %}no{% endif %}", Map.of("amount", 1)))
        .isEqualTo("no");
  }

  @Test
  void templateSyntaxInsideAValueIsData() {
    Map<String, Object> activity = Map.of(
        "name", "{{ 7*7 }}",
        "memo", "{% for i in range(3) %}x{% endfor %}{{ parameters.fusion_threshold1 }}",
        "sql", "'; DROP TABLE alerts; --");
    assertThat(render("{{ activity.name }}|{{ activity.memo }}|{{ activity.sql }}", activity))
        .isEqualTo("{{ 7*7 }}|{% for i in range(3) %}x{% endfor %}{{ parameters.fusion_threshold1 }}"
            + "|'; DROP TABLE alerts; --");
  }

  @Test
  void outputBeyondTheLimitFails() {
    TemplateEngine small = TemplateEngine.create(TemplateLimits.defaults().withMaxOutputChars(100));
    CompiledTemplate wide = small.compile("{% for i in range(50) %}0123456789{% endfor %}", "risk r2 dynamic_description");
    assertThatThrownBy(() -> wide.render(bindings(Map.of())))
        .isInstanceOf(VigilException.class)
        .hasMessageStartingWith("Cannot render the template of risk r2 dynamic_description: ");
    assertThat(small.compile("{% for i in range(9) %}0123456789{% endfor %}", "risk r2 dynamic_description")
        .render(bindings(Map.of()))).hasSize(90);
  }

  @Test
  void templatesReachNoJavaObjectAndNoFile() {
    Map<String, Object> activity = Map.of("name", "Jane");
    assertThatThrownBy(() -> render("{{ activity.name.getClass() }}", activity))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining(OWNER);
    assertThatThrownBy(() -> render("{{ activity.name.bytes }}", activity)).isInstanceOf(VigilException.class);
    assertThatThrownBy(() -> render("{{ activity.getClass().forName('java.lang.Runtime') }}", activity))
        .isInstanceOf(VigilException.class);
    for (String tag : List.of("{% include 'log4j2.properties' %}", "{% import 'log4j2.properties' as x %}",
        "{% extends 'log4j2.properties' %}", "{% from 'log4j2.properties' import y %}")) {
      assertThatThrownBy(() -> ENGINE.compile(tag, OWNER).render(bindings(activity)))
          .as(tag)
          .isInstanceOf(VigilException.class)
          .hasMessageContaining(OWNER);
    }
  }

  @Test
  void randomIsTheSameOnEveryRender() {
    CompiledTemplate pick = ENGINE.compile("{{ ['a', 'b', 'c', 'd'] | random }}{{ range(1000) | random }}", OWNER);
    String first = pick.render(bindings(Map.of()));
    assertThat(IntStream.range(0, 20).mapToObj(i -> pick.render(bindings(Map.of())))).containsOnly(first);
  }

  @Test
  void recursiveMacrosAreRefused() {
    String source = "{% macro down(n) %}{{ n }}{{ down(n - 1) }}{% endmacro %}{{ down(3) }}";
    assertThatThrownBy(() -> render(source, Map.of())).isInstanceOf(VigilException.class).hasMessageContaining(OWNER);
  }

  @Test
  void badSyntaxFailsAtCompileNamingTheOwner() {
    assertThatThrownBy(() -> ENGINE.compile("{% if activity.x %}never closed", "risk r3 dynamic_display_name"))
        .isInstanceOf(VigilException.class)
        .hasMessageStartingWith("Cannot compile the template of risk r3 dynamic_display_name: ");
  }

  @Test
  void aValueThatIsNoPlainDataIsRefused() {
    assertThatThrownBy(() -> render("{{ activity.thread }}", Map.of("thread", Thread.currentThread())))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("activity.thread holds a java.lang.Thread")
        .extracting(e -> ((VigilException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void oneCompiledTemplateRendersEveryRowWithoutParsingAgain() {
    TemplateEngine engine = TemplateEngine.create(TemplateLimits.defaults());
    CompiledTemplate name = engine.compile(
        "{{ tr_evaluation[0].display_name }} of {{ activity.account_id }}: {{ activity.amount | prettify_number }}",
        "risk r1 dynamic_display_name");
    assertThat(engine.parseCount()).isEqualTo(1);
    int rows = 100_000;
    List<String> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      Map<String, Object> activity = new LinkedHashMap<>();
      activity.put("account_id", "A" + i);
      activity.put("amount", i * 1000L);
      out.add(name.render(bindings(activity)));
    }
    assertThat(engine.parseCount()).isEqualTo(1);
    assertThat(out).hasSize(rows);
    assertThat(out.get(0)).isEqualTo("Sum of amount of A0: 0");
    assertThat(out.get(rows - 1)).isEqualTo("Sum of amount of A99999: 99,999,000");
    assertThat(out).doesNotHaveDuplicates();
  }

  @Test
  void aCompiledTemplateRendersOnSeveralThreadsAtOnce() {
    CompiledTemplate t = ENGINE.compile("{% for f in tr_evaluation %}{{ f.category }}{% endfor %}-{{ activity.n }}", OWNER);
    List<String> out = IntStream.range(0, 2_000).parallel()
        .mapToObj(i -> t.render(bindings(Map.of("n", i))))
        .toList();
    assertThat(out).containsExactlyElementsOf(IntStream.range(0, 2_000).mapToObj(i -> "volumegeographycash-" + i).toList());
  }
}
