package io.vigil.runtime.connector.payment;

import static io.vigil.runtime.connector.payment.Values.first;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The ISO 20022 messages Vigil's default mapping reads, and where each standard payment column is
 * in them. Paths are below the message element; the first path that holds a value wins.
 */
enum MxKind {
  /** FIToFICustomerCreditTransfer: one row per CdtTrfTxInf. */
  PACS_008("pacs.008", "FIToFICstmrCdtTrf", "CdtTrfTxInf", null, List.of()) {
    @Override
    void fill(UnaryOperator<String> v, Map<String, String> out) {
      String tx = "CdtTrfTxInf";
      interbank(v, out, tx);
      out.put("ordering_party_name", v.apply(tx + "/Dbtr/Nm"));
      out.put("ordering_account", account(v, tx + "/DbtrAcct"));
      out.put("beneficiary_party_name", v.apply(tx + "/Cdtr/Nm"));
      out.put("beneficiary_account", account(v, tx + "/CdtrAcct"));
      out.put("ordering_institution_bic", bic(v, tx + "/DbtrAgt"));
      out.put("beneficiary_institution_bic", bic(v, tx + "/CdtrAgt"));
      out.put("remittance_info", first(v.apply(tx + "/RmtInf/Ustrd"), v.apply(tx + "/RmtInf/Strd/CdtrRefInf/Ref")));
    }
  },
  /** FinancialInstitutionCreditTransfer (core, COV, ADV): one row per CdtTrfTxInf; COV parties from the underlying transfer. */
  PACS_009("pacs.009", "FICdtTrf", "CdtTrfTxInf", null, List.of()) {
    @Override
    void fill(UnaryOperator<String> v, Map<String, String> out) {
      String tx = "CdtTrfTxInf";
      String under = tx + "/UndrlygCstmrCdtTrf";
      interbank(v, out, tx);
      out.put("ordering_party_name", first(v.apply(under + "/Dbtr/Nm"), v.apply(tx + "/Dbtr/FinInstnId/Nm")));
      out.put("ordering_account", first(account(v, under + "/DbtrAcct"), account(v, tx + "/DbtrAcct")));
      out.put("beneficiary_party_name", first(v.apply(under + "/Cdtr/Nm"), v.apply(tx + "/Cdtr/FinInstnId/Nm")));
      out.put("beneficiary_account", first(account(v, under + "/CdtrAcct"), account(v, tx + "/CdtrAcct")));
      out.put("ordering_institution_bic", bic(v, tx + "/Dbtr"));
      out.put("beneficiary_institution_bic", bic(v, tx + "/Cdtr"));
      out.put("remittance_info", first(v.apply(tx + "/RmtInf/Ustrd"), v.apply(under + "/RmtInf/Ustrd"),
          v.apply(under + "/RmtInf/Strd/CdtrRefInf/Ref")));
    }
  },
  /** CustomerCreditTransferInitiation: one row per PmtInf/CdtTrfTxInf; the debtor side from its PmtInf. */
  PAIN_001("pain.001", "CstmrCdtTrfInitn", "PmtInf/CdtTrfTxInf", null, List.of("PmtInf")) {
    @Override
    void fill(UnaryOperator<String> v, Map<String, String> out) {
      String tx = "PmtInf/CdtTrfTxInf";
      out.put("message_ref", v.apply("GrpHdr/MsgId"));
      out.put("end_to_end_id", v.apply(tx + "/PmtId/EndToEndId"));
      out.put("uetr", v.apply(tx + "/PmtId/UETR"));
      out.put("sender_bic", bic(v, "AppHdr/Fr/FIId"));
      out.put("receiver_bic", first(bic(v, "AppHdr/To/FIId"), bic(v, "PmtInf/DbtrAgt")));
      out.put("value_date", first(v.apply("PmtInf/ReqdExctnDt/Dt"), v.apply("PmtInf/ReqdExctnDt/DtTm"),
          v.apply("PmtInf/ReqdExctnDt")));
      String instructed = v.apply(tx + "/Amt/InstdAmt") != null ? tx + "/Amt/InstdAmt" : tx + "/Amt/EqvtAmt/Amt";
      out.put("amount", v.apply(instructed));
      out.put("currency", v.apply(instructed + "/@Ccy"));
      out.put("ordering_party_name", v.apply("PmtInf/Dbtr/Nm"));
      out.put("ordering_account", account(v, "PmtInf/DbtrAcct"));
      out.put("beneficiary_party_name", v.apply(tx + "/Cdtr/Nm"));
      out.put("beneficiary_account", account(v, tx + "/CdtrAcct"));
      out.put("ordering_institution_bic", bic(v, "PmtInf/DbtrAgt"));
      out.put("beneficiary_institution_bic", bic(v, tx + "/CdtrAgt"));
      out.put("remittance_info", first(v.apply(tx + "/RmtInf/Ustrd"), v.apply(tx + "/RmtInf/Strd/CdtrRefInf/Ref")));
      out.put("charge_bearer", first(v.apply(tx + "/ChrgBr"), v.apply("PmtInf/ChrgBr")));
    }
  },
  /**
   * BankToCustomerStatement: one row per entry transaction (Ntry/NtryDtls/TxDtls), or per entry when it
   * has none. The statement account is the ordering side of a debit and the beneficiary side of a credit.
   */
  CAMT_053("camt.053", "BkToCstmrStmt", "Stmt/Ntry/NtryDtls/TxDtls", "Stmt/Ntry", List.of("Stmt", "Stmt/Ntry/NtryDtls")) {
    @Override
    void fill(UnaryOperator<String> v, Map<String, String> out) {
      String tx = "Stmt/Ntry/NtryDtls/TxDtls";
      String entry = "Stmt/Ntry";
      out.put("message_ref", v.apply("GrpHdr/MsgId"));
      out.put("end_to_end_id", v.apply(tx + "/Refs/EndToEndId"));
      out.put("uetr", v.apply(tx + "/Refs/UETR"));
      out.put("sender_bic", first(bic(v, "AppHdr/Fr/FIId"), bic(v, "Stmt/Acct/Svcr")));
      out.put("receiver_bic", bic(v, "AppHdr/To/FIId"));
      out.put("value_date", first(v.apply(entry + "/ValDt/Dt"), v.apply(entry + "/ValDt/DtTm"),
          v.apply(entry + "/BookgDt/Dt"), v.apply(entry + "/BookgDt/DtTm")));
      String amount = v.apply(tx + "/Amt") != null ? tx + "/Amt"
          : v.apply(tx + "/AmtDtls/TxAmt/Amt") != null ? tx + "/AmtDtls/TxAmt/Amt" : entry + "/Amt";
      out.put("amount", v.apply(amount));
      out.put("currency", v.apply(amount + "/@Ccy"));
      boolean debit = "DBIT".equals(first(v.apply(entry + "/CdtDbtInd"), v.apply(tx + "/CdtDbtInd")));
      String owner = v.apply("Stmt/Acct/Ownr/Nm");
      String ownerAccount = account(v, "Stmt/Acct");
      out.put("ordering_party_name", first(v.apply(tx + "/RltdPties/Dbtr/Nm"), v.apply(tx + "/RltdPties/Dbtr/Pty/Nm"),
          debit ? owner : null));
      out.put("ordering_account", first(account(v, tx + "/RltdPties/DbtrAcct"), debit ? ownerAccount : null));
      out.put("beneficiary_party_name", first(v.apply(tx + "/RltdPties/Cdtr/Nm"), v.apply(tx + "/RltdPties/Cdtr/Pty/Nm"),
          debit ? null : owner));
      out.put("beneficiary_account", first(account(v, tx + "/RltdPties/CdtrAcct"), debit ? null : ownerAccount));
      out.put("ordering_institution_bic", bic(v, tx + "/RltdAgts/DbtrAgt"));
      out.put("beneficiary_institution_bic", bic(v, tx + "/RltdAgts/CdtrAgt"));
      out.put("remittance_info", first(v.apply(tx + "/RmtInf/Ustrd"), v.apply(tx + "/RmtInf/Strd/CdtrRefInf/Ref"),
          v.apply(entry + "/AddtlNtryInf")));
    }
  };

  final String family;
  /** The element below Document, when the namespace does not say which message it is. */
  final String rootElement;
  /** The element that makes one row. */
  final String record;
  /** An element that makes a row when it holds no {@link #record}; null when none. */
  final String fallback;
  /** Elements around records whose values are forgotten when they end. */
  final List<String> containers;

  MxKind(String family, String rootElement, String record, String fallback, List<String> containers) {
    this.family = family;
    this.rootElement = rootElement;
    this.record = record;
    this.fallback = fallback;
    this.containers = containers;
  }

  /** The standard columns of the record, as the message writes them (normalised later). */
  abstract void fill(UnaryOperator<String> values, Map<String, String> out);

  Map<String, String> standard(UnaryOperator<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    fill(values, out);
    return out;
  }

  /** The variant of a record: COV for a pacs.009 with an underlying customer transfer or a COV service, ADV likewise. */
  String variant(MxValues message, String businessService) {
    if (this != PACS_009) {
      return null;
    }
    String service = businessService == null ? "" : businessService.toLowerCase(Locale.ROOT);
    if (message.hasUnder(record + "/UndrlygCstmrCdtTrf") || service.contains(".cov")) {
      return "COV";
    }
    return service.contains(".adv") ? "ADV" : null;
  }

  static MxKind ofFamily(String family) {
    for (MxKind k : values()) {
      if (k.family.equals(family)) {
        return k;
      }
    }
    return null;
  }

  static MxKind ofRootElement(String element) {
    for (MxKind k : values()) {
      if (k.rootElement.equals(element)) {
        return k;
      }
    }
    return null;
  }

  /** Sender, receiver, references, settlement date and amount of a pacs credit transfer. */
  private static void interbank(UnaryOperator<String> v, Map<String, String> out, String tx) {
    out.put("message_ref", v.apply("GrpHdr/MsgId"));
    out.put("end_to_end_id", v.apply(tx + "/PmtId/EndToEndId"));
    out.put("uetr", v.apply(tx + "/PmtId/UETR"));
    out.put("sender_bic", first(bic(v, "AppHdr/Fr/FIId"), bic(v, tx + "/InstgAgt"), bic(v, "GrpHdr/InstgAgt")));
    out.put("receiver_bic", first(bic(v, "AppHdr/To/FIId"), bic(v, tx + "/InstdAgt"), bic(v, "GrpHdr/InstdAgt")));
    out.put("value_date", first(v.apply(tx + "/IntrBkSttlmDt"), v.apply("GrpHdr/IntrBkSttlmDt")));
    out.put("amount", v.apply(tx + "/IntrBkSttlmAmt"));
    out.put("currency", v.apply(tx + "/IntrBkSttlmAmt/@Ccy"));
    out.put("charge_bearer", v.apply(tx + "/ChrgBr"));
  }

  /** BICFI from version 4 of the messages on, BIC before. */
  private static String bic(UnaryOperator<String> v, String agent) {
    return first(v.apply(agent + "/FinInstnId/BICFI"), v.apply(agent + "/FinInstnId/BIC"));
  }

  /** The IBAN, else the other identification. */
  private static String account(UnaryOperator<String> v, String account) {
    return first(v.apply(account + "/Id/IBAN"), v.apply(account + "/Id/Othr/Id"));
  }
}
