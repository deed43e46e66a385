package io.vigil.runtime.template;

import io.vigil.api.VigilException;
import java.util.LinkedHashSet;
import java.util.Set;

/** What one render found wrong that Jinjava would let pass: the undefined names it referenced, in order, and a value it could not bind. */
final class RenderState {
  final String what;
  private final Set<String> undefined = new LinkedHashSet<>();
  private VigilException failure;

  RenderState(String what) {
    this.what = what;
  }

  void undefined(String name) {
    undefined.add(name);
  }

  // Jinjava turns exceptions inside an expression into template errors; this one must reach the caller as it is.
  void fail(VigilException e) {
    if (failure == null) {
      failure = e;
    }
  }

  VigilException failure() {
    return failure;
  }

  /** The first undefined name, or null when every reference was defined. */
  String firstUndefined() {
    return undefined.isEmpty() ? null : undefined.iterator().next();
  }
}
