package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Decryption of encrypted inbound files (S1 §4.1.5). Each file is decrypted and parsed on one core,
 * so split large inputs into many files and raise {@code parallelism}.
 *
 * @param chunkRowsSize rows held in memory at a time while parsing a file (default 10000)
 * @param parallelism Spark executors that decrypt and parse files concurrently (default 4)
 * @param keyFileSuffix suffix of the files holding each data file's encrypted data key (default {@code .DEK})
 */
public record Encryption(Integer chunkRowsSize, Integer parallelism, String keyFileSuffix) {
  public Encryption {
    chunkRowsSize = Checks.positive(Checks.orDefault(chunkRowsSize, 10_000), "encryption", "chunk_rows_size");
    parallelism = Checks.positive(Checks.orDefault(parallelism, 4), "encryption", "parallelism");
    keyFileSuffix = Checks.orDefault(keyFileSuffix, ".DEK");
    Checks.valid(!keyFileSuffix.isBlank(), "encryption", "key_file_suffix", "must not be blank");
  }

  /** The guide's defaults: 10000 rows, parallelism 4, key files ending in {@code .DEK}. */
  public static Encryption defaults() {
    return of(null, null, null);
  }

  /** Null arguments take their defaults. */
  public static Encryption of(Integer chunkRowsSize, Integer parallelism, String keyFileSuffix) {
    return BuildSites.mark(new Encryption(chunkRowsSize, parallelism, keyFileSuffix));
  }
}
