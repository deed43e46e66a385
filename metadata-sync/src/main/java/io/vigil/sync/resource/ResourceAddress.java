package io.vigil.sync.resource;

import io.vigil.api.entity.EntityKind;
import java.util.Objects;

/**
 * Where a resource lives, written {@code store.kind.name}, e.g. {@code postgres.table.aml_public.account},
 * {@code delta.table.public.account}, {@code s3.prefix.datasources/transactions/} or
 * {@code registry.dataset.account} (a registry entry names its entity kind where other addresses
 * name their resource kind). Names may contain dots and slashes.
 *
 * @param kind the kind of resource, which fixes the store
 * @param name the name within the kind; for registry entries {@code <entity kind>.<identifier>}
 */
public record ResourceAddress(ResourceKind kind, String name) implements Comparable<ResourceAddress> {
  public ResourceAddress {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || (kind == ResourceKind.ENTITY && name.indexOf('.') <= 0)) {
      throw new IllegalArgumentException("Cannot create resource address of kind " + kind + ": the name must not be empty"
          + (kind == ResourceKind.ENTITY ? " and must start with the entity kind" : "") + ": '" + name + "'");
    }
  }

  public static ResourceAddress of(ResourceKind kind, String name) {
    return new ResourceAddress(kind, name);
  }

  /** The registry entry of an entity. */
  public static ResourceAddress entity(EntityKind entityKind, String identifier) {
    return new ResourceAddress(ResourceKind.ENTITY, entityKind.key() + "." + identifier);
  }

  /** The registry entry of an entity, from the entity kind's key as the registry records it. */
  public static ResourceAddress entity(String entityKindKey, String identifier) {
    return new ResourceAddress(ResourceKind.ENTITY, entityKindKey + "." + identifier);
  }

  /** Reads {@code store.kind.name}. */
  public static ResourceAddress parse(String address) {
    int first = address.indexOf('.');
    int second = first < 0 ? -1 : address.indexOf('.', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("Cannot read resource address '" + address + "': expected store.kind.name");
    }
    StoreKind store = StoreKind.fromKey(address.substring(0, first));
    if (store == StoreKind.REGISTRY) {
      return new ResourceAddress(ResourceKind.ENTITY, address.substring(first + 1));
    }
    return new ResourceAddress(ResourceKind.of(store, address.substring(first + 1, second)), address.substring(second + 1));
  }

  public StoreKind store() {
    return kind.store();
  }

  /** The address's first part: the store's key. */
  public String storeKey() {
    return kind.store().key();
  }

  /** The address's second part: the resource kind's key, or the entity kind of a registry entry. */
  public String kindKey() {
    return kind == ResourceKind.ENTITY ? name.substring(0, name.indexOf('.')) : kind.key();
  }

  /** The address's last part: the name without an entity kind. */
  public String localName() {
    return kind == ResourceKind.ENTITY ? name.substring(name.indexOf('.') + 1) : name;
  }

  @Override
  public int compareTo(ResourceAddress o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return storeKey() + "." + kindKey() + "." + localName();
  }
}
