package io.vigil.api.entity;

import java.util.List;

/**
 * Implemented by the Java classes of a solution that declare entities, the way a ThetaRay metadata
 * module defines {@code entities()}. A provider in {@code domains/<d>/datasets/} returns datasets,
 * one in {@code connectors/} returns connectors, and so on. It needs a public no-argument
 * constructor and must not touch any store.
 */
public interface EntityProvider {
  List<? extends Entity> entities();
}
