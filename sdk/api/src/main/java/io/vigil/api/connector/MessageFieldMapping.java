package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.regex.Pattern;

/**
 * Fills a field of a payment connector's schema dataset from a place in the message, next to the
 * standard payment columns ({@link PaymentColumn}) of Vigil's default mapping; a mapping of a standard column
 * replaces its default. Repeated values (a tag or element that occurs more than once) are joined with
 * a newline.
 *
 * @param path where the value is. In a SWIFT MT mapping: a block 4 tag ({@code 72}, {@code 23B}), a
 *     tag in any option ({@code 56a}), or a block 3 tag ({@code 3:108}). In an ISO 20022 mapping: the
 *     element names below the message element, separated by {@code /} ({@code CdtTrfTxInf/Purp/Cd}),
 *     starting with {@code AppHdr/} for the business application header, ending in {@code @name} for
 *     an attribute ({@code CdtTrfTxInf/InstdAmt/@Ccy})
 * @param field the field of the schema dataset that receives the value
 */
public record MessageFieldMapping(String path, String field) {
  /** A block 4 tag such as {@code 72} or {@code 23B}, {@code 56a} for any option, or {@code 3:108} in block 3. */
  static final Pattern MT_PATH = Pattern.compile("(3:\\d{3})|(\\d{2}[A-Za-z]?)");
  /** Element local names joined by {@code /}, optionally ending in {@code @attribute}. */
  static final Pattern XML_PATH = Pattern.compile("[A-Za-z_][\\w.-]*(/[A-Za-z_][\\w.-]*)*(/@[A-Za-z_][\\w.-]*)?");

  public MessageFieldMapping {
    Checks.required(path, "message field mapping", "path");
    Checks.required(field, "message field mapping " + path, "field");
  }

  public static MessageFieldMapping of(String path, String field) {
    return BuildSites.mark(new MessageFieldMapping(path, field));
  }
}
