package io.vigil.runtime.connector.payment;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams the rows of one SWIFT MT file. Every message is accounted for: it yields its rows, or one
 * rejected row with its index in the file and the reason (the parser's, or what the mapping lacks);
 * the other messages of the file still load.
 */
final class MtReader implements Iterator<PaymentRow> {
  private final MtMessages messages;
  private final MtMapper mapper;
  private final Deque<PaymentRow> ready = new ArrayDeque<>();
  private long sequence;

  MtReader(InputStream in, String sourceFile, MappingPlan plan) {
    this.messages = new MtMessages(in);
    this.mapper = new MtMapper(plan, sourceFile);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && messages.hasNext()) {
      read(messages.next());
    }
    return !ready.isEmpty();
  }

  @Override
  public PaymentRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void read(MtMessages.Parsed parsed) {
    if (parsed.error() != null) {
      sequence++;
      ready.add(PaymentRow.rejected(sequence, parsed.text(), "message " + parsed.index() + ": " + parsed.error()));
      return;
    }
    try {
      for (Map<String, String> row : mapper.rows(parsed.message(), parsed.index())) {
        sequence++;
        ready.add(PaymentRow.accepted(sequence, row, null));
      }
    } catch (RuntimeException e) {
      // A Rejection names what the mapping lacks; anything else is Prowide failing on a field of this message.
      sequence++;
      ready.add(PaymentRow.rejected(sequence, parsed.text(), "message " + parsed.index() + ": " + e.getMessage()));
    }
  }
}
