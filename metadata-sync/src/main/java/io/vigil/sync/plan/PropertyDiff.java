package io.vigil.sync.plan;

/**
 * One changed property of a resource.
 *
 * @param path dotted path into the spec, list items by name: {@code columns[amount].type}
 * @param before the recorded value; null when the property is new
 * @param after the declared value; null when the property is removed
 */
public record PropertyDiff(String path, Object before, Object after) {}
