package io.vigil.runtime.connector.payment;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The messages one mapping of a connector selects, and the fields it fills by path.
 *
 * @param family the MT number ({@code 103}) or the ISO 20022 area and number ({@code pacs.009})
 * @param variant the variant ({@code STP}, {@code COV}, {@code ADV}); null for the plain message
 * @param anyVariant the mapping takes every variant of the family (an ISO name without a variant)
 * @param pathByField the mapping's {@code field_mapping}: schema field to path
 */
record Selection(String family, String variant, boolean anyVariant, Map<String, String> pathByField)
    implements Serializable {
  Selection {
    pathByField = Map.copyOf(pathByField);
  }

  boolean takes(String messageFamily, String messageVariant) {
    return family.equalsIgnoreCase(messageFamily) && (anyVariant || Objects.equals(variant, messageVariant));
  }

  /** How the message is named to users: {@code MT202 COV}, {@code pacs.009 COV}. */
  static String describe(String prefix, String family, String variant) {
    return prefix + family + (variant == null ? "" : " " + variant);
  }
}
