package io.vigil.api.dataset;

/**
 * How an {@code encrypted} field is encrypted. The default, {@link #RANDOM}, gives every value its
 * own random nonce, so equal values look different at rest; {@link #DETERMINISTIC} derives the
 * nonce from the key and the value, so equal values give equal ciphertexts and equality filters and
 * joins work on the ciphertext, at the cost of showing which rows share a value.
 */
public enum FieldEncryption {
  /** A fresh random nonce per value; filters and joins on the field need a decrypt first. */
  RANDOM,
  /** Equal plaintexts under one key give equal ciphertexts, so equality filters and joins work. */
  DETERMINISTIC
}
