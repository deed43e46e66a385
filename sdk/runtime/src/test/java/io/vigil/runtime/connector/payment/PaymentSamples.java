package io.vigil.runtime.connector.payment;

import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.Iso20022XmlSource;
import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.PaymentColumn;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import io.vigil.api.connector.SwiftSource;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/** The sample messages under {@code payments/} (see the README there) and the connectors that read them. */
final class PaymentSamples {
  private PaymentSamples() {}

  /** The standard columns plus one field filled by path. */
  static DataSet dataset(String extraField) {
    return DataSet.builder("payment").ingestionMode(IngestionMode.APPEND).fieldList(PaymentColumn.fields())
        .addField(Field.of(extraField, DataType.STRING)).occurredOnField("value_date").build();
  }

  static SwiftMapping.Builder allMt() {
    return SwiftMapping.builder().mappingDefault(true)
        .addMessageId(SwiftMessageId.of("103", "CORE")).addMessageId(SwiftMessageId.of("103", "STP"))
        .addMessageId(SwiftMessageId.of("202")).addMessageId(SwiftMessageId.of("202", "COV"))
        .addMessageId(SwiftMessageId.of("940")).addMessageId(SwiftMessageId.of("950"));
  }

  static MappingPlan swift(SwiftMapping mapping, boolean validate, String extraField) {
    SwiftConnector c = SwiftConnector.builder("swift")
        .source(SwiftSource.builder("swift", "payment").validateEnable(validate).addMapping(mapping).build())
        .defaultTargetDatasetName("payment").build();
    return MappingPlan.of(c, dataset(extraField));
  }

  static MappingPlan swift() {
    return swift(allMt().addFieldMapping(MessageFieldMapping.of("23B", "extra")).build(), false, "extra");
  }

  static Iso20022XmlMapping.Builder allMx() {
    return Iso20022XmlMapping.builder().mappingDefault(true)
        .messageNames("pacs.008.001.08", "pacs.009.001.08", "pain.001.001.09", "camt.053.001.08");
  }

  static MappingPlan iso(Iso20022XmlMapping mapping, boolean validate, String extraField) {
    Iso20022XmlConnector c = Iso20022XmlConnector.builder("mx")
        .source(Iso20022XmlSource.builder("mx", "payment").validateEnable(validate).addMapping(mapping).build())
        .defaultTargetDatasetName("payment").build();
    return MappingPlan.of(c, dataset(extraField));
  }

  static MappingPlan iso() {
    return iso(allMx().addFieldMapping(MessageFieldMapping.of("AppHdr/BizSvc", "extra")).build(), false, "extra");
  }

  static String text(String resource) {
    try (InputStream in = PaymentSamples.class.getResourceAsStream("/payments/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("No test resource payments/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<PaymentRow> mt(MappingPlan plan, String text) {
    return all(new MtReader(stream(text), "datasources/swift/sample", plan));
  }

  static List<PaymentRow> mx(MappingPlan plan, String text) {
    return all(new MxReader(stream(text), "datasources/mx/sample", plan));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<PaymentRow> all(Iterator<PaymentRow> rows) {
    List<PaymentRow> out = new ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }

  /** The named columns of each accepted row joined by {@code |}, or {@code REJECTED <reason>}. */
  static List<String> show(List<PaymentRow> rows, String... columns) {
    return rows.stream().map(r -> r.reason() != null ? "REJECTED " + r.reason()
        : java.util.Arrays.stream(columns).map(c -> String.valueOf(r.values().get(c))).collect(Collectors.joining("|")))
        .toList();
  }
}
