package io.vigil.sync.resource;

/** What a change does to its resource, with the Terraform symbol the plan prints for it. */
public enum Action {
  CREATE("+", "create", "will be created"),
  UPDATE("~", "update", "will be updated in-place"),
  REPLACE("-/+", "replace", "must be replaced"),
  DELETE("-", "delete", "will be destroyed");

  private final String symbol;
  private final String key;
  private final String phrase;

  Action(String symbol, String key, String phrase) {
    this.symbol = symbol;
    this.key = key;
    this.phrase = phrase;
  }

  public String symbol() {
    return symbol;
  }

  /** The name used in JSON and in the history table. */
  public String key() {
    return key;
  }

  public String phrase() {
    return phrase;
  }
}
