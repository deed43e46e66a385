package io.vigil.runtime.connector.payment;

import com.prowidesoftware.swift.io.RJEReader;
import com.prowidesoftware.swift.io.parser.SwiftParser;
import com.prowidesoftware.swift.io.parser.SwiftParserConfiguration;
import com.prowidesoftware.swift.model.SwiftMessage;
import com.prowidesoftware.swift.model.UnparsedTextList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The messages of one SWIFT MT file, parsed one at a time with Prowide Core in strict mode. An RJE
 * file separates messages with {@code $} and is read message by message; FIN messages written one
 * after the other without a separator are split by the parser. A message delivered inside its
 * acknowledgement (service message 21) is the acknowledged message.
 */
final class MtMessages implements Iterator<MtMessages.Parsed> {
  /**
   * One message of the file: parsed, or the reason it cannot be.
   *
   * @param index 1-based position in the file
   * @param text the message as written
   * @param message the parsed message; null when {@code error} is set
   * @param error the parser's reason
   */
  record Parsed(long index, String text, SwiftMessage message, String error) {}

  private final RJEReader chunks;
  private final Deque<Parsed> ready = new ArrayDeque<>();
  private long index;

  MtMessages(InputStream in) {
    this.chunks = new RJEReader(in, StandardCharsets.UTF_8);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && chunks.hasNext()) {
      String chunk = chunks.next();
      if (chunk != null && !chunk.isBlank()) {
        split(chunk);
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public Parsed next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Parses one chunk: a message, possibly followed by more messages or wrapped in an acknowledgement. */
  private void split(String chunk) {
    Deque<String> texts = new ArrayDeque<>();
    texts.add(chunk);
    while (!texts.isEmpty()) {
      String text = texts.poll().strip();
      index++;
      SwiftMessage m;
      try {
        m = strict(text);
      } catch (IOException | RuntimeException e) {
        ready.add(new Parsed(index, text, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        continue;
      }
      List<String> following = m.getUnparsedTextsSize() > 0 ? m.getUnparsedTexts().getTexts() : List.of();
      if (m.getBlock1() == null) {
        ready.add(new Parsed(index, text, null, "it is not a SWIFT FIN message: it has no basic header block {1:…}"));
        continue;
      }
      if (m.isServiceMessage21() && !following.isEmpty() && Boolean.TRUE.equals(UnparsedTextList.isMessage(following.get(0)))) {
        if (m.isNack()) {
          ready.add(new Parsed(index, text, null, "SWIFT refused the message (NAK, error code "
              + m.getBlock4().getTagValue("405") + "), so it was not sent"));
          following = following.subList(1, following.size());
        } else {
          // The acknowledgement carries the message it acknowledges, which is the payment.
          index--;
        }
      } else {
        ready.add(new Parsed(index, ownText(text, following), m, null));
      }
      for (int i = following.size() - 1; i >= 0; i--) {
        texts.addFirst(following.get(i));
      }
    }
  }

  /** The message's own text, without the messages written after it. */
  private static String ownText(String text, List<String> following) {
    int end = following.isEmpty() ? -1 : text.indexOf(following.get(0).strip());
    return end > 0 ? text.substring(0, end).strip() : text;
  }

  private static SwiftMessage strict(String text) throws IOException {
    SwiftParserConfiguration conf = new SwiftParserConfiguration();
    conf.setLenient(false);
    SwiftParser parser = new SwiftParser(text);
    parser.setConfiguration(conf);
    return parser.message();
  }
}
