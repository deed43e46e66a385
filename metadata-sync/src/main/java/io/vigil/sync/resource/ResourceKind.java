package io.vigil.sync.resource;

/**
 * The kinds of resource sync manages, each in one store. The key is the second part of a resource
 * address; registry entries take the entity kind there instead ({@code registry.dataset.account}),
 * so they are all of kind {@link #ENTITY}.
 */
public enum ResourceKind {
  BUCKET(StoreKind.OBJECT_STORE, "bucket"),
  PREFIX(StoreKind.OBJECT_STORE, "prefix"),
  BUNDLE(StoreKind.OBJECT_STORE, "bundle"),
  SCHEMA(StoreKind.POSTGRES, "schema"),
  CDD_TABLE(StoreKind.POSTGRES, "table"),
  DELTA_TABLE(StoreKind.DELTA, "table"),
  MODEL(StoreKind.MODELS, "model"),
  /** The training histograms of a real-time flow's step, published in the CDD for {@code vigil serve} (MS-3). */
  HISTOGRAMS(StoreKind.MODELS, "histograms"),
  DAG_FILE(StoreKind.AIRFLOW, "dag_file"),
  ENTITY(StoreKind.REGISTRY, null);

  private final StoreKind store;
  private final String key;

  ResourceKind(StoreKind store, String key) {
    this.store = store;
    this.key = key;
  }

  public StoreKind store() {
    return store;
  }

  /** The address key; null for {@link #ENTITY}, whose addresses carry the entity kind. */
  public String key() {
    return key;
  }

  /** The kind of {@code store} with this address key. */
  public static ResourceKind of(StoreKind store, String key) {
    for (ResourceKind k : values()) {
      if (k.store == store && (k.key == null || k.key.equals(key))) {
        return k;
      }
    }
    throw new IllegalArgumentException("Cannot read resource kind '" + key + "' of store " + store.key());
  }
}
