package io.vigil.runtime.connector.payment;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the rows of one ISO 20022 XML file, one credit-transfer transaction at a time, so that
 * memory stays bounded by one transaction whatever the file's size. A file may hold one Document,
 * or any envelope with several, each optionally preceded by its business application header
 * (AppHdr). The message type comes from the Document's namespace ({@code …:pacs.008.001.08}) in
 * any version, else from the header's MsgDefIdr or the message element's name.
 *
 * <p>Every record is accounted for: a transaction the mapping cannot read, or a message it does not
 * take, becomes a rejected row with its position; a file that is not well-formed XML keeps the rows
 * read before the error and rejects the rest with the parser's reason and location. A DTD rejects
 * the whole file before anything in it is expanded.
 */
final class MxReader implements Iterator<PaymentRow> {
  private static final Pattern MESSAGE_NAME = Pattern.compile("([a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2})");

  private final XMLStreamReader xml;
  private final String sourceFile;
  private final MappingPlan plan;
  private final Deque<PaymentRow> ready = new ArrayDeque<>();
  private boolean done;

  /** Element names from the file's root down to the current element. */
  private final List<String> stack = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private boolean leaf;

  private final MxValues header = new MxValues();
  private int headerDepth = -1;

  private final MxValues message = new MxValues();
  private int documentDepth = -1;
  private String documentNamespace;
  private String messageType;
  private MxKind kind;
  /** The current message is not read (unknown or not selected); its records were rejected as one. */
  private boolean skipping;
  private long messageIndex;
  private long sequence;
  private long recordLine;
  /**
   * Records of the current fallback element (a camt.053 entry), made into rows when it ends: the
   * entry's values that follow its transactions, such as AddtlNtryInf, then apply to them too.
   */
  private final List<Pending> pending = new ArrayList<>();

  private record Pending(Map<String, String> values, long line) {}

  MxReader(InputStream in, String sourceFile, MappingPlan plan) {
    this.sourceFile = sourceFile;
    this.plan = plan;
    XMLStreamReader r;
    try {
      r = SecureXml.factory().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      r = null;
      reject(null, "the file cannot be read as XML: " + e.getMessage());
      done = true;
    }
    this.xml = r;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      step();
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

  private void step() {
    try {
      if (!xml.hasNext()) {
        finish();
        return;
      }
      switch (xml.next()) {
        case XMLStreamConstants.START_ELEMENT -> start();
        case XMLStreamConstants.END_ELEMENT -> end();
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
        case XMLStreamConstants.DTD -> {
          reject(null, "the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files");
          close();
        }
        case XMLStreamConstants.ENTITY_REFERENCE -> {
          reject(null, "the file references the entity &" + xml.getLocalName() + "; entities are refused");
          close();
        }
        case XMLStreamConstants.END_DOCUMENT -> finish();
        default -> { }
      }
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      String what = messageIndex == 0 ? "the file" : "message " + messageIndex + " and the rest of the file";
      reject(null, what + " cannot be read: the XML is not well-formed" + where + ": " + firstLine(e.getMessage()));
      close();
    }
  }

  private void start() {
    String name = xml.getLocalName();
    stack.add(name);
    leaf = true;
    text.setLength(0);
    int depth = stack.size();
    if (headerDepth < 0 && documentDepth < 0 && name.equals("AppHdr")) {
      headerDepth = depth;
      header.clear();
      return;
    }
    if (documentDepth < 0 && name.equals("Document")) {
      documentDepth = depth;
      documentNamespace = xml.getNamespaceURI();
      messageIndex++;
      message.clear();
      kind = null;
      skipping = false;
      return;
    }
    if (documentDepth >= 0 && depth == documentDepth + 1) {
      beginMessage(name);
      return;
    }
    if (documentDepth >= 0 && !skipping && depth > documentDepth + 1) {
      String path = path(documentDepth + 1);
      if (path.equals(kind.record) || path.equals(kind.fallback)) {
        recordLine = xml.getLocation().getLineNumber();
      }
      attributes(message, path);
    } else if (headerDepth >= 0) {
      attributes(header, headerPath());
    }
  }

  /** The element below Document says which message this is, when the namespace does not. */
  private void beginMessage(String root) {
    String fromNamespace = name(documentNamespace);
    String fromHeader = name(header.get("AppHdr/MsgDefIdr"));
    messageType = fromNamespace != null ? fromNamespace : fromHeader;
    String family = messageType != null ? messageType.substring(0, 8) : null;
    kind = family != null ? MxKind.ofFamily(family) : MxKind.ofRootElement(root);
    if (messageType == null && kind != null) {
      messageType = kind.family;
    }
    if (kind == null) {
      rejectMessage("it is " + (messageType != null ? messageType : "<" + root + ">")
          + ", not a message Vigil's default mapping reads (pacs.008, pacs.009, pain.001, camt.053)");
    } else if (!kind.rootElement.equals(root)) {
      rejectMessage("its message element is <" + root + ">, but a " + messageType + " has <" + kind.rootElement + ">");
    } else if (!plan.readsFamily(kind.family)) {
      rejectMessage("the connector's mapping does not list " + messageType + "; add it to message_names");
    }
  }

  private void rejectMessage(String reason) {
    skipping = true;
    sequence++;
    ready.add(PaymentRow.rejected(sequence, header.dump(message), "message " + messageIndex + ": " + reason));
  }

  private void attributes(MxValues into, String path) {
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      String ns = xml.getAttributeNamespace(i);
      if (ns == null || ns.isEmpty()) {
        into.add(path + "/@" + xml.getAttributeLocalName(i), xml.getAttributeValue(i));
      }
    }
  }

  private void characters() {
    if (text.length() <= MxValues.VALUE_LIMIT) {
      text.append(xml.getText());
    }
  }

  private void end() {
    int depth = stack.size();
    String value = leaf ? text.toString().strip() : "";
    leaf = false;
    text.setLength(0);
    if (headerDepth >= 0 && documentDepth < 0) {
      if (!value.isEmpty()) {
        header.add(headerPath(), value);
      }
      if (depth == headerDepth) {
        headerDepth = -1;
      }
    } else if (documentDepth >= 0 && depth == documentDepth) {
      documentDepth = -1;
      message.clear();
      header.clear();
      pending.clear();
    } else if (documentDepth >= 0 && depth > documentDepth + 1 && !skipping) {
      String path = path(documentDepth + 1);
      if (!value.isEmpty()) {
        message.add(path, value);
      }
      if (path.equals(kind.record) && kind.fallback != null) {
        pending.add(new Pending(message.snapshot(path), recordLine));
        message.removeUnder(path);
      } else if (path.equals(kind.record)) {
        emit(recordLine);
        message.removeUnder(path);
      } else if (path.equals(kind.fallback)) {
        endFallback(path);
      } else if (kind.containers.contains(path)) {
        message.removeUnder(path);
      }
    }
    stack.remove(stack.size() - 1);
  }

  /** One row per pending record of the element that ended, or one for the element itself when it had none. */
  private void endFallback(String path) {
    if (pending.isEmpty()) {
      emit(recordLine);
    }
    for (Pending p : pending) {
      message.restore(p.values());
      emit(p.line());
      message.removeUnder(kind.record);
    }
    pending.clear();
    message.removeUnder(path);
  }

  private void emit(long line) {
    sequence++;
    String where = "message " + messageIndex + ", transaction " + sequence + " (line " + line + ")";
    try {
      String variant = kind.variant(message, header.get("AppHdr/BizSvc"));
      String family = kind.family;
      Optional<Selection> selection = plan.select(family, variant);
      if (selection.isEmpty()) {
        throw new Values.Rejection("the connector's mapping does not list " + Selection.describe("", messageType, variant)
            + "; add it to message_names");
      }
      String oversized = message.oversized() != null ? message.oversized() : header.oversized();
      if (oversized != null) {
        throw new Values.Rejection(oversized + " is longer than " + MxValues.VALUE_LIMIT + " characters");
      }
      Map<String, String> standard = normalised(kind.standard(this::value), variant);
      ready.add(PaymentRow.accepted(sequence, Rows.shape(plan, selection.get(), standard, this::value), null));
    } catch (Values.Rejection r) {
      ready.add(PaymentRow.rejected(sequence, header.dump(message), where + ": " + r.getMessage()));
    }
  }

  private Map<String, String> normalised(Map<String, String> raw, String variant) {
    Map<String, String> out = new LinkedHashMap<>(raw);
    if (raw.get("amount") == null || raw.get("currency") == null) {
      throw new Values.Rejection("the transaction has no amount with a currency");
    }
    out.put("amount", Values.amount(raw.get("amount"), "amount"));
    out.put("currency", Values.currency(raw.get("currency"), "currency"));
    out.put("value_date", Values.isoDate(raw.get("value_date"), "date"));
    if (plan.validate()) {
      for (String bic : List.of("sender_bic", "receiver_bic", "ordering_institution_bic", "beneficiary_institution_bic")) {
        Values.checkBic(raw.get(bic), bic);
      }
    }
    out.put("message_type", messageType + (variant == null ? "" : " " + variant));
    out.put("source_file", sourceFile);
    out.put("message_index", Long.toString(messageIndex));
    return out;
  }

  private String value(String path) {
    return path.startsWith("AppHdr/") ? header.get(path) : message.get(path);
  }

  private void finish() {
    if (!done && messageIndex == 0 && sequence == 0) {
      reject(null, "the file holds no ISO 20022 Document");
    }
    close();
  }

  private void reject(String raw, String reason) {
    sequence++;
    ready.add(PaymentRow.rejected(sequence, raw, reason));
  }

  private void close() {
    done = true;
    try {
      if (xml != null) {
        xml.close();
      }
    } catch (XMLStreamException e) {
      // Nothing more is read from a closed file.
    }
  }

  /** The path of the current element below the element at {@code from} (1-based depth). */
  private String path(int from) {
    return String.join("/", stack.subList(from, stack.size()));
  }

  private String headerPath() {
    return String.join("/", stack.subList(headerDepth - 1, stack.size()));
  }

  /** The ISO 20022 message name in a namespace or identifier, e.g. pacs.008.001.08; null when none. */
  private static String name(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = MESSAGE_NAME.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The parser's own words, without the location it also puts in front. */
  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int said = message.indexOf("Message: ");
    String m = (said >= 0 ? message.substring(said + 9) : message).strip();
    int newline = m.indexOf('\n');
    return (newline < 0 ? m : m.substring(0, newline)).strip();
  }
}
