package io.vigil.runtime.connector.payment;

import io.vigil.api.connector.Connector;
import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.PaymentMessages;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a payment connector reads and how its rows are shaped: the messages its mappings select, the
 * schema dataset's fields in order, and whether BICs are checked. Built once on the driver and sent to
 * the Spark tasks that parse the files.
 *
 * @param swift SWIFT MT files; otherwise ISO 20022 XML
 * @param selections the messages the mappings take, in mapping order
 * @param fields the schema dataset's fields, in order: every row carries exactly these
 * @param validate the source's {@code validate_enable}: also reject messages whose BICs are malformed
 */
record MappingPlan(boolean swift, List<Selection> selections, List<String> fields, boolean validate)
    implements Serializable {
  MappingPlan {
    selections = List.copyOf(selections);
    fields = List.copyOf(fields);
  }

  /** The plan of a SWIFT or ISO 20022 connector; fails when a mapping needs ThetaRay's Trace Transformer. */
  static MappingPlan of(Connector connector, DataSet schema) {
    List<String> fields = schema.fieldList().stream().map(Field::identifier).toList();
    List<Selection> selections = new ArrayList<>();
    if (connector instanceof SwiftConnector swift) {
      for (SwiftMapping m : swift.source().mapping()) {
        requireDefault(connector, m.mappingDefault(), m.operationName());
        for (SwiftMessageId id : m.messageIds()) {
          String v = id.variant() == null ? "" : id.variant().strip().toUpperCase(Locale.ROOT);
          selections.add(new Selection(id.messageType(), v.isEmpty() || v.equals("CORE") ? null : v, false,
              paths(m.fieldMapping())));
        }
      }
      return new MappingPlan(true, selections, fields, swift.source().validateEnable());
    }
    if (connector instanceof Iso20022XmlConnector xml) {
      if (xml.source().mapping().isEmpty()) {
        throw RuntimeErrors.paymentMappingMissing(connector.identifier());
      }
      for (Iso20022XmlMapping m : xml.source().mapping()) {
        requireDefault(connector, m.mappingDefault(), m.operationName());
        for (String name : m.messageNames()) {
          String variant = PaymentMessages.isoVariant(name);
          selections.add(new Selection(PaymentMessages.isoFamily(name), "CORE".equals(variant) ? null : variant,
              variant == null, paths(m.fieldMapping())));
        }
      }
      return new MappingPlan(false, selections, fields, xml.source().validateEnable());
    }
    throw new IllegalStateException("Not a payment connector: " + connector.getClass().getSimpleName());
  }

  private static void requireDefault(Connector connector, boolean mappingDefault, String operation) {
    if (!mappingDefault) {
      throw RuntimeErrors.paymentMappingNotDefault(connector.identifier(), operation);
    }
  }

  private static Map<String, String> paths(List<MessageFieldMapping> mappings) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MessageFieldMapping m : mappings) {
      out.put(m.field(), m.path());
    }
    return out;
  }

  /** The selection that takes the message: one naming its variant exactly, else one taking every variant. */
  Optional<Selection> select(String family, String variant) {
    Optional<Selection> exact = selections.stream().filter(s -> !s.anyVariant() && s.takes(family, variant)).findFirst();
    return exact.isPresent() ? exact : selections.stream().filter(s -> s.takes(family, variant)).findFirst();
  }

  /** Whether any selection takes some variant of {@code family}. */
  boolean readsFamily(String family) {
    return selections.stream().anyMatch(s -> s.family().equalsIgnoreCase(family));
  }
}
