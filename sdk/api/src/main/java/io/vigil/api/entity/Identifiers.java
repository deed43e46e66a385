package io.vigil.api.entity;

import java.util.regex.Pattern;

/** The shapes identifiers must have. Entity and field identifiers become Postgres and Delta names. */
public final class Identifiers {
  /** Entities and dataset fields: lower snake case, at most 63 characters (the Postgres limit). */
  public static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  /** Graph node types, edge types and properties: letters, digits and underscores (e.g. AC, UON). */
  public static final Pattern GRAPH_ELEMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
  /** Names inside an entity: validators, parameters, variables, enrichments, steps, tasks. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private Identifiers() {}

  public static boolean isEntity(String value) {
    return value != null && ENTITY.matcher(value).matches();
  }

  public static boolean isName(String value) {
    return value != null && NAME.matcher(value).matches();
  }
}
