package io.vigil.runtime.template;

import com.hubspot.jinjava.interpret.TemplateError;
import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;

/** The messages of this package's errors: "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;", naming the template's owner. */
final class TemplateErrors {
  private static final int MAX_DETAIL = 200;

  private TemplateErrors() {}

  static VigilException syntax(String what, TemplateError error) {
    return new VigilException(ErrorCode.INVALID_METADATA,
        "Cannot compile the template of " + what + ": " + describe(error));
  }

  static VigilException undefined(String what, String name) {
    return new VigilException(ErrorCode.INVALID_METADATA,
        "Cannot render the template of " + what + ": '" + name + "' is undefined");
  }

  static VigilException failed(String what, TemplateError error) {
    return new VigilException(ErrorCode.INVALID_METADATA,
        "Cannot render the template of " + what + ": " + describe(error));
  }

  static VigilException unbindable(String what, String path, Object value) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot render the template of " + what + ": " + path + " holds a " + value.getClass().getName()
            + "; only maps, lists, strings, numbers, booleans and dates can be bound");
  }

  private static String describe(TemplateError error) {
    String message = error.getMessage() == null ? error.getReason().name() : error.getMessage();
    if (message.length() > MAX_DETAIL) {
      message = message.substring(0, MAX_DETAIL) + "…";
    }
    return message + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
  }
}
