package io.vigil.sync.resource;

import java.util.Objects;

/**
 * Where a resource lives: the target store, the kind of resource there, and its name, written
 * {@code target.kind.name}, e.g. {@code postgres.table.aml_public.account},
 * {@code delta.table.public.account}, {@code s3.prefix.datasources/transactions/} or
 * {@code registry.dataset.account}. Names may contain dots and slashes; target and kind may not.
 */
public record ResourceAddress(String target, String kind, String name) implements Comparable<ResourceAddress> {
  public ResourceAddress {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (target.contains(".") || kind.contains(".") || name.isEmpty()) {
      throw new IllegalArgumentException("Cannot create resource address: target and kind must not contain '.', and the name must not be empty: "
          + target + "." + kind + "." + name);
    }
  }

  public static ResourceAddress of(String target, String kind, String name) {
    return new ResourceAddress(target, kind, name);
  }

  /** Reads {@code target.kind.name}. */
  public static ResourceAddress parse(String address) {
    int first = address.indexOf('.');
    int second = first < 0 ? -1 : address.indexOf('.', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("Cannot read resource address '" + address + "': expected target.kind.name");
    }
    return new ResourceAddress(address.substring(0, first), address.substring(first + 1, second), address.substring(second + 1));
  }

  @Override
  public int compareTo(ResourceAddress o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return target + "." + kind + "." + name;
  }
}
