package io.vigil.runtime.rest;

import java.util.List;

/**
 * What one flush of a connector's REST buffer wrote to the landing folder.
 *
 * @param connector the connector flushed
 * @param keys the landing objects written, in order ({@code datasources/<folder>/rest_<connector>_<ts>_<seq>.csv});
 *     empty when nothing was buffered
 * @param records the records those objects hold
 */
public record FlushResult(String connector, List<String> keys, long records) {
  public FlushResult {
    keys = List.copyOf(keys);
  }
}
