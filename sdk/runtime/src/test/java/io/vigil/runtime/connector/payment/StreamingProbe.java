package io.vigil.runtime.connector.payment;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one ISO 20022 file with {@link MxReader} and prints {@code <accepted> <rejected> <first reason>}.
 * Started in a JVM with a small heap by {@link MxReaderTest}, so that a file larger than the heap, or
 * an entity-expansion payload, shows whether reading stays within memory.
 */
public final class StreamingProbe {
  private StreamingProbe() {}

  public static void main(String[] args) throws Exception {
    long accepted = 0;
    long rejected = 0;
    String firstReason = "-";
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])))) {
      MxReader rows = new MxReader(in, args[0], PaymentSamples.iso());
      while (rows.hasNext()) {
        PaymentRow r = rows.next();
        if (r.reason() == null) {
          accepted++;
        } else {
          rejected++;
          firstReason = rejected == 1 ? r.reason() : firstReason;
        }
      }
    }
    System.out.println(accepted + " " + rejected + " " + firstReason);
  }
}
