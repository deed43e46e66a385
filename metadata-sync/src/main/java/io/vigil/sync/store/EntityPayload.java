package io.vigil.sync.store;

import io.vigil.api.solution.LoadedEntity;

/** The payload of a registry entry: the entity as loaded, with its domain and source, which the registry records. */
public record EntityPayload(LoadedEntity loaded) {}
