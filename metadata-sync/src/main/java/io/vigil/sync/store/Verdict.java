package io.vigil.sync.store;

import java.util.List;

/**
 * How a spec change is classified: {@code breaking} lists why it needs {@code --allow-breaking};
 * with {@code replace} the resource is dropped and built again, which is always breaking.
 */
public record Verdict(boolean replace, List<String> breaking) {
  public static final Verdict SAFE = new Verdict(false, List.of());

  public Verdict {
    breaking = List.copyOf(breaking);
  }
}
