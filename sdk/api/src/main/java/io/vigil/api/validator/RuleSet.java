package io.vigil.api.validator;

import io.vigil.api.solution.Solution;

/** A group of cross-entity rules. Rules report every problem they find and never throw for bad input. */
interface RuleSet {
  void check(Solution solution, Problems problems);
}
