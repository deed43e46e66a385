package io.vigil.runtime.connector.payment;

import static io.vigil.runtime.connector.payment.PaymentSamples.iso;
import static io.vigil.runtime.connector.payment.PaymentSamples.mx;
import static io.vigil.runtime.connector.payment.PaymentSamples.show;
import static io.vigil.runtime.connector.payment.PaymentSamples.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.MessageFieldMapping;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ISO 20022 sample messages (see payments/README.md) read into the standard payment columns, and XML attacks. */
class MxReaderTest {
  private static final String[] ALL = {"message_type", "message_ref", "end_to_end_id", "uetr", "sender_bic",
      "receiver_bic", "value_date", "currency", "amount", "ordering_party_name", "ordering_account",
      "beneficiary_party_name", "beneficiary_account", "ordering_institution_bic", "beneficiary_institution_bic",
      "charge_bearer", "message_index", "extra"};

  @TempDir Path dir;

  @Test
  void creditTransfersWithAndWithoutBusinessApplicationHeaderInAnyVersion() {
    assertThat(show(mx(iso(), text("mx/cbpr-p.2.1.1-pacs.008-AtoB.xml")), ALL)).containsExactly(
        "pacs.008.001.12|pacs8bizmsgidr01|pacs008EndToEndId-001|8a562c67-ca16-48ba-b074-65581be6f001|RBOSGB2LXXX"
            + "|ABNANL2AXXX|2021-04-09|EUR|15669.38|C Consumer|12547896|Evli|98653214|RBOSGB2LXXX|HELSFIHHXXX|DEBT|1"
            + "|swift.cbprplus.02");
    assertThat(show(mx(iso(), text("mx/pacs.008.001.07.xml")), ALL)).containsExactly(
        "pacs.008.001.07|823823423|223423423|null|MLCOUS33XXX|MLCOUS33XXX|2018-07-31|USD|5000|JOHN DOE|null"
            + "|Mike Smith|null|ITUSUSP1XXX|USTBUS31XXX|SHAR|1|null");
    assertThat(show(mx(iso(), text("mx/cbpr-p.2.3.1.a-pacs.009.cov-AtoB.xml")), ALL)).containsExactly(
        "pacs.009.001.11 COV|pacs9bizmsgidr01|pacs008EndToEndId-001|7a562c67-ca16-48ba-b074-65581be6f001|CLYDGB2S"
            + "|BOFSGB2L|2022-10-20|EUR|65784.32|A Debiter|25698745|B Creditor Co|65479512|CLYDGB2S|CAIXESBB|null|1"
            + "|swift.cbprplus.cov.02");
    assertThat(show(mx(iso(), text("mx/pacs.009.001.07.xml")), ALL)).containsExactly(
        "pacs.009.001.07|SDFASDF2323|ASDFASDF2342|null|MLCOUS33XXX|MLCOUS33XXX|2018-04-30|USD|22423|SDFGS SDFGD|null"
            + "|SDFG SDFGSDFG|null|SSTYPLP1XXX|HDSBKHPPXXX|null|1|null");
  }

  @Test
  void initiationsAreOneRowPerTransactionWithTheDebtorOfTheirPaymentInformation() {
    // A Swiss implementation whose namespace is not ISO's, but names the message.
    List<PaymentRow> rows = mx(iso(), text("mx/postfinance-pain.001.001.03.ch.02.xml"));
    assertThat(show(rows, "message_type", "end_to_end_id", "value_date", "currency", "amount", "ordering_party_name",
        "ordering_account", "beneficiary_party_name", "beneficiary_account", "remittance_info")).containsExactly(
        "pain.001.001.03|EndToEndId-01-01|2020-07-28|CHF|6.20|Robert Schneider|CH0309000000250090342|Maria Bernasconi"
            + "|CH5109000000250092291|Rechnung 1122",
        "pain.001.001.03|EndToEndId-02-01|2020-07-22|CHF|1.80|Robert Schneider|CH0309000000250090342|Robert Schneider SA"
            + "|014295803|120000000000234478943216899",
        "pain.001.001.03|EndToEndId-02-02|2020-07-22|CHF|12.00|Robert Schneider|CH0309000000250090342|Robert Schneider"
            + "|CH2909000000250094239|Rechnung 20200615636.365",
        "pain.001.001.03|EndToEndId-03-01|2020-07-24|CHF|5.00|Robert Schneider|CH0309000000250090342|Maria Bernasconi"
            + "|CH5109000000250092291|Salaire Juli",
        "pain.001.001.03|EndToEndId-03-02|2020-07-24|CHF|2.00|Robert Schneider|CH0309000000250090342|Maria Bernasconi"
            + "|CH010023512312312365L|Mitteilung Lohn",
        "pain.001.001.03|EndToEndId-04-01|2020-07-05|CHF|1|Robert Schneider SA|CH0309000000250090342|Maria Bernasconi"
            + "|IT1122334455667788991122334|Mitteilung",
        "pain.001.001.03|EEndToEndId-05-01|2020-06-17|CHF|4|Maria Bernasconi|CH5109000000250092291|Robert Schneider SA"
            + "|CH7730000001250094239|976471818744726494745968140",
        "pain.001.001.03|EEndToEndId-06-01|2020-06-17|CHF|6|Maria Bernasconi|CH5109000000250092291|Maria Bernasconi"
            + "|CH5109000000250092291|RF18539007547034");
    assertThat(rows).allSatisfy(r -> assertThat(r.values()).containsEntry("ordering_institution_bic", "POFICHBEXXX")
        .containsEntry("receiver_bic", "POFICHBEXXX").containsEntry("message_ref", "MsgId-001"));
    assertThat(rows.get(5).values()).containsEntry("beneficiary_institution_bic", "AABBCCDDXXX")
        .containsEntry("charge_bearer", "SLEV");
  }

  @Test
  void statementsAreOneRowPerEntryWithTheAccountOnTheSideOfTheBooking() {
    assertThat(show(mx(iso(), text("mx/cbpr-p.2.3.1.a-camt.053-CtoD.xml")), ALL)).containsExactly(
        "camt.053.001.12|cmt053bizmsgidr-001|pacs008EndToEndId-001|7a562c67-ca16-48ba-b074-65581be6f001|BSCHESMM"
            + "|CAIXESBB|2022-10-20|EUR|65784.32|null|null|null|48751258|null|null|null|1|swift.cbprplus.02");
    List<PaymentRow> rows = mx(iso(), text("mx/postfinance-camt.053.001.04.xml"));
    String owner = "Robert Schneider SA Grands magasins Biel/Bienne";
    assertThat(show(rows, "value_date", "currency", "amount", "ordering_party_name", "ordering_account",
        "beneficiary_party_name", "beneficiary_account")).containsExactly(
        "2020-11-24|CHF|4.50|null|null|" + owner + "|CH2909000000250094239",
        "2020-11-24|CHF|77.70|" + owner + "|CH2909000000250094239|null|null",
        "2020-11-24|CHF|1500.00|null|null|" + owner + "|CH2909000000250094239",
        "2020-11-25|CHF|1537.00|null|null|" + owner + "|CH2909000000250094239",
        "2020-11-24|CHF|1692.22|null|null|" + owner + "|CH2909000000250094239");
    assertThat(rows.get(4).values().get("remittance_info")).as("AddtlNtryInf follows the entry's transactions")
        .isEqualTo("SAMMELGUTSCHRIFT FÜR KONTO: CH7730000001250094239 VERARBEITUNG VOM 24.11.2020 PAKET ID: 201124CH000009TB");
  }

  @Test
  void anEnvelopeOfMessagesLoadsTheGoodOnesAndRejectsEachBadOneWithItsPosition() {
    String broken = body("mx/pacs.008.001.07.xml").replace("<IntrBkSttlmAmt Ccy='USD'>5000</IntrBkSttlmAmt>",
        "<IntrBkSttlmAmt Ccy='USD'>5 000</IntrBkSttlmAmt>");
    String notification = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
        + "<GrpHdr><MsgId>N1</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn></Document>";
    String file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Batch>\n" + body("mx/cbpr-p.2.1.1-pacs.008-AtoB.xml")
        + notification + "\n" + broken + body("mx/cbpr-p.2.3.1.a-pacs.009.cov-AtoB.xml") + "</Batch>\n";
    List<PaymentRow> rows = mx(iso(), file);
    assertThat(show(rows, "message_ref", "message_index")).hasSize(4).satisfiesExactly(
        first -> assertThat(first).isEqualTo("pacs8bizmsgidr01|1"),
        second -> assertThat(second).isEqualTo("REJECTED message 2: it is camt.054.001.08, not a message Vigil's default"
            + " mapping reads (pacs.008, pacs.009, pain.001, camt.053)"),
        third -> assertThat(third).matches("REJECTED message 3, transaction 3 \\(line \\d+\\): amount '5 000' is not a"
            + " decimal amount"),
        fourth -> assertThat(fourth).isEqualTo("pacs9bizmsgidr01|4"));
    assertThat(rows.get(2).raw()).contains("GrpHdr/MsgId=823823423");
  }

  @Test
  void aFileThatStopsBeingWellFormedKeepsWhatCameBeforeAndRejectsTheRest() {
    String sample = text("mx/postfinance-pain.001.001.03.ch.02.xml");
    String truncated = sample.substring(0, sample.indexOf("<EndToEndId>EndToEndId-03-02"));
    List<PaymentRow> rows = mx(iso(), truncated + "<EndToEndId>x</Wrong>");
    assertThat(rows).hasSize(5);
    assertThat(rows.subList(0, 4)).allSatisfy(r -> assertThat(r.reason()).isNull());
    assertThat(rows.get(4).reason()).matches("message 1 and the rest of the file cannot be read: the XML is not"
        + " well-formed at line \\d+, column \\d+: .*EndToEndId.*");
    assertThat(show(mx(iso(), "<Document><GrpHdr/></Document>"), "message_ref")).containsExactly(
        "REJECTED message 1: it is <GrpHdr>, not a message Vigil's default mapping reads (pacs.008, pacs.009, pain.001, camt.053)");
    assertThat(show(mx(iso(), "<Statement/>"), "message_ref")).containsExactly("REJECTED the file holds no ISO 20022 Document");
  }

  @Test
  void externalEntitiesAndDtdsAreRefusedBeforeAnythingIsRead() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-VALUE");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr>"
        + "<MsgId>&xxe;</MsgId></GrpHdr><CdtTrfTxInf><IntrBkSttlmAmt Ccy=\"EUR\">1</IntrBkSttlmAmt></CdtTrfTxInf>"
        + "</FIToFICstmrCdtTrf></Document>";
    List<PaymentRow> rows = mx(iso(), xxe);
    assertThat(show(rows, "message_ref")).containsExactly(
        "REJECTED the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files");
    assertThat(rows.toString()).doesNotContain("TOP-SECRET-VALUE");
    String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document SYSTEM \"" + secret.toUri() + "\">\n<Document/>";
    assertThat(show(mx(iso(), external), "message_ref")).containsExactly(
        "REJECTED the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files");
    assertThat(show(mx(iso(), "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">&undeclared;</Document>"),
        "message_ref")).containsExactly("REJECTED the file references the entity &undeclared; entities are refused");
  }

  @Test
  void billionLaughsIsRefusedWithinASmallHeap() throws Exception {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 12; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    Path file = dir.resolve("lol.xml");
    Files.writeString(file, "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n" + dtd + "]>\n<Document xmlns="
        + "\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol12;</MsgId>"
        + "</GrpHdr></FIToFICstmrCdtTrf></Document>");
    assertThat(probe(file, "-Xmx32m")).isEqualTo(
        "0 1 the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files");
  }

  @Test
  void aFileLargerThanTheHeapStreamsOneTransactionAtATime() throws Exception {
    Path file = dir.resolve("large-pacs.008.xml");
    int transactions = 200_000;
    String header = text("mx/cbpr-p.2.1.1-pacs.008-AtoB.xml");
    String transaction = header.substring(header.indexOf("<CdtTrfTxInf>"), header.indexOf("</CdtTrfTxInf>") + 14);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(header.substring(0, header.indexOf("<CdtTrfTxInf>")));
      for (int i = 0; i < transactions; i++) {
        out.write(transaction.replace("pacs008EndToEndId-001", "e2e-" + i));
      }
      out.write(header.substring(header.indexOf("</CdtTrfTxInf>") + 14));
    }
    assertThat(Files.size(file)).as("the file is larger than the probe's heap").isGreaterThan(4 * (48L << 20));
    assertThat(probe(file, "-Xmx48m")).isEqualTo(transactions + " 0 -");
  }

  @Test
  void mappingsSelectMessagesAndVariantsAndAddFieldsByPath() {
    Iso20022XmlMapping covOnly = Iso20022XmlMapping.builder().mappingDefault(true).messageNames("pacs.009.001.08 COV").build();
    assertThat(show(mx(iso(covOnly, false, "extra"), text("mx/pacs.009.001.07.xml")), "message_ref")).singleElement()
        .asString().matches("REJECTED message 1, transaction 1 \\(line \\d+\\): the connector's mapping does not list"
            + " pacs.009.001.07; add it to message_names");
    assertThat(show(mx(iso(covOnly, false, "extra"), text("mx/cbpr-p.2.3.1.a-pacs.009.cov-AtoB.xml")), "message_ref"))
        .containsExactly("pacs9bizmsgidr01");
    Iso20022XmlMapping pacs008 = Iso20022XmlMapping.builder().mappingDefault(true).messageNames("pacs.008.001.08").build();
    assertThat(show(mx(iso(pacs008, false, "extra"), text("mx/pacs.009.001.07.xml")), "message_ref")).containsExactly(
        "REJECTED message 1: the connector's mapping does not list pacs.009.001.07; add it to message_names");

    Iso20022XmlMapping paths = PaymentSamples.allMx()
        .addFieldMapping(MessageFieldMapping.of("Stmt/Ntry/CdtDbtInd", "extra"))
        .addFieldMapping(MessageFieldMapping.of("Stmt/Ntry/Amt/@Ccy", "currency"))
        .addFieldMapping(MessageFieldMapping.of("Stmt/Acct/Id/IBAN", "ordering_party_name"))
        .build();
    assertThat(show(mx(iso(paths, false, "extra"), text("mx/postfinance-camt.053.001.04.xml")), "extra", "currency",
        "ordering_party_name")).containsExactly("CRDT|CHF|CH2909000000250094239", "DBIT|CHF|CH2909000000250094239",
        "CRDT|CHF|CH2909000000250094239", "CRDT|CHF|CH2909000000250094239", "CRDT|CHF|CH2909000000250094239");
  }

  @Test
  void validateEnableRejectsTransactionsWithMalformedBics() {
    String malformed = text("mx/cbpr-p.2.1.1-pacs.008-AtoB.xml").replace("HELSFIHHXXX", "HELSFIHH-XX");
    assertThat(show(mx(iso(PaymentSamples.allMx().build(), true, "extra"), malformed), "message_ref")).singleElement()
        .asString().endsWith("beneficiary_institution_bic 'HELSFIHH-XX' is not a valid BIC (invalid branch charset)");
    assertThat(mx(iso(PaymentSamples.allMx().build(), false, "extra"), malformed)).singleElement()
        .satisfies(r -> assertThat(r.reason()).isNull());
    assertThat(mx(iso(PaymentSamples.allMx().build(), true, "extra"), text("mx/cbpr-p.2.1.1-pacs.008-AtoB.xml")))
        .singleElement().satisfies(r -> assertThat(r.reason()).isNull());
  }

  /** A sample's content without its XML declaration and comments, to put several into one envelope. */
  private static String body(String resource) {
    return text(resource).replaceAll("<\\?xml[^>]*\\?>", "").replaceAll("(?s)<!--.*?-->", "");
  }

  /** Runs {@link StreamingProbe} on {@code file} in a JVM with the given heap; returns its output line. */
  private static String probe(Path file, String heap) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(), file.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output.lines().reduce((a, b) -> b).orElse("");
  }
}
