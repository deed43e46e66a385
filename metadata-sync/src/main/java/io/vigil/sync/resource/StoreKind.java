package io.vigil.sync.resource;

/**
 * The stores sync manages (DESIGN §5). The key is the first part of every resource address and is
 * recorded in the registry, so it never changes.
 */
public enum StoreKind {
  OBJECT_STORE("s3"),
  POSTGRES("postgres"),
  DELTA("delta"),
  MODELS("models"),
  REGISTRY("registry"),
  AIRFLOW("airflow");

  private final String key;

  StoreKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The store with this address key. */
  public static StoreKind fromKey(String key) {
    for (StoreKind s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Cannot read store '" + key + "': expected one of s3, postgres, delta, models, registry, airflow");
  }
}
