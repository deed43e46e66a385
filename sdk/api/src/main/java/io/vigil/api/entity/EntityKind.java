package io.vigil.api.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of top-level entity, each with the folder that holds it in a solution repository. The
 * declaration order is the dependency order: a kind may reference only kinds before it, which is
 * also the order in which sync creates them.
 */
public enum EntityKind {
  DATASET("dataset", "datasets"),
  CONNECTOR("connector", "connectors"),
  GRAPH("graph", "graphs"),
  TARGET("target", "targets"),
  EVALUATION_FLOW("evaluation_flow", "evaluation_flows"),
  RISK("risk", "risks"),
  DAG("dag", "dags");

  private final String key;
  private final String folder;

  EntityKind(String key, String folder) {
    this.key = key;
    this.folder = folder;
  }

  /** The snake_case name used in paths, plans and the registry, e.g. {@code evaluation_flow}. */
  public String key() {
    return key;
  }

  /** The folder that holds entities of this kind: under {@code domains/<domain>/}, or at the root for DAGs. */
  public String folder() {
    return folder;
  }

  /** True for kinds that live in a domain; DAGs live at the solution root. */
  public boolean isDomainScoped() {
    return this != DAG;
  }

  public static Optional<EntityKind> fromFolder(String folder) {
    return Arrays.stream(values()).filter(k -> k.folder.equals(folder)).findFirst();
  }

  public static Optional<EntityKind> fromKey(String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.key.equals(wanted)).findFirst();
  }
}
