package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.solution.JobClass;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagRulesTest {
  private static final List<JobClass> JOBS = List.of(job("Upload"), job("Dataprep"), job("Publish"));

  private static JobClass job(String name) {
    return new JobClass("aml." + name, "aml", "aml.jobs." + name, List.of("run"),
        SourceLocation.of("domains/aml/jobs/" + name + ".java", 1));
  }

  private static Dag.Builder dag() {
    return Dag.builder("aml_monthly")
        .schedule(Dag.MONTHLY)
        .startDate(LocalDate.of(1993, 1, 1))
        .addTask(DagTask.builder("upload", "aml.Upload").build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").dependsOn("upload").build())
        .addTask(DagTask.builder("publish", "aml.Publish").dependsOn("dataprep").build());
  }

  @Test
  void validDagHasNoProblems() {
    assertThat(validate(JOBS, dag().build()).problems()).isEmpty();
    assertThat(validate(JOBS, dag().schedule(null).build()).problems()).isEmpty();
  }

  @Test
  void scheduleMustBeAPresetACronExpressionOrNone() {
    ValidationReport r = validate(JOBS, dag().schedule("0 0 32 * *").build());
    assertThat(paths(r, ProblemCode.CRON_INVALID)).containsExactly("dag[aml_monthly].schedule");
    assertThat(r.problems().get(0).message()).contains("day-of-month value 32 is outside 1-31");
  }

  @Test
  void taskIdsAreUnique() {
    Dag d = dag().addTask(DagTask.builder("upload", "aml.Upload").build()).build();
    assertThat(paths(validate(JOBS, d), ProblemCode.IDENTIFIER_DUPLICATE))
        .containsExactly("dag[aml_monthly].tasks[upload]");
  }

  @Test
  void taskJobsMustExist() {
    Dag d = dag().tasks(List.of(DagTask.builder("dataprep", "aml.DataPrep").build())).build();
    ValidationReport r = validate(JOBS, d);
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("dag[aml_monthly].tasks[dataprep].job");
    assertThat(r.problems().get(0).message()).contains("no job class 'aml.DataPrep'");
  }

  @Test
  void dependenciesNameTasksOfTheDag() {
    Dag d = dag().addTask(DagTask.builder("distribute", "aml.Publish").dependsOn("publish", "alerts").build()).build();
    assertThat(paths(validate(JOBS, d), ProblemCode.UNRESOLVED_REFERENCE))
        .containsExactly("dag[aml_monthly].tasks[distribute].depends_on[1]");
  }

  @Test
  void dependenciesAreAcyclic() {
    Dag d = dag().chain("publish", "upload").build();
    ValidationReport r = validate(JOBS, d);
    assertThat(paths(r, ProblemCode.DAG_CYCLE)).containsExactly("dag[aml_monthly].tasks[upload].depends_on");
    assertThat(r.problems().get(0).message()).contains("upload >> dataprep >> publish >> upload");
  }

  @Test
  void aDagNeedsTasks() {
    assertThat(paths(validate(JOBS, dag().tasks(List.of()).build()), ProblemCode.MISSING_REQUIRED))
        .containsExactly("dag[aml_monthly].tasks");
  }
}
