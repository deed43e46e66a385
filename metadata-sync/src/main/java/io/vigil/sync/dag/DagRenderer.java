package io.vigil.sync.dag;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.DefaultArgs;
import io.vigil.api.dag.ExecutionDateMode;
import io.vigil.api.solution.SolutionDefaults;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Dag} spec to an Airflow DAG file (Python) that runs each task with
 * {@code vigil_airflow.RunJobOperator}. The output depends only on the spec, the solution name and
 * its defaults, so the same spec always gives the same bytes; it never contains a secret.
 */
public final class DagRenderer {
  private static final Configuration FREEMARKER = configuration();

  private DagRenderer() {}

  /** The file name sync writes into the DAGs folder: {@code vigil_<solution>__<dag>.py}. */
  public static String fileName(String solution, String dagId) {
    return "vigil_" + solution + "__" + dagId + ".py";
  }

  public static String render(String solution, SolutionDefaults defaults, Dag dag) {
    Map<String, Object> model = new HashMap<>();
    model.put("py", (TemplateMethodModelEx) args -> PythonLiterals.of(args.isEmpty() || args.get(0) == null ? null : unwrap(args.get(0))));
    model.put("solution", solution);
    model.put("dagId", dag.identifier());
    model.put("description", dag.description());
    model.put("schedule", dag.schedule());
    model.put("startDate", date(dag.startDate()));
    model.put("endDate", date(dag.endDate()));
    model.put("catchup", PythonLiterals.of(dag.catchup()));
    model.put("maxActiveRuns", PythonLiterals.of(dag.maxActiveRuns()));
    model.put("tags", PythonLiterals.of(dag.tags()));
    DefaultArgs args = dag.defaultArgs();
    model.put("defaultArgs", defaultArgs(args));
    model.put("executionDateMode", (args == null ? ExecutionDateMode.LOGICAL_DATE : args.executionDateMode()).name());
    List<Map<String, Object>> tasks = new ArrayList<>();
    List<Map<String, Object>> edges = new ArrayList<>();
    for (String id : dag.topologicalOrder()) {
      DagTask task = dag.findTask(id);
      Map<String, Object> t = new HashMap<>();
      t.put("id", task.taskId());
      t.put("job", task.job());
      t.put("parameters", PythonLiterals.of(task.parameters()));
      t.put("sparkConf", PythonLiterals.of(task.sparkConf()));
      t.put("cpu", task.containerCpu() != null ? task.containerCpu() : defaults.containerCpu());
      t.put("memory", task.containerMemory() != null ? task.containerMemory() : defaults.containerMemory());
      if (task.retries() != null) {
        t.put("retries", task.retries().toString());
      }
      tasks.add(t);
      for (String up : task.dependsOn()) {
        edges.add(Map.of("upstream", up, "downstream", task.taskId()));
      }
    }
    model.put("tasks", tasks);
    model.put("dependencies", edges);
    try {
      Template template = FREEMARKER.getTemplate("airflow_dag.py.ftl");
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException("Cannot render DAG " + dag.identifier() + ": " + e.getMessage(), e);
    }
  }

  private static String defaultArgs(DefaultArgs args) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (args != null) {
      if (args.owner() != null) {
        entries.put("owner", PythonLiterals.of(args.owner()));
      }
      entries.put("depends_on_past", PythonLiterals.of(args.dependsOnPast()));
      if (args.retries() != null) {
        entries.put("retries", args.retries().toString());
      }
      if (args.retryDelay() != null) {
        entries.put("retry_delay", timedelta(args.retryDelay()));
      }
      if (args.executionTimeout() != null) {
        entries.put("execution_timeout", timedelta(args.executionTimeout()));
      }
    }
    if (entries.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{\n");
    entries.forEach((k, v) -> out.append("        ").append(PythonLiterals.of(k)).append(": ").append(v).append(",\n"));
    return out.append("    }").toString();
  }

  private static String timedelta(Duration d) {
    return "datetime.timedelta(seconds=" + d.getSeconds() + ")";
  }

  private static String date(LocalDate d) {
    return d == null ? "None"
        : "pendulum.datetime(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ", tz=\"UTC\")";
  }

  private static Object unwrap(Object model) {
    try {
      return freemarker.template.utility.DeepUnwrap.unwrap((freemarker.template.TemplateModel) model);
    } catch (freemarker.template.TemplateModelException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Configuration configuration() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setClassForTemplateLoading(DagRenderer.class, "/io/vigil/sync/dag");
    c.setDefaultEncoding(StandardCharsets.UTF_8.name());
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setNumberFormat("computer");
    return c;
  }
}
