package io.vigil.api.graph;

import io.vigil.api.dataset.DataType;
import java.util.List;

/**
 * The fixed catalogue of node types, edge types and properties that Network Visualizations and
 * Entity Resolution understand (S1 §19.1, §15.2.2, §8 NV upgrade). "Identifiers are not flexible in
 * any way": pick the elements a solution needs and change only display names and descriptions,
 * encryption and auditing.
 *
 * <pre>{@code
 * Graph graph = Graph.builder("public")
 *     .addNode(CanonicalGraph.accountNode().toBuilder().encrypted(true).build())
 *     .addNode(CanonicalGraph.partyNode())
 *     .addEdge(CanonicalGraph.entityResolutionEdge())
 *     .build();
 * }</pre>
 *
 * <p>Canonical edges declare the node types they connect: TX account to account, AL alerted activity
 * to account, ER and OW party to account.
 */
public final class CanonicalGraph {
  /** Node type of bank accounts. */
  public static final String ACCOUNT = "AC";
  /** Node type of alerted activities. */
  public static final String ALERT = "AL";
  /** Node type of parties (customers owning accounts). */
  public static final String PARTY = "PR";
  /** Edge type of transactions between accounts. */
  public static final String TRANSACTION = "TX";
  /** Edge type linking an alerted activity to its account. */
  public static final String ALERTED = "AL";
  /** Edge type of entity-resolution matches from a party to an account (CB payments). */
  public static final String ENTITY_RESOLUTION = "ER";
  /** Edge type from a party to an account it owns (retail banking). */
  public static final String OWNER = "OW";

  /** The properties every party node must have (V-33). */
  public static final List<String> PARTY_MANDATORY_PROPERTIES = List.of("PI", "NM", "CN", "UON", "UBY");
  /** How many properties a party node may have besides the mandatory ones (V-33). */
  public static final int PARTY_MAX_ADDITIONAL_PROPERTIES = 3;

  private CanonicalGraph() {}

  /** The canonical node type with this identifier, or null when it is not in the catalogue. */
  public static NodeType node(String identifier) {
    return switch (identifier) {
      case ACCOUNT -> accountNode();
      case ALERT -> alertNode();
      case PARTY -> partyNode();
      default -> null;
    };
  }

  /** The canonical edge type with this identifier, or null when it is not in the catalogue. */
  public static EdgeType edge(String identifier) {
    return switch (identifier) {
      case TRANSACTION -> transactionEdge();
      case ALERTED -> alertedEdge();
      case ENTITY_RESOLUTION -> entityResolutionEdge();
      case OWNER -> ownerEdge();
      default -> null;
    };
  }

  /** AC: account, keyed by AN (IBAN), with name NM, country CT and address AD. */
  public static NodeType accountNode() {
    return NodeType.builder(ACCOUNT)
        .displayName("Account")
        .description("Bank Account")
        .addProperty(property("AN", DataType.STRING, "IBAN", "The account IBAN").isKey(true).build())
        .addProperty(property("NM", DataType.STRING, "Full name", "Display name of the account").build())
        .addProperty(property("CT", DataType.STRING, "Country", "The country of the account").build())
        .addProperty(property("AD", DataType.STRING, "Address", "The address of the account").build())
        .build();
  }

  /** AL: alerted activity, with activity AI, risk RI and suppressed flag SP. */
  public static NodeType alertNode() {
    return NodeType.builder(ALERT)
        .displayName("Alerted activity")
        .description("Alerted activity")
        .addProperty(property("AI", DataType.STRING, "Alerted activity ID", "Alerted activity ID").build())
        .addProperty(property("RI", DataType.STRING, "Risk identifier", "The risk that raised the alert").build())
        .addProperty(property("SP", DataType.BOOLEAN, "Suppressed", "Was the alerted activity suppressed").build())
        .build();
  }

  /**
   * PR: party, write-allowed, keyed by PI, with the mandatory NM, CN, UON and UBY and the account
   * references AD and CT.
   */
  public static NodeType partyNode() {
    return NodeType.builder(PARTY)
        .displayName("Party of accounts")
        .description("Party of accounts")
        .writeAllowed(true)
        .addProperty(property("PI", DataType.STRING, "Party uuid", "Accounts party uuid").isKey(true).build())
        .addProperty(property("NM", DataType.STRING, "Party name", "Accounts party name").build())
        .addProperty(property("AD", DataType.STRING, "Party address", "Accounts party address")
            .reference(ACCOUNT, "AD").build())
        .addProperty(property("CT", DataType.STRING, "Party country", "Accounts party country")
            .reference(ACCOUNT, "CT").build())
        .addProperty(property("CN", DataType.LONG, "Consolidation flag", "Consolidation flag").build())
        .addProperty(property("UON", DataType.TIMESTAMP, "Updated on", "Last updated date").build())
        .addProperty(property("UBY", DataType.STRING, "Updated by", "User updated the party").build())
        .build();
  }

  /** TX: transaction from account to account, with amount AM, currency CR and count CT. */
  public static EdgeType transactionEdge() {
    return EdgeType.builder(TRANSACTION)
        .displayName("Transaction")
        .description("The transaction from one account to another")
        .addProperty(property("AM", DataType.DOUBLE, "Amount", "The transaction amount").build())
        .addProperty(property("CR", DataType.STRING, "Currency", "The transaction currency").build())
        .addProperty(property("CT", DataType.LONG, "Transactions count", "Amount of transactions, represented by the edge")
            .build())
        .sourceNodeTypes(ACCOUNT)
        .targetNodeTypes(ACCOUNT)
        .build();
  }

  /** AL: from an alerted activity to its account; no properties. */
  public static EdgeType alertedEdge() {
    return EdgeType.builder(ALERTED)
        .displayName("Alerting edge")
        .description("Edge, connecting alerted activity to account")
        .sourceNodeTypes(ALERT)
        .targetNodeTypes(ACCOUNT)
        .build();
  }

  /** ER: write-allowed match from a party to an account, with state ST and score SC. */
  public static EdgeType entityResolutionEdge() {
    return EdgeType.builder(ENTITY_RESOLUTION)
        .displayName("EMP Match")
        .description("Edge from party to matched account")
        .writeAllowed(true)
        .addProperty(property("ST", DataType.LONG, "State", "State of the candidate").build())
        .addProperty(property("SC", DataType.DOUBLE, "Score", "Score of the match").build())
        .sourceNodeTypes(PARTY)
        .targetNodeTypes(ACCOUNT)
        .build();
  }

  /** OW: from a party to an account it owns; no properties. */
  public static EdgeType ownerEdge() {
    return EdgeType.builder(OWNER)
        .displayName("Owner")
        .description("Edge from party to account")
        .sourceNodeTypes(PARTY)
        .targetNodeTypes(ACCOUNT)
        .build();
  }

  private static Property.Builder property(String identifier, DataType type, String displayName, String description) {
    return Property.builder(identifier, type).displayName(displayName).description(description);
  }
}
