package io.vigil.runtime.layout;

/**
 * Where data is read and written (S1 §3.1.13): PUBLIC is production and is written only by users
 * with the manager role; PRIVATE is one sandbox per user.
 */
public enum DataEnvironment {
  PUBLIC,
  PRIVATE
}
