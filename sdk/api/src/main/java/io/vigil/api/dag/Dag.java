package io.vigil.api.dag;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DAG: tasks running job classes on a schedule, rendered by metadata-sync to an Airflow DAG file
 * and run locally by {@code vigil dag run} (S1 §2.5–2.6, §14.1). Its identifier is Airflow's
 * {@code dag_id}. DAGs live in the solution's {@code dags/} folder.
 *
 * <pre>{@code
 * Dag dag = Dag.builder("aml_monthly")
 *     .schedule(Dag.MONTHLY)
 *     .startDate(LocalDate.of(1993, 1, 1))
 *     .defaultArgs(DefaultArgs.builder().owner("aml").retries(1).build())
 *     .addTask(DagTask.builder("upload", "aml.Upload").containerCpu("1000m").containerMemory("2Gi").build())
 *     .addTask(DagTask.builder("dataprep", "aml.Dataprep").build())
 *     .addTask(DagTask.builder("publish", "aml.Publish").build())
 *     .chain("upload", "dataprep", "publish")
 *     .build();
 * }</pre>
 *
 * @param identifier unique dag_id, lower snake case
 * @param description free text shown in Airflow
 * @param schedule an Airflow preset ({@code @monthly}, {@code @once}, …), a five-field cron expression, or null for manual runs only
 * @param startDate first day the schedule fires; required when the DAG is scheduled
 * @param endDate last day the schedule fires (inclusive); null for no end
 * @param catchup run every missed logical date since start_date when the DAG is enabled
 * @param defaultArgs arguments every task inherits
 * @param tags free labels shown in Airflow
 * @param maxActiveRuns runs of this DAG allowed at the same time
 * @param tasks the tasks, in declaration order
 */
public record Dag(
    String identifier,
    String description,
    String schedule,
    LocalDate startDate,
    LocalDate endDate,
    boolean catchup,
    DefaultArgs defaultArgs,
    List<String> tags,
    Integer maxActiveRuns,
    List<DagTask> tasks)
    implements Entity {

  /** Runs once, at start_date. */
  public static final String ONCE = "@once";
  /** At minute 0 of every hour. */
  public static final String HOURLY = "@hourly";
  /** At midnight every day. */
  public static final String DAILY = "@daily";
  /** At midnight every Sunday. */
  public static final String WEEKLY = "@weekly";
  /** At midnight on the first day of every month. */
  public static final String MONTHLY = "@monthly";
  /** At midnight on 1 January. */
  public static final String YEARLY = "@yearly";

  public Dag {
    Checks.entityIdentifier(identifier, "dag");
    String what = "dag " + identifier;
    if (startDate != null && endDate != null) {
      Checks.valid(!endDate.isBefore(startDate), what, "end_date",
          "must not be before start_date " + startDate + ": " + endDate);
    }
    Checks.check(startDate != null || !isPeriodic(schedule), ProblemCode.MISSING_REQUIRED, "start_date",
        "Cannot build " + what + ": start_date is required for a scheduled DAG; set start_date, or schedule null"
            + " for manual runs only: '" + schedule + "'");
    Checks.positive(maxActiveRuns, what, "max_active_runs");
    tags = Checks.list(tags);
    tasks = Checks.list(tasks);
  }

  @Override
  public EntityKind kind() {
    return EntityKind.DAG;
  }

  /**
   * Tells whether a text is a valid DAG schedule.
   *
   * @param schedule a preset, a five-field cron expression, {@code @once}, or null (manual only)
   * @return true if Airflow would accept it as the DAG's schedule
   */
  public static boolean isValidSchedule(String schedule) {
    return schedule == null || schedule.equals(ONCE) || CronExpression.isValid(schedule);
  }

  /** The task with this id, or null. */
  public DagTask findTask(String taskId) {
    for (DagTask task : tasks) {
      if (task.taskId().equals(taskId)) {
        return task;
      }
    }
    return null;
  }

  /**
   * The task ids in an order where every task comes after its upstream tasks; among tasks that are
   * ready together, the one declared first comes first. Upstream ids that name no task are ignored.
   *
   * @throws IllegalStateException when the dependencies form a cycle
   */
  public List<String> topologicalOrder() {
    Map<String, Set<String>> upstream = upstreamByTask();
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (order.size() < upstream.size()) {
      String ready = null;
      for (Map.Entry<String, Set<String>> e : upstream.entrySet()) {
        if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
          ready = e.getKey();
          break;
        }
      }
      if (ready == null) {
        throw new IllegalStateException("Cannot order the tasks of dag " + identifier
            + ": their dependencies form a cycle " + String.join(" -> ", dependencyCycle()));
      }
      placed.add(ready);
      order.add(ready);
    }
    return order;
  }

  /**
   * One cycle of the task dependencies, in run direction (upstream first) and starting and ending
   * with the same task, e.g. {@code [dataprep, publish, dataprep]}; empty when there is none.
   */
  public List<String> dependencyCycle() {
    Map<String, Set<String>> upstream = upstreamByTask();
    Map<String, Integer> state = new HashMap<>();
    for (String start : upstream.keySet()) {
      List<String> cycle = findCycle(start, upstream, state, new ArrayList<>());
      if (cycle != null) {
        // Run direction, starting at the task of the cycle declared first.
        cycle.remove(cycle.size() - 1);
        Collections.reverse(cycle);
        List<String> declared = new ArrayList<>(upstream.keySet());
        String head = cycle.stream().min((a, b) -> declared.indexOf(a) - declared.indexOf(b)).orElseThrow();
        Collections.rotate(cycle, -cycle.indexOf(head));
        cycle.add(head);
        return List.copyOf(cycle);
      }
    }
    return List.of();
  }

  /** Depth-first search along upstream edges; state 1 = on the current path, 2 = done. */
  private static List<String> findCycle(
      String task, Map<String, Set<String>> upstream, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(task);
    if (s != null && s == 2) {
      return null;
    }
    if (s != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(task), path.size()));
      cycle.add(task);
      return cycle;
    }
    state.put(task, 1);
    path.add(task);
    for (String up : upstream.get(task)) {
      List<String> cycle = findCycle(up, upstream, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(task, 2);
    return null;
  }

  /** Task id to its known upstream ids, in declaration order; duplicate tasks are merged. */
  private Map<String, Set<String>> upstreamByTask() {
    Map<String, Set<String>> upstream = new LinkedHashMap<>();
    for (DagTask task : tasks) {
      upstream.computeIfAbsent(task.taskId(), k -> new LinkedHashSet<>());
    }
    for (DagTask task : tasks) {
      for (String up : task.dependsOn()) {
        if (upstream.containsKey(up)) {
          upstream.get(task.taskId()).add(up);
        }
      }
    }
    return upstream;
  }

  /**
   * The execution date the tasks of a run get: the logical date itself with
   * {@link ExecutionDateMode#LOGICAL_DATE}; with {@link ExecutionDateMode#PERIOD_END} the end of the
   * schedule interval that starts at the logical date, i.e. the next fire time after it (monthly,
   * 2024-01-01T00:00 gives 2024-02-01T00:00). A DAG without a periodic schedule has no interval, so
   * its runs get the logical date in both modes.
   *
   * @param logicalDate the run's logical date
   * @throws IllegalArgumentException when the schedule is not a valid cron expression
   */
  public LocalDateTime executionDate(LocalDateTime logicalDate) {
    ExecutionDateMode mode = defaultArgs == null ? ExecutionDateMode.LOGICAL_DATE : defaultArgs.executionDateMode();
    if (mode == ExecutionDateMode.LOGICAL_DATE || !isPeriodic(schedule)) {
      return logicalDate;
    }
    return CronExpression.parse(schedule).next(logicalDate);
  }

  /**
   * The logical dates on which the schedule fires on the days {@code from} to {@code to}
   * (inclusive), limited to the DAG's start_date and end_date, in order. {@code @once} fires at the
   * start of start_date; a manual-only DAG has none.
   *
   * @param from first day
   * @param to last day, inclusive
   * @throws IllegalArgumentException when the schedule is not a valid cron expression
   */
  public List<LocalDateTime> runDates(LocalDate from, LocalDate to) {
    LocalDate first = startDate != null && startDate.isAfter(from) ? startDate : from;
    LocalDate last = endDate != null && endDate.isBefore(to) ? endDate : to;
    if (schedule == null || first.isAfter(last)) {
      return List.of();
    }
    if (schedule.equals(ONCE)) {
      return startDate != null && !startDate.isBefore(first) && !startDate.isAfter(last)
          ? List.of(startDate.atStartOfDay())
          : List.of();
    }
    CronExpression cron = CronExpression.parse(schedule);
    List<LocalDateTime> dates = new ArrayList<>();
    for (LocalDateTime t = cron.next(first.atStartOfDay().minusMinutes(1));
        !t.toLocalDate().isAfter(last);
        t = cron.next(t)) {
      dates.add(t);
    }
    return List.copyOf(dates);
  }

  private static boolean isPeriodic(String schedule) {
    return schedule != null && !schedule.equals(ONCE);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.description = description;
    b.schedule = schedule;
    b.startDate = startDate;
    b.endDate = endDate;
    b.catchup = catchup;
    b.defaultArgs = defaultArgs;
    b.tags.addAll(tags);
    b.maxActiveRuns = maxActiveRuns;
    b.tasks.addAll(tasks);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String description;
    private String schedule;
    private LocalDate startDate;
    private LocalDate endDate;
    private boolean catchup;
    private DefaultArgs defaultArgs;
    private final List<String> tags = new ArrayList<>();
    private Integer maxActiveRuns;
    private final List<DagTask> tasks = new ArrayList<>();
    private final List<List<String>> chains = new ArrayList<>();

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** A preset such as {@link Dag#MONTHLY}, a cron expression, or null for manual runs only. */
    public Builder schedule(String schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    public Builder catchup(boolean catchup) {
      this.catchup = catchup;
      return this;
    }

    public Builder defaultArgs(DefaultArgs defaultArgs) {
      this.defaultArgs = defaultArgs;
      return this;
    }

    public Builder tags(String... tags) {
      this.tags.addAll(Arrays.asList(tags));
      return this;
    }

    public Builder maxActiveRuns(Integer maxActiveRuns) {
      this.maxActiveRuns = maxActiveRuns;
      return this;
    }

    public Builder addTask(DagTask task) {
      this.tasks.add(task);
      return this;
    }

    /** Replaces the tasks. */
    public Builder tasks(List<DagTask> tasks) {
      this.tasks.clear();
      this.tasks.addAll(tasks);
      return this;
    }

    /**
     * Makes each task depend on the one before it, like Airflow's {@code a >> b >> c}; adds to the
     * tasks' existing {@code depends_on}. Applied at {@link #build()}, so the tasks may be added later.
     *
     * @param taskIds ids of tasks of this DAG, upstream first
     */
    public Builder chain(String... taskIds) {
      this.chains.add(List.of(taskIds));
      return this;
    }

    public Dag build() {
      List<DagTask> chained = new ArrayList<>(tasks);
      for (List<String> chain : chains) {
        for (int i = 1; i < chain.size(); i++) {
          indexOf(chained, chain.get(i - 1));
          int down = indexOf(chained, chain.get(i));
          chained.set(down, chained.get(down).toBuilder().addDependsOn(chain.get(i - 1)).build());
        }
      }
      return BuildSites.mark(new Dag(identifier, description, schedule, startDate, endDate, catchup, defaultArgs,
          tags, maxActiveRuns, chained));
    }

    private int indexOf(List<DagTask> list, String taskId) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).taskId().equals(taskId)) {
          return i;
        }
      }
      throw new InvalidValueException(ProblemCode.UNRESOLVED_REFERENCE, "tasks",
          "Cannot build dag " + identifier + ": chain names no task '" + taskId + "'; add the task with addTask");
    }
  }
}
