package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.dag.CronExpression;
import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The DAG rules of S1 §2.6 and §14.1–14.2: schedule, tasks, job references and dependencies. */
final class DagRules implements RuleSet {
  @Override
  public void check(Solution solution, Problems problems) {
    for (LoadedEntity loaded : solution.loaded(EntityKind.DAG)) {
      Dag dag = (Dag) loaded.entity();
      schedule(dag, loaded, problems);
      tasks(dag, loaded, problems);
      cycle(dag, loaded, problems);
    }
  }

  private static void schedule(Dag dag, LoadedEntity loaded, Problems problems) {
    if (Dag.isValidSchedule(dag.schedule())) {
      return;
    }
    try {
      CronExpression.parse(dag.schedule());
    } catch (IllegalArgumentException e) {
      problems.add(ProblemCode.CRON_INVALID, loaded, "schedule", e.getMessage());
    }
  }

  private static void tasks(Dag dag, LoadedEntity loaded, Problems problems) {
    if (dag.tasks().isEmpty()) {
      problems.add(ProblemCode.MISSING_REQUIRED, loaded, "tasks",
          "Cannot declare dag " + dag.identifier() + ": it has no tasks; add a task that runs a job class");
      return;
    }
    Set<String> ids = new HashSet<>();
    for (DagTask task : dag.tasks()) {
      String path = item("tasks", task.taskId());
      if (!ids.add(task.taskId())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
            "Cannot declare task " + task.taskId() + " of dag " + dag.identifier() + ": the task_id is used twice");
      }
      problems.jobReference(loaded, path + ".job", task.job());
      List<String> upstream = task.dependsOn();
      for (int i = 0; i < upstream.size(); i++) {
        if (dag.findTask(upstream.get(i)) == null) {
          problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path + ".depends_on[" + i + "]",
              "Cannot resolve dag " + dag.identifier() + " " + path + ".depends_on: the dag has no task '"
                  + upstream.get(i) + "'");
        }
      }
    }
  }

  private static void cycle(Dag dag, LoadedEntity loaded, Problems problems) {
    List<String> cycle = dag.dependencyCycle();
    if (!cycle.isEmpty()) {
      problems.add(ProblemCode.DAG_CYCLE, loaded, item("tasks", cycle.get(0)) + ".depends_on",
          "Cannot order the tasks of dag " + dag.identifier()
              + ": their dependencies form a cycle; remove one of these dependencies: "
              + String.join(" >> ", cycle));
    }
  }
}
