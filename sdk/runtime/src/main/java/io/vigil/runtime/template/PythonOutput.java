package io.vigil.runtime.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.lib.filter.EscapeFilter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * Writes {@code {{ … }}} results as Python's Jinja does, which is what ThetaRay alerts show: null
 * as {@code None}, booleans as {@code True} and {@code False}. The result is never rendered again,
 * so template syntax inside a value stays text.
 */
final class PythonOutput implements ExpressionStrategy {
  private static final long serialVersionUID = 1L;

  @Override
  public RenderedOutputNode interpretOutput(ExpressionToken master, JinjavaInterpreter interpreter) {
    Object value = interpreter.resolveELExpression(master.getExpr(), master.getLineNumber());
    String text;
    if (value == null) {
      text = "None";
    } else if (value instanceof Boolean b) {
      text = b ? "True" : "False";
    } else {
      text = interpreter.getAsString(value);
    }
    if (interpreter.getContext().isAutoEscape() && !(value instanceof SafeString)) {
      text = EscapeFilter.escapeHtmlEntities(text);
    }
    return new RenderedOutputNode(text);
  }
}
