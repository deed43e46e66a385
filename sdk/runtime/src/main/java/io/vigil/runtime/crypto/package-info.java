/**
 * Field encryption at rest (DESIGN §10): the keys from the environment ({@link FieldKeys}) and
 * the set-based Spark expressions that encrypt and decrypt a dataset's encrypted fields
 * ({@link FieldCipher}). Values are text {@code v1:<key id>:<base64 of IV, ciphertext and tag>}.
 */
package io.vigil.runtime.crypto;
