package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.validation.ProblemCode;
import java.util.List;

/**
 * The fields that say which entity an alert is about, so that alerts of one party are consolidated
 * (S1 §15.2.8.1). All of them name fields of the flow's input dataset.
 *
 * @param groupingIdentifier fields that identify the grouping entity, e.g. {@code [party_id]}; at least one
 * @param primaryIdentifier fields that identify the sub-entity, e.g. {@code [account_id]}; set it on
 *     sub-entity (account) level flows
 * @param primaryEntitiesList field holding the JSON list of the grouping entity's sub-entities, e.g.
 *     {@code [{"account_id": "8169"}]}
 */
public record EvaluationFlowIdentifiers(
    List<String> groupingIdentifier, List<String> primaryIdentifier, String primaryEntitiesList) {

  public EvaluationFlowIdentifiers {
    groupingIdentifier = Checks.list(groupingIdentifier);
    primaryIdentifier = Checks.list(primaryIdentifier);
    Checks.check(!groupingIdentifier.isEmpty(), ProblemCode.MISSING_REQUIRED, "grouping_identifier",
        "Cannot build evaluation flow identifiers: grouping_identifier is required; name the field(s) that identify"
            + " the grouping entity, e.g. party_id");
  }

  public static EvaluationFlowIdentifiers of(
      List<String> groupingIdentifier, List<String> primaryIdentifier, String primaryEntitiesList) {
    return BuildSites.mark(new EvaluationFlowIdentifiers(groupingIdentifier, primaryIdentifier, primaryEntitiesList));
  }
}
