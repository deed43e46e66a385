package io.vigil.runtime.connector.payment;

import com.prowidesoftware.swift.model.mt.MTVariant;
import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.SwiftMessage;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.field.Field32A;
import com.prowidesoftware.swift.model.field.Field61;
import io.vigil.api.connector.PaymentMessages;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one parsed MT message to its rows: one for MT103 and MT202 (COV), one per statement line
 * (field 61) for MT940 and MT950. Values come from Prowide's field classes: 32A and 61 for value date,
 * currency and amount, 50a and 59a for the parties in every option, 52a, 57a and 58a for the
 * institutions, the header blocks for sender, receiver, variant and UETR.
 */
final class MtMapper {
  private static final Pattern ROC = Pattern.compile("/ROC/([^/\\n]+)");

  private final MappingPlan plan;
  private final String sourceFile;

  MtMapper(MappingPlan plan, String sourceFile) {
    this.plan = plan;
    this.sourceFile = sourceFile;
  }

  /** The rows of {@code m}, each with the schema fields filled; a message that cannot be mapped is a {@link Values.Rejection}. */
  List<Map<String, String>> rows(SwiftMessage m, long index) {
    String type = m.getType();
    if (type == null || m.isServiceMessage21()) {
      throw new Values.Rejection("it is a service message (block 1 service " + m.getBlock1().getServiceId()
          + "), not a user message; there is no payment to map");
    }
    MTVariant mtVariant = m.getVariant();
    String variant = mtVariant == null ? null : mtVariant.name();
    String name = Selection.describe("MT", type, variant);
    if (!PaymentMessages.readsMt(type)) {
      throw new Values.Rejection(name + " is not a message Vigil's default mapping reads (MT"
          + String.join(", MT", PaymentMessages.MT_TYPES) + ")");
    }
    Selection selection = plan.select(type, variant).orElseThrow(() -> new Values.Rejection(
        "the connector's mappings do not list " + name + "; add SwiftMessageId.of(\"" + type + "\""
            + (variant == null ? "" : ", \"" + variant + "\"") + ") to a mapping"));
    SwiftBlock4 b4 = m.getBlock4();
    if (b4 == null || b4.isEmpty()) {
      throw new Values.Rejection(name + " has no text block {4:…}");
    }
    Map<String, String> common = new LinkedHashMap<>();
    common.put("message_type", name);
    common.put("message_ref", value(b4.getTagByName("20")));
    common.put("uetr", m.getUETR());
    common.put("sender_bic", bic11(m.getSender()));
    common.put("receiver_bic", bic11(m.getReceiver()));
    common.put("source_file", sourceFile);
    common.put("message_index", Long.toString(index));
    if (plan.validate()) {
      Values.checkBic(common.get("sender_bic"), "sender");
      Values.checkBic(common.get("receiver_bic"), "receiver");
    }
    List<Map<String, String>> out = new ArrayList<>();
    if (type.equals("940") || type.equals("950")) {
      for (StatementLine line : statementLines(b4, name)) {
        Map<String, String> row = new LinkedHashMap<>(common);
        line.fill(row, value(first(b4.getTagByName("25"), b4.getTagByName("25P"))));
        out.add(Rows.shape(plan, selection, row, path -> byPath(m, line, path)));
      }
      return out;
    }
    Map<String, String> row = new LinkedHashMap<>(common);
    transfer(b4, type, name, row);
    out.add(Rows.shape(plan, selection, row, path -> byPath(m, null, path)));
    return out;
  }

  /** MT103 and MT202 (COV): 32A, the parties and the institutions; in a COV message the first 52a and 58a are sequence A's. */
  private void transfer(SwiftBlock4 b4, String type, String name, Map<String, String> row) {
    Tag tag32 = b4.getTagByName("32A");
    if (tag32 == null) {
      throw new Values.Rejection(name + " lacks the mandatory field 32A (value date, currency, amount)");
    }
    Field32A f = new Field32A(tag32.getValue());
    if (f.getDateAsCalendar() == null) {
      throw new Values.Rejection("field 32A '" + tag32.getValue() + "': '" + f.getDate() + "' is not a date YYMMDD");
    }
    if (f.getAmountAsBigDecimal() == null) {
      throw new Values.Rejection("field 32A '" + tag32.getValue() + "': '" + f.getAmount() + "' is not an amount");
    }
    row.put("value_date", date(f.getDateAsCalendar()));
    row.put("currency", Values.currency(f.getCurrency(), "field 32A currency"));
    row.put("amount", f.getAmountAsBigDecimal().toPlainString());
    MtParty ordering = MtParty.of(anyOption(b4, "50"));
    MtParty beneficiary = MtParty.of(anyOption(b4, "59"));
    row.put("ordering_party_name", ordering.name());
    row.put("ordering_account", ordering.account());
    row.put("beneficiary_party_name", beneficiary.name());
    row.put("beneficiary_account", beneficiary.account());
    row.put("ordering_institution_bic", MtParty.of(anyOption(b4, "52")).bic());
    row.put("beneficiary_institution_bic", MtParty.of(anyOption(b4, type.equals("202") ? "58" : "57")).bic());
    String remittance = value(b4.getTagByName("70"));
    row.put("remittance_info", remittance);
    row.put("charge_bearer", value(b4.getTagByName("71A")));
    row.put("end_to_end_id", first(value(b4.getTagByName("21")), roc(remittance)));
    if (plan.validate()) {
      Values.checkBic(row.get("ordering_institution_bic"), "field 52a");
      Values.checkBic(row.get("beneficiary_institution_bic"), type.equals("202") ? "field 58a" : "field 57a");
    }
  }

  /** The statement lines (61) of an MT940 or MT950, each with the 86 that follows it. */
  private static List<StatementLine> statementLines(SwiftBlock4 b4, String name) {
    Tag opening = first(b4.getTagByName("60F"), b4.getTagByName("60M"));
    if (opening == null) {
      throw new Values.Rejection(name + " lacks the mandatory opening balance 60a");
    }
    String currency = Values.currency(new com.prowidesoftware.swift.model.field.Field60F(opening.getValue()).getCurrency(),
        "field " + opening.getName() + " currency");
    List<StatementLine> lines = new ArrayList<>();
    List<Tag> tags = b4.getTags();
    for (int i = 0; i < tags.size(); i++) {
      if (!tags.get(i).getName().equals("61")) {
        continue;
      }
      Tag info = i + 1 < tags.size() && tags.get(i + 1).getName().equals("86") ? tags.get(i + 1) : null;
      lines.add(new StatementLine(tags.get(i), info, currency));
    }
    return lines;
  }

  /** One statement line: the account (25) is the ordering side of a debit and the beneficiary side of a credit. */
  private record StatementLine(Tag line, Tag info, String currency) {
    void fill(Map<String, String> row, String account) {
      Field61 f = new Field61(line.getValue());
      if (f.getValueDateAsCalendar() == null) {
        throw new Values.Rejection("field 61 '" + line.getValue() + "': '" + f.getValueDate() + "' is not a date YYMMDD");
      }
      if (f.getAmountAsBigDecimal() == null || f.getDebitCreditMark() == null) {
        throw new Values.Rejection("field 61 '" + line.getValue() + "' has no debit/credit mark and amount");
      }
      boolean debit = f.getDebitCreditMark().equals("D") || f.getDebitCreditMark().equals("RC");
      row.put("value_date", date(f.getValueDateAsCalendar()));
      row.put("currency", currency);
      row.put("amount", f.getAmountAsBigDecimal().toPlainString());
      row.put(debit ? "ordering_account" : "beneficiary_account", account == null ? null : account.split("\n")[0]);
      String reference = f.getReferenceForTheAccountOwner();
      row.put("end_to_end_id", reference == null || reference.equals("NONREF") ? null : reference);
      row.put("remittance_info", first(value(info), f.getSupplementaryDetails()));
    }
  }

  /**
   * A mapped path: a block 3 tag ({@code 3:108}), a tag in any option ({@code 56a}) or a tag; in a
   * statement line, 61 and 86 are the line's own.
   */
  private static String byPath(SwiftMessage m, StatementLine line, String path) {
    if (path.startsWith("3:")) {
      return m.getBlock3() == null ? null : m.getBlock3().getTagValue(path.substring(2));
    }
    if (line != null && path.equals("61")) {
      return value(line.line());
    }
    if (line != null && path.equals("86")) {
      return value(line.info());
    }
    boolean anyOption = Character.isLowerCase(path.charAt(path.length() - 1));
    String number = anyOption ? path.substring(0, path.length() - 1) : path;
    List<String> values = new ArrayList<>();
    for (Tag t : m.getBlock4().getTags()) {
      if (anyOption ? t.getName().matches(number + "[A-Z]?") : t.getName().equals(path)) {
        values.add(value(t));
      }
    }
    return values.isEmpty() ? null : String.join("\n", values);
  }

  /** The first tag of {@code number} in any option letter, e.g. 50A, 50F or 50K for 50. */
  private static Tag anyOption(SwiftBlock4 b4, String number) {
    for (Tag t : b4.getTags()) {
      if (t.getName().matches(number + "[A-Z]?")) {
        return t;
      }
    }
    return null;
  }

  private static String value(Tag t) {
    return t == null || t.getValue() == null ? null : t.getValue().replace("\r\n", "\n").strip();
  }

  /** A logical terminal address (BIC8, terminal code, branch) as the BIC it belongs to. */
  private static String bic11(String address) {
    if (address == null) {
      return null;
    }
    return address.length() == 12 ? address.substring(0, 8) + address.substring(9) : address;
  }

  private static String date(Calendar c) {
    return LocalDate.of(c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH)).toString();
  }

  /** The end-to-end reference of an MT103 in field 70 (code word /ROC/), as the MT-MX translation rules place it. */
  private static String roc(String remittance) {
    if (remittance == null) {
      return null;
    }
    Matcher m = ROC.matcher(remittance);
    return m.find() ? m.group(1).strip() : null;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
