package io.vigil.runtime.store;

import java.time.Instant;

/**
 * An object in the object store.
 *
 * @param key full key within the bucket
 * @param size bytes
 * @param lastModified last modification time, as the store reports it
 */
public record ObjectInfo(String key, long size, Instant lastModified) {
  /** The last path segment of the key. */
  public String fileName() {
    int slash = key.lastIndexOf('/', key.length() - 2);
    return key.substring(slash + 1);
  }

  public boolean isFolderMarker() {
    return key.endsWith("/");
  }
}
