package io.vigil.runtime.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.util.ScopeMap;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A template parsed once by {@link TemplateEngine#compile}, rendered for each row. Renders never
 * parse again and may run on several threads at once.
 */
public final class CompiledTemplate {
  // Python's Jinja spells null both ways; Jinjava resolves them as names that have no value.
  private static final Set<String> NONE = Set.of("none", "None");

  private final TemplateEngine engine;
  private final Node root;
  private final String source;
  private final String what;

  CompiledTemplate(TemplateEngine engine, Node root, String source, String what) {
    this.engine = engine;
    this.root = root;
    this.source = source;
    this.what = what;
  }

  public String source() {
    return source;
  }

  /** The template's owner as messages name it, e.g. {@code risk r1 dynamic_description}. */
  public String what() {
    return what;
  }

  /**
   * Renders the template over {@code bindings}, usually made by {@link TemplateBindings}. Values
   * are data: template syntax inside them is written as it is, never evaluated. A null value
   * renders as {@code None}.
   *
   * @throws io.vigil.api.VigilException INVALID_METADATA naming the owner and the name when the
   *     template refers to a name, key or index the bindings do not have, or when it breaks a limit;
   *     INVALID_ARGUMENT when a binding holds something other than maps, lists, scalars and dates
   */
  public String render(Map<String, ?> bindings) {
    Objects.requireNonNull(bindings, "bindings");
    RenderState state = new RenderState(what);
    Map<String, Object> bound = new HashMap<>(bindings.size() * 2);
    bindings.forEach((name, value) -> bound.put(name, Bound.of(value, name, state)));
    Context context = engine.newContext(bound);
    JinjavaInterpreter interpreter = engine.newInterpreter(context);
    context.setDynamicVariableResolver(name -> {
      if (!NONE.contains(name) && !declared(interpreter.getContext(), name)) {
        state.undefined(name);
      }
      return null;
    });
    String output;
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      output = interpreter.render(root, false);
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    if (state.failure() != null) {
      throw state.failure();
    }
    String undefined = state.firstUndefined();
    if (undefined != null) {
      throw RuntimeErrors.templateNameUndefined(what, undefined);
    }
    if (!interpreter.getErrors().isEmpty()) {
      throw RuntimeErrors.templateRenderFailed(what, TemplateEngine.describe(interpreter.getErrors().get(0)));
    }
    return output;
  }

  // Jinjava looks names up by value, so a name bound to null looks absent; the scopes know better.
  private static boolean declared(ScopeMap<String, Object> scope, String name) {
    for (ScopeMap<String, Object> s = scope; s != null; s = s.getParent()) {
      if (s.getScope().containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "CompiledTemplate[" + what + "]";
  }
}
