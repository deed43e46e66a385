package io.vigil.runtime.store;

/**
 * Handles on the stores a process uses, opened from {@link StoreSettings}: separately run servers
 * when the settings name them, else the stack {@code vigil dev up} runs under VIGIL_HOME, else an
 * embedded stack started in this process and stopped on {@link #close()}.
 */
public final class Stores implements AutoCloseable {
  private final StoreSettings settings;
  private final EmbeddedStack owned;
  private final Postgres postgres;
  private final ObjectStore objects;

  private Stores(StoreSettings settings, EmbeddedStack owned) {
    this.settings = settings;
    this.owned = owned;
    this.postgres = new Postgres(settings.pgUrl(), settings.pgUser(), settings.pgPassword());
    this.objects = new ObjectStore(settings.s3Endpoint(), settings.s3AccessKey(), settings.s3SecretKey(), settings.s3Region());
  }

  public static Stores open(StoreSettings settings) {
    if (settings.externalPostgres() && settings.externalObjectStore()) {
      return new Stores(settings, null);
    }
    StoreSettings attached = EmbeddedStack.attach(settings);
    if (attached != null) {
      return new Stores(keepExternal(settings, attached), null);
    }
    EmbeddedStack stack = EmbeddedStack.start(settings.home());
    try {
      return new Stores(keepExternal(settings, stack.settings(settings)), stack);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Settings of an embedded stack, except the stores the user configured explicitly. */
  private static StoreSettings keepExternal(StoreSettings user, StoreSettings embedded) {
    StoreSettings out = embedded;
    if (user.externalPostgres()) {
      out = out.withPostgres(user.pgUrl(), user.pgUser(), user.pgPassword());
    }
    if (user.externalObjectStore()) {
      out = out.withObjectStore(user.s3Endpoint(), user.s3AccessKey(), user.s3SecretKey());
    }
    return out;
  }

  /** The effective settings: where each store actually is. */
  public StoreSettings settings() {
    return settings;
  }

  public Postgres postgres() {
    return postgres;
  }

  public ObjectStore objects() {
    return objects;
  }

  /** The embedded stack this process started, or null. */
  public EmbeddedStack embedded() {
    return owned;
  }

  @Override
  public void close() {
    try {
      objects.close();
    } finally {
      if (owned != null) {
        owned.close();
      }
    }
  }
}
