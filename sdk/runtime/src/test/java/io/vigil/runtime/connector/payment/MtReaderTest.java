package io.vigil.runtime.connector.payment;

import static io.vigil.runtime.connector.payment.PaymentSamples.mt;
import static io.vigil.runtime.connector.payment.PaymentSamples.show;
import static io.vigil.runtime.connector.payment.PaymentSamples.swift;
import static io.vigil.runtime.connector.payment.PaymentSamples.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SWIFT MT sample files (see payments/README.md) read into the standard payment columns. */
class MtReaderTest {
  private static final String[] ALL = {"message_type", "message_ref", "end_to_end_id", "uetr", "sender_bic",
      "receiver_bic", "value_date", "currency", "amount", "ordering_party_name", "ordering_account",
      "beneficiary_party_name", "beneficiary_account", "ordering_institution_bic", "beneficiary_institution_bic",
      "charge_bearer", "message_index", "extra"};

  @Test
  void mt103InAnRjeFileWithAcknowledgementsIsOneRowPerMessage() {
    List<PaymentRow> rows = mt(swift(), text("mt/MT103-bulk-with-ack.rje"));
    assertThat(show(rows, ALL)).containsExactly(
        "MT103|234234233|null|null|BBBBUS33XXX|AAAAUSLAXXX|2019-04-25|USD|3700|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|0000000000"
            + "|BBBBBBBBBBBBBBBB|0000000000|CCCCNGLA|null|SHA|1|CRED",
        "MT103 STP|C4772342333|null|null|BKTRUS33XXX|AAAAUSLAXXX|2019-04-25|USD|1321.00|ANANANANANANA|1111111111"
            + "|VICTORY FOOBAR|1111111111|CCCCNGLA|null|BEN|2|CRED",
        "MT103|201904250034434|null|null|BBBBUS33XXX|AAAAUSLAXXX|2019-04-25|USD|1417.8|OLD MUTUAL GENERAL INSURAN"
            + "|22222222222|GGGGGGGGGGGGGGGGG|8888888888|CCCCNGLA|null|SHA|3|CRED");
    assertThat(rows.get(2).values().get("remittance_info"))
        .isEqualTo("/RFB/042517478733\nBEING PAYMENT OF FAC RE-INSURANCE\nPREMIUM DUE ON FOO COAL MINING");
    assertThat(rows).extracting(PaymentRow::sequence).containsExactly(1L, 2L, 3L);
  }

  @Test
  void everyMessageOfAnRjeFileWithSeparatorLinesIsRead() {
    List<PaymentRow> rows = mt(swift(), text("mt/MT103-out-ack.rje"));
    assertThat(show(rows, "message_ref", "value_date", "currency", "amount", "message_index")).containsExactly(
        "22342343|2019-10-14|USD|1814.28|1", "INGDESMM|2019-10-28|EUR|111222.33|2", "INGDESMM|2007-10-28|EUR|54321.23|3",
        "FOODESMM|2006-10-28|EUR|19999|4", "OMF000000724103|2019-10-28|EUR|765432|5",
        "530165650050|2019-10-28|EUR|12345.67|6", "0061350113089906|2001-10-28|EUR|754321|7",
        "0061350113089908|2006-10-28|EUR|100000|8", "0061350113089907|2019-10-28|EUR|74321|9",
        "AMLX985338-D4E5E|2019-10-18|EUR|66969.52|10", "0061350113089903|2019-10-28|EUR|47000|11",
        "0061350113089904|2019-10-28|EUR|10000|12", "0061350113089905|2019-10-28|EUR|10000|13");
    assertThat(rows.get(0).values()).containsEntry("uetr", "8579f4a4-a547-463e-ae63-e7c6620d59b4")
        .containsEntry("sender_bic", "BBBBUS3NXXX").containsEntry("receiver_bic", "BICFOOYYXXX");
  }

  @Test
  void mt202AndMt202CovTakeTheInstitutionsFromSequenceAAndThePartiesFromSequenceB() {
    assertThat(show(mt(swift(), text("mt/MT202.fin")), ALL)).containsExactly(
        "MT202|X2XC05060308|X2XC05060308|null|QQQQESMMXXX|FOOBARYYXXX|2006-03-08|EUR|12345.67|null|null|null|null"
            + "|LLLLLULLXXX|FOOBARYYXXX|null|1|null",
        "MT202|C2CI03060306|C2CI03060306|null|PPPPESMMXXX|FOOBARYYXXX|2006-03-06|EUR|199999.99|null|null|null|null"
            + "|BGLLLUYYXXX|FOOBARYYXXX|null|2|null");
    assertThat(show(mt(swift(), text("mt/MT202COV.fin")), ALL)).containsExactly(
        "MT202 COV|pacs9bizmsgidr01|pacs008EndToEnd+|7a562c67-ca16-48ba-b074-65581be6f001|CLYDGB2SXXX|BOFSGB2LXXX"
            + "|2022-10-20|DKK|591636|A Debiter|NOTPROVIDED|B Creditor Co|null|CLYDGB2S|BSCHGB2L|null|1|null",
        "MT202 COV|pacs9bizmsgidr01|pcs008bzmsgidr-1|174c245f-2682-4291-ad67-2a41e530cd27|MYMBGB2LXXX|INGBROBUXXX"
            + "|2022-10-20|RON|26546464|Debtor Co|25698745|Ardent Finance|65479512|MYMBGB2LXXX|GEBABEBBXXX|null|2|null");
  }

  @Test
  void statementsAreOneRowPerStatementLineWithTheAccountOnTheSideOfTheBooking() {
    List<PaymentRow> rows = mt(swift(), text("mt/MT940.fin"));
    assertThat(rows).hasSize(20).allSatisfy(r -> assertThat(r.reason()).isNull());
    assertThat(show(rows.subList(0, 5), "message_ref", "value_date", "currency", "amount", "ordering_account",
        "beneficiary_account", "end_to_end_id", "remittance_info", "message_index")).containsExactly(
        "REFXXXXX|2007-10-24|XOF|4105400.0|K005201001004509050156|null|1234567890|TEST LIBELLE|1",
        "REFXXXXX|2007-10-25|XOF|3000000000.0|K005201001004509050156|null|1234567890|TEST LIBELLE|1",
        "REFXXXXX|2007-10-25|XOF|959919691.0|null|K005201001004509050156|1234567890|TEST LIBELLE|1",
        "REFXXXXX|2007-10-25|XOF|523237057.0|null|K005201001004509050156|1234567890|TEST LIBELLE|1",
        "REFXXXXX|2007-10-25|XOF|3000000000.0|null|K005201001004509050156|1234567890|TEST LIBELLE|1");
    assertThat(show(rows.subList(5, 19), "amount")).containsExactly("228.00", "500.00", "100.00", "6.70", "4.85",
        "500.00", "350.00", "6.70", "7.60", "350.00", "3554.92", "6.70", "7.60", "100.00");
    assertThat(rows.get(5).values()).containsEntry("sender_bic", "SBZAZAJJXXX").containsEntry("currency", "ZAR")
        .containsEntry("value_date", "2010-09-15").containsEntry("message_index", "2")
        .containsEntry("remittance_info", "CREDIT TRANSFER\n019440587\n9119\n000000000000036\n0,00");
    assertThat(show(rows.subList(19, 20), ALL)).containsExactly(
        "MT940|Stmnt-100-01|null|null|RBOSGB2LXXX|CNORGB22XXX|2022-10-20|EUR|45250|null|25698745|null|null|null|null"
            + "|null|3|null");
    assertThat(show(mt(swift(), text("mt/MT950.fin")), "amount", "end_to_end_id")).containsExactly("1.2|494935/DEV",
        "30.2|78911", "250|67822", "450|494933/DEV", "500|45633", "1058.47|494931", "2500|56728", "3840|494935",
        "5000|23/200516");
  }

  @Test
  void aBrokenMessageIsRejectedWithItsIndexAndTheParsersReasonWhileTheOthersLoad() {
    String sample = text("mt/MT103-bulk-with-ack.rje");
    String broken = sample.replace("{2:O1031617190425", "{2:X1031617190425")
        .replace(":32A:190425USD1417,8", ":32A:1904XXUSD1417,8");
    List<PaymentRow> rows = mt(swift(), broken + "$\ngarbage between messages\n$\n");
    assertThat(show(rows, "message_ref", "message_index")).containsExactly(
        "234234233|1",
        "REJECTED message 2: Expected an \"I\" or \"O\" to identify the block 2 type (direction) and found: X",
        "REJECTED message 3: field 32A '1904XXUSD1417,8': '1904XX' is not a date YYMMDD",
        "REJECTED message 4: it is not a SWIFT FIN message: it has no basic header block {1:…}");
    assertThat(rows.get(1).raw()).contains(":20:C4772342333");
    assertThat(rows).extracting(PaymentRow::sequence).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void messagesTheMappingsDoNotListAreRejectedAndNaksAreNotPayments() {
    SwiftMapping coreOnly = SwiftMapping.builder().mappingDefault(true).addMessageId(SwiftMessageId.of("103", "CORE")).build();
    assertThat(show(mt(swift(coreOnly, false, "extra"), text("mt/MT103-bulk-with-ack.rje")), "message_ref")).containsExactly(
        "234234233",
        "REJECTED message 2: the connector's mappings do not list MT103 STP; add SwiftMessageId.of(\"103\", \"STP\") to a mapping",
        "201904250034434");
    String nak = text("mt/MT103-bulk-with-ack.rje").replaceFirst("\\{451:0}", "{451:1}{405:T27}");
    assertThat(show(mt(swift(), nak), "message_ref")).startsWith(
        "REJECTED message 1: SWIFT refused the message (NAK, error code T27), so it was not sent", "C4772342333");
  }

  @Test
  void validateEnableRejectsMessagesWithMalformedBics() {
    // The sample's receiver BICFOOYY names no country (OO), which Prowide's BIC check finds.
    List<PaymentRow> rows = mt(swift(PaymentSamples.allMt().build(), true, "extra"), text("mt/MT103-out-ack.rje"));
    assertThat(rows).hasSize(13).allSatisfy(r -> assertThat(r.reason()).endsWith(
        "receiver 'BICFOOYYXXX' is not a valid BIC (invalid country)"));
    assertThat(mt(swift(PaymentSamples.allMt().build(), true, "extra"), text("mt/MT202COV.fin")))
        .allSatisfy(r -> assertThat(r.reason()).isNull());
  }

  @Test
  void fieldMappingsAddTagsOfBlocks3And4AndStatementLinesKeepTheirOwn61And86() {
    SwiftMapping mapping = PaymentSamples.allMt()
        .addFieldMapping(MessageFieldMapping.of("72", "extra"))
        .addFieldMapping(MessageFieldMapping.of("3:108", "ordering_party_name"))
        .build();
    List<PaymentRow> rows = mt(swift(mapping, false, "extra"), text("mt/MT202.fin"));
    assertThat(rows.get(0).values()).containsEntry("ordering_party_name", "2006030800940016")
        .containsEntry("extra", "/BNF/REDEM 123.456 SHS B LU01191229\n//00 FOOOOO L FUND EQUITY FOOOBAR\n"
            + "//EUROP AT NAV 88.88 06032006\n//BY ORDER OF FOOBAR L FUND\n//EQUITY FOOOBAR EUROPE");
    SwiftMapping anyOption = PaymentSamples.allMt().addFieldMapping(MessageFieldMapping.of("52a", "extra")).build();
    assertThat(mt(swift(anyOption, false, "extra"), text("mt/MT202COV.fin")).get(0).values())
        .containsEntry("extra", "CLYDGB2S\nCLYDGB2S");
    SwiftMapping lines = PaymentSamples.allMt().addFieldMapping(MessageFieldMapping.of("61", "extra")).build();
    assertThat(show(mt(swift(lines, false, "extra"), text("mt/MT950.fin")).subList(0, 2), "extra"))
        .containsExactly("090528D1,2FCHG494935/DEV//67914", "090528D30,2NCHK78911//123464");
  }
}
