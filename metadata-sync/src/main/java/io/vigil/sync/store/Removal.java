package io.vigil.sync.store;

import java.util.List;

/**
 * What a plan does with a recorded resource the solution no longer declares: keep it, or delete it
 * for {@code reasons}; a {@code destructive} delete needs {@code --allow-destroy}.
 */
public record Removal(boolean kept, List<String> reasons, boolean destructive) {
  public static final String DESTROY_REASON = "it is no longer declared; deleting it deletes its data";

  public Removal {
    reasons = List.copyOf(reasons);
  }

  public static Removal keep() {
    return new Removal(true, List.of(), false);
  }

  /** A delete that loses data. */
  public static Removal destroy(String reason) {
    return new Removal(false, List.of(reason), true);
  }

  /** A delete that loses nothing, such as a rendered file. */
  public static Removal remove(String reason) {
    return new Removal(false, List.of(reason), false);
  }
}
