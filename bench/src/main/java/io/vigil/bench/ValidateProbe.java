package io.vigil.bench;

import io.vigil.api.solution.LoadOptions;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.ValidationReport;
import io.vigil.api.validator.SolutionValidator;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One measured run of {@code vigil validate}, in a fresh JVM started by {@link ValidateBenchmark}:
 * it does what {@code ValidateCommand} does ({@code SolutionLoader.load}, compiling the solution's
 * Java against this JVM's class path, then {@code SolutionValidator.validate} and rendering the
 * report) and prints one line of metrics.
 *
 * <p>{@code SolutionLoader.load} is one call. Its phases are told apart without changing it and at
 * no measurable cost (a sampling profiler was tried and slowed javac several-fold):
 * <ul>
 *   <li>compile starts when the loader reads {@code java.class.path} to compile against it: a
 *       {@link Properties} wrapper notes the first such read made from {@code SolutionLoader};
 *   <li>providers start when the solution's class loader first asks its parent for a class: the
 *       parent is passed in through {@link LoadOptions#parent()} and notes the first request;
 *   <li>Spark SQL parsing is timed by {@link TimedSparkParser}, which the validator finds through
 *       the {@code ExpressionParser} service ahead of the runtime's own and which delegates to it.
 * </ul>
 * Everything before compile is reading the manifest, scanning the folders and reading and decoding
 * YAML. A dedicated timing hook in the loader would make this unnecessary.
 *
 * <p>Arguments: the solution directory, and whether to repeat the work once in the same JVM after
 * every cold metric is taken (default false).
 */
public final class ValidateProbe {
  /** The line of metrics starts with this; the rest is {@code key=value} pairs separated by spaces. */
  public static final String PREFIX = "VIGIL_BENCH ";

  private ValidateProbe() {}

  public static void main(String[] args) throws Exception {
    long mainMillis = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Path root = Path.of(args[0]);
    boolean warm = args.length > 1 && Boolean.parseBoolean(args[1]);
    ClasspathRead classpathRead = ClasspathRead.install();

    Map<String, Object> m = new LinkedHashMap<>();
    Pass cold = pass(root, classpathRead, t0);
    // Everything below runs after the measured work, so its class loading is not counted.
    m.put("main_epoch_ms", mainMillis);
    m.put("vm_start_epoch_ms", ManagementFactory.getRuntimeMXBean().getStartTime());
    cold.put(m, "");
    m.put("jobs", cold.solution.jobs().size());
    m.put("spark_sql_checked", SolutionValidator.checksSparkSql());
    m.put("classes_loaded", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    m.put("jit_ms", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    long gc = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime());
    }
    m.put("gc_ms", gc);
    m.put("cpu_ms", processCpuMillis());
    m.put("peak_rss_kb", peakRssKb());
    Pass second = warm ? pass(root, classpathRead, System.nanoTime()) : null;
    if (second != null) {
      second.put(m, "warm_");
    }

    // All the CPU this process used, second pass included: the benchmark compares it with the machine's.
    m.put("exit_cpu_ms", processCpuMillis());
    for (Pass p : second == null ? List.of(cold) : List.of(cold, second)) {
      if (p.report.hasErrors()) {
        System.out.print(p.text);
      }
    }
    StringBuilder line = new StringBuilder(PREFIX);
    m.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
    System.out.println(line.toString().strip());
    System.out.flush();
    // As the CLI: 3 when the solution has errors.
    System.exit(cold.report.hasErrors() || (second != null && second.report.hasErrors()) ? 3 : 0);
  }

  /** Load, validate and render once, noting when each phase starts. */
  private static Pass pass(Path root, ClasspathRead classpathRead, long t0) {
    FirstLoad firstLoad = new FirstLoad(SolutionLoader.class.getClassLoader());
    classpathRead.arm();
    TimedSparkParser.reset();
    // As ValidateCommand: the Spark SQL parser warms up on a second thread, and compiled classes are
    // cached by the hash of sources and class path (beside the solution; the warm-up run fills it).
    SolutionValidator.warmUp();
    Path cache = root.toAbsolutePath().resolveSibling("compile-cache-" + root.getFileName());
    Solution solution = SolutionLoader.load(root, new LoadOptions(List.of(), null, firstLoad, cache));
    long t1 = System.nanoTime();
    ValidationReport report = SolutionValidator.validate(solution);
    String text = report.renderText();
    long t2 = System.nanoTime();
    boolean hasJava = solution.classesDir() != null;
    if (hasJava && (classpathRead.at == 0 || firstLoad.at == 0)) {
      throw new IllegalStateException("Cannot split the load into phases: SolutionLoader no longer reads java.class.path"
          + " before compiling or no longer loads providers through LoadOptions.parent; update ValidateProbe's hooks");
    }
    return new Pass(solution, report, text, t0, hasJava ? classpathRead.at : t1, hasJava ? firstLoad.at : t1, t1, t2,
        TimedSparkParser.nanos(), TimedSparkParser.firstCallNanos(), TimedSparkParser.calls());
  }

  private record Pass(Solution solution, ValidationReport report, String text, long start, long compileStart,
      long providersStart, long loaded, long validated, long sparkNanos, long sparkFirstNanos, int sparkCalls) {
    void put(Map<String, Object> m, String prefix) {
      m.put(prefix + "yaml_ms", ms(compileStart - start));
      m.put(prefix + "compile_ms", ms(providersStart - compileStart));
      m.put(prefix + "providers_ms", ms(loaded - providersStart));
      m.put(prefix + "load_ms", ms(loaded - start));
      m.put(prefix + "validate_ms", ms(validated - loaded));
      m.put(prefix + "spark_ms", ms(sparkNanos));
      m.put(prefix + "spark_first_ms", ms(sparkFirstNanos));
      m.put(prefix + "spark_parses", sparkCalls);
      m.put(prefix + "total_ms", ms(validated - start));
      m.put(prefix + "entities", solution.entities().size());
      m.put(prefix + "errors", report.errors().size());
      m.put(prefix + "warnings", report.warnings().size());
    }
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  private static long processCpuMillis() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() / 1_000_000 : -1;
  }

  /** The peak resident set size of this process (VmHWM), or -1 where /proc is missing. */
  static long peakRssKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** The parent of the solution's class loader; notes when it is first asked for a class. */
  static final class FirstLoad extends ClassLoader {
    volatile long at;

    FirstLoad(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (at == 0) {
        at = System.nanoTime();
      }
      return super.loadClass(name, resolve);
    }
  }

  /** The system properties, noting when SolutionLoader reads java.class.path after {@link #arm()}. */
  static final class ClasspathRead extends Properties {
    private static final long serialVersionUID = 1L;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private transient volatile boolean armed;
    transient volatile long at;

    private ClasspathRead(Properties original) {
      putAll(original);
    }

    static ClasspathRead install() {
      ClasspathRead hook = new ClasspathRead(System.getProperties());
      System.setProperties(hook);
      return hook;
    }

    void arm() {
      at = 0;
      armed = true;
    }

    @Override
    public String getProperty(String key) {
      if (armed && "java.class.path".equals(key)
          && WALKER.walk(frames -> frames.limit(6).anyMatch(f -> f.getClassName().equals(SolutionLoader.class.getName())))) {
        at = System.nanoTime();
        armed = false;
      }
      return super.getProperty(key);
    }
  }
}
