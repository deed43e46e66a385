package io.vigil.sync.store;

import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Postgres;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * What the stores act on during apply and repair. Spark starts only when a Delta step asks for it,
 * and the pinned commits are read again right before a bundle is deleted.
 *
 * @param postgres the Postgres that holds the CDD and the registry
 * @param objects the solution's object store
 * @param spark the Spark session, created on first use
 * @param models the model registry sync imports into
 * @param pinnedCommits commits whose bundles recorded job runs reference
 */
public record StoreHandles(Postgres postgres, ObjectStore objects, Supplier<SparkSession> spark, ModelRegistry models,
    Supplier<Set<String>> pinnedCommits) {}
