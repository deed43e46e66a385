package io.vigil.sync.resource;

import java.util.Map;
import java.util.Objects;

/**
 * A resource sync manages: its address and its declared spec, a JSON-like tree (maps, lists,
 * strings, numbers, booleans) in normalised form (see {@link Specs}). Only the spec is diffed and
 * stored. {@code payload} carries what applying a desired resource needs beyond its spec (the
 * bundle's bytes, a model export, an entity with its domain); it is null for recorded resources and
 * is ignored by equality.
 */
public final class Resource {
  private final ResourceAddress address;
  private final Map<String, Object> spec;
  private final String hash;
  private final Object payload;

  private Resource(ResourceAddress address, Map<String, Object> spec, Object payload) {
    this.address = Objects.requireNonNull(address, "address");
    this.spec = Specs.normalize(spec);
    this.hash = Specs.hash(this.spec);
    this.payload = payload;
  }

  public static Resource of(ResourceAddress address, Map<String, Object> spec) {
    return new Resource(address, spec, null);
  }

  public static Resource of(ResourceAddress address, Map<String, Object> spec, Object payload) {
    return new Resource(address, spec, payload);
  }

  public ResourceAddress address() {
    return address;
  }

  public Map<String, Object> spec() {
    return spec;
  }

  /** SHA-256 of the spec's sorted JSON: equal specs have equal hashes. */
  public String hash() {
    return hash;
  }

  /** What applying needs beyond the spec, or null. */
  public Object payload() {
    return payload;
  }

  public <T> T payload(Class<T> type) {
    if (!type.isInstance(payload)) {
      throw new IllegalStateException("Resource " + address + " carries no " + type.getSimpleName());
    }
    return type.cast(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r && r.address.equals(address) && r.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, hash);
  }

  @Override
  public String toString() {
    return address + "@" + hash.substring(0, 12);
  }
}
