package io.vigil.api.dataset;

/** What happens to a row that fails a validator (S1 §3.1.4). */
public enum ValidatorAction {
  /** The row is kept, logged and counted. */
  WARN,
  /** The row goes to the dataset's rejected-rows table with the validator name and reason. */
  REJECT
}
