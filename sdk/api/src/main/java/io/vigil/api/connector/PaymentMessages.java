package io.vigil.api.connector;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The messages Vigil's default payment mapping ({@code mapping_default: true}) reads. */
public final class PaymentMessages {
  /** SWIFT MT types: customer and bank transfers, and statements (one row per statement line). */
  public static final List<String> MT_TYPES = List.of("103", "202", "940", "950");
  /** ISO 20022 messages by business area and number, in any version: credit transfers and statements. */
  public static final List<String> ISO_MESSAGES = List.of("pacs.008", "pacs.009", "pain.001", "camt.053");

  private static final Pattern ISO_NAME = Pattern.compile("(?i)([a-z]{4}\\.\\d{3})\\.\\d{3}\\.\\d{2}(?: ([a-z]+))?");

  private PaymentMessages() {}

  public static boolean readsMt(String messageType) {
    return MT_TYPES.contains(messageType);
  }

  /** Whether the default mapping reads {@code name}, a message name such as {@code pacs.009.001.08 COV}. */
  public static boolean readsIso(String name) {
    String family = isoFamily(name);
    return family != null && ISO_MESSAGES.contains(family);
  }

  /** {@code pacs.008} for {@code pacs.008.001.08}; null when {@code name} is no ISO 20022 message name. */
  public static String isoFamily(String name) {
    Matcher m = name == null ? null : ISO_NAME.matcher(name.strip());
    return m != null && m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The variant of a message name in upper case ({@code COV}), or null when it names none. */
  public static String isoVariant(String name) {
    Matcher m = name == null ? null : ISO_NAME.matcher(name.strip());
    return m != null && m.matches() && m.group(2) != null ? m.group(2).toUpperCase(Locale.ROOT) : null;
  }
}
