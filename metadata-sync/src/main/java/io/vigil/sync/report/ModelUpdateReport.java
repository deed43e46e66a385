package io.vigil.sync.report;

import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.model.TrainedModels;
import io.vigil.runtime.report.page.ReportPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The model update report (S1 §21): the model references a promoted commit changed, with the
 * versions and tags before and after, the models imported from {@code models/}, and the score
 * distribution of each version involved, as its training run drew it.
 */
final class ModelUpdateReport {
  private ModelUpdateReport() {}

  static String title(String solution, String commit) {
    return "Model update of " + solution + " at " + shortCommit(commit);
  }

  static String render(String solution, String commit, ModelUpdate update, ModelRegistry registry) {
    ReportPage.Builder page = ReportPage.builder(title(solution, commit))
        .paragraph("Commit " + commit + " was promoted with " + update.references().size()
            + (update.references().size() == 1 ? " changed model reference" : " changed model references") + " and "
            + update.imports().size() + (update.imports().size() == 1 ? " imported model." : " imported models."));
    page.heading("Model references");
    if (update.references().isEmpty()) {
      page.paragraph("No model reference changed.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (ModelUpdate.Reference r : update.references()) {
        rows.add(List.of(r.flow(), r.step(), r.role(), r.model(), tags(r.tagsBefore()), version(r.before()), tags(r.tagsAfter()),
            version(r.after())));
      }
      page.table(List.of("flow", "step", "role", "model", "tags before", "version before", "tags after", "version after"), rows);
    }
    page.heading("Imported models");
    if (update.imports().isEmpty()) {
      page.paragraph("No model of models/ was imported.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (ModelUpdate.Import i : update.imports()) {
        rows.add(List.of(i.model(), tags(i.tags()), i.checksumBefore() == null ? "new" : shortCommit(i.checksumBefore()),
            i.checksumAfter() == null ? "removed" : shortCommit(i.checksumAfter())));
      }
      page.table(List.of("model", "tags", "files before", "files after"), rows);
    }
    page.heading("Score distributions");
    Set<String> runs = new LinkedHashSet<>();
    int drawn = 0;
    for (ModelUpdate.Reference r : update.references()) {
      for (ModelVersion v : new ModelVersion[] {r.before(), r.after()}) {
        if (v == null || v.runId() == null || !runs.add(v.runId()) || !registry.hasArtifacts(v.runId(), TrainedModels.SCORES_CHART)) {
          continue;
        }
        Path png = registry.runArtifacts(v.runId(), TrainedModels.SCORES_CHART);
        String label = "Scores of the training records of " + v.name() + " version " + v.version() + (v == r.before() ? " (before)" : " (after)");
        page.paragraph(label + ", run " + v.runId() + ".").image(label, png);
        drawn++;
      }
    }
    if (drawn == 0) {
      page.paragraph("No version involved was trained with a score histogram (vigil train draws one).");
    }
    return page.render();
  }

  private static String tags(Map<String, String> tags) {
    if (tags == null) {
      return "–";
    }
    return tags.isEmpty() ? "(none)" : tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String version(ModelVersion v) {
    return v == null ? "none" : Integer.toString(v.version());
  }

  private static String shortCommit(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
