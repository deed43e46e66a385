package io.vigil.api.connector;

import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The standard payment schema that Vigil's own mapping ({@code mapping_default: true}) fills from
 * SWIFT MT and ISO 20022 messages alike: one row per MT message (per statement line for MT940), or
 * per ISO 20022 credit-transfer transaction (per entry for camt.053). A connector's schema dataset
 * declares the columns it wants by name, in any subset; {@link #fields()} gives all of them typed.
 * Values are text as the messages carry them, except that dates are ISO-8601 ({@code 2024-01-31})
 * and amounts are decimals with a point ({@code 1234.56}).
 */
public enum PaymentColumn {
  MESSAGE_TYPE(DataType.STRING, "the message type and variant: MT103, MT103 STP, MT202 COV, pacs.008.001.08, pacs.009.001.08 COV"),
  MESSAGE_REF(DataType.STRING, "the sender's reference: MT field 20, ISO GrpHdr/MsgId"),
  END_TO_END_ID(DataType.STRING, "the end-to-end reference: ISO EndToEndId, MT 21 or /ROC/ in MT103 70, MT940 61 reference"),
  UETR(DataType.STRING, "the unique end-to-end transaction reference: MT block 3 field 121, ISO UETR"),
  SENDER_BIC(DataType.STRING, "the sending institution: MT header blocks, ISO AppHdr/Fr or the instructing agent"),
  RECEIVER_BIC(DataType.STRING, "the receiving institution: MT header blocks, ISO AppHdr/To or the instructed agent"),
  VALUE_DATE(DataType.TIMESTAMP, "the value or settlement date, ISO-8601: MT 32A or 61, ISO IntrBkSttlmDt, ReqdExctnDt or ValDt"),
  CURRENCY(DataType.STRING, "the ISO 4217 currency of amount"),
  AMOUNT(DataType.DOUBLE, "the amount, a decimal with a point: MT 32A or 61, ISO IntrBkSttlmAmt, InstdAmt or Amt"),
  ORDERING_PARTY_NAME(DataType.STRING, "the ordering customer or debtor: MT 50a, ISO Dbtr (the BIC for party options A and G)"),
  ORDERING_ACCOUNT(DataType.STRING, "the debtor's account: MT 50a account, ISO DbtrAcct IBAN or other id"),
  BENEFICIARY_PARTY_NAME(DataType.STRING, "the beneficiary customer or creditor: MT 59a, ISO Cdtr (the BIC for option A)"),
  BENEFICIARY_ACCOUNT(DataType.STRING, "the creditor's account: MT 59a account, ISO CdtrAcct IBAN or other id"),
  ORDERING_INSTITUTION_BIC(DataType.STRING, "the debtor's institution: MT 52A, ISO DbtrAgt (the debtor for pacs.009)"),
  BENEFICIARY_INSTITUTION_BIC(DataType.STRING, "the creditor's institution: MT 57A (58A for MT202), ISO CdtrAgt (the creditor for pacs.009)"),
  REMITTANCE_INFO(DataType.STRING, "remittance information: MT 70 (86 for MT940), ISO RmtInf/Ustrd or the structured reference"),
  CHARGE_BEARER(DataType.STRING, "who bears the charges as the message codes it: MT 71A (OUR, SHA, BEN), ISO ChrgBr (DEBT, CRED, SHAR, SLEV)"),
  SOURCE_FILE(DataType.STRING, "the landing file the row comes from"),
  MESSAGE_INDEX(DataType.LONG, "the 1-based position of the message in its file");

  private final DataType dataType;
  private final String description;

  PaymentColumn(DataType dataType, String description) {
    this.dataType = dataType;
    this.description = description;
  }

  /** The column name, e.g. {@code message_type}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type {@link #fields()} declares the column with. */
  public DataType dataType() {
    return dataType;
  }

  public String description() {
    return description;
  }

  /** The column named {@code name}, if it is one of the standard ones. */
  public static Optional<PaymentColumn> of(String name) {
    return Arrays.stream(values()).filter(c -> c.column().equals(name)).findFirst();
  }

  /** Every column as a dataset field, in schema order, e.g. for {@code DataSet.builder(id).fieldList(PaymentColumn.fields())}. */
  public static List<Field> fields() {
    return Arrays.stream(values())
        .map(c -> Field.builder(c.column(), c.dataType).description(c.description).build())
        .toList();
  }
}
