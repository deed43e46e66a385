package io.vigil.runtime.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.random.RandomNumberGeneratorStrategy;
import com.hubspot.jinjava.tree.Node;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jinja for the dynamic attributes of risks (S1 §7.3, §20.7), on Jinjava and sandboxed: templates
 * see only the maps, lists and scalars they are given; they cannot include, import or extend other
 * templates, read files or reach the network; every render stays within {@link TemplateLimits};
 * and random filters are deterministic, so a rerun renders the same text.
 *
 * <p>A template is compiled once and rendered for every row:
 *
 * <pre>{@code
 * TemplateEngine engine = TemplateEngine.create(TemplateLimits.defaults());
 * CompiledTemplate name = engine.compile("{{ activity.account_id }} moved {{ activity.amount | prettify_number }}",
 *     "risk big_mover dynamic_display_name");
 * String text = name.render(TemplateBindings.builder().activity(row).build());
 * }</pre>
 *
 * <p>Besides Jinja's own filters (such as {@code capitalize}) there are {@code prettify_number},
 * {@code currency_symbol} and {@code country_full}. An engine is thread-safe.
 */
public final class TemplateEngine {
  private static final int MAX_DETAIL = 200;
  private static final Set<String> FILE_TAGS = Set.of("include", "import", "from", "extends");

  private final Jinjava jinjava;
  private final JinjavaConfig config;
  private final TemplateLimits limits;
  private final AtomicLong parses = new AtomicLong();

  private TemplateEngine(TemplateLimits limits) {
    this.limits = limits;
    this.config = JinjavaConfig.newBuilder()
        .withMaxOutputSize(limits.maxOutputChars())
        .withMaxStringLength(limits.maxOutputChars())
        .withMaxRenderDepth(limits.maxRenderDepth())
        .withEnableRecursiveMacroCalls(false)
        .withMaxListSize(limits.maxCollectionSize())
        .withMaxMapSize(limits.maxCollectionSize())
        .withRangeLimit(limits.maxCollectionSize())
        .withNestedInterpretationEnabled(false)
        .withFailOnUnknownTokens(false)
        .withElResolver(SandboxResolver.create())
        .withDisabled(Map.of(Context.Library.TAG, FILE_TAGS))
        .withRandomNumberGeneratorStrategy(RandomNumberGeneratorStrategy.CONSTANT_ZERO)
        .withLocale(Locale.ROOT)
        .withTimeZone(ZoneOffset.UTC)
        .build();
    this.jinjava = new Jinjava(config);
    this.jinjava.setResourceLocator((name, encoding, interpreter) -> {
      throw new IOException("templates cannot load other templates: '" + name + "'");
    });
    for (Filter filter : Filters.all()) {
      jinjava.getGlobalContext().registerFilter(filter);
    }
  }

  public static TemplateEngine create(TemplateLimits limits) {
    return new TemplateEngine(Objects.requireNonNull(limits, "limits"));
  }

  public TemplateLimits limits() {
    return limits;
  }

  /**
   * Parses {@code source} once; the result renders any number of rows without parsing again.
   *
   * @param what the template's owner for messages, e.g. {@code risk r1 dynamic_description}
   * @throws io.vigil.api.VigilException INVALID_METADATA naming {@code what} when the syntax is wrong
   *     or the template uses include, import, from or extends
   */
  public CompiledTemplate compile(String source, String what) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(what, "what");
    JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, newContext(Map.of()), config);
    Node root;
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      root = interpreter.parse(source);
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    parses.incrementAndGet();
    if (!interpreter.getErrors().isEmpty()) {
      throw RuntimeErrors.templateSyntaxInvalid(what, describe(interpreter.getErrors().get(0)));
    }
    return new CompiledTemplate(this, root, source, what);
  }

  /** How many templates this engine has parsed: one per {@link #compile} call, never one per render. */
  public long parseCount() {
    return parses.get();
  }

  Context newContext(Map<String, Object> bindings) {
    Context context = new Context(jinjava.getGlobalContext(), bindings, config.getDisabled());
    context.setExpressionStrategy(new PythonOutput());
    return context;
  }

  JinjavaInterpreter newInterpreter(Context context) {
    return new JinjavaInterpreter(jinjava, context, config);
  }

  /** Jinjava's error as a message shows it: cut to {@value #MAX_DETAIL} characters, with its line. */
  static String describe(TemplateError error) {
    String message = error.getMessage() == null ? error.getReason().name() : error.getMessage();
    if (message.length() > MAX_DETAIL) {
      message = message.substring(0, MAX_DETAIL) + "…";
    }
    return message + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
  }
}
