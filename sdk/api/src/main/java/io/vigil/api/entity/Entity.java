package io.vigil.api.entity;

/**
 * A top-level metadata entity: it has a kind and an identifier that is unique within its kind
 * across the whole solution. Entities are immutable records with a canonical JSON form.
 */
public interface Entity {
  /** The unique, immutable identifier of this entity within its kind. */
  String identifier();

  /** The kind of this entity. */
  EntityKind kind();

  /** {@code kind[identifier]}, the root of every validation path for this entity. */
  default String address() {
    return kind().key() + "[" + identifier() + "]";
  }
}
