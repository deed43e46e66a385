package io.vigil.api.solution;

import io.vigil.api.ApiErrors;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.api.serde.Canonical;
import io.vigil.api.serde.MapNode;
import io.vigil.api.serde.Node;
import io.vigil.api.serde.NodeLocations;
import io.vigil.api.serde.Walker;
import io.vigil.api.serde.YamlReader;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.source.SourceMap;
import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a solution repository: {@code solution.yaml}, the entity folders of every domain, job
 * classes and {@code dags/}. YAML keeps the file and line of every node; Java sources are compiled
 * in-process against the SDK and their providers run, with each entity located at its
 * {@code build()} call. Bad content never throws: it becomes a problem of the returned solution.
 */
public final class SolutionLoader {
  public static final String MANIFEST = "solution.yaml";

  private final Path root;
  private final LoadOptions options;
  private final List<Problem> problems = new ArrayList<>();
  private final List<LoadedEntity> entities = new ArrayList<>();
  private final List<JobClass> jobs = new ArrayList<>();
  private final Set<String> unreadable = new HashSet<>();

  private SolutionLoader(Path root, LoadOptions options) {
    this.root = root.toAbsolutePath().normalize();
    this.options = options;
  }

  public static Solution load(Path root) {
    return load(root, LoadOptions.defaults());
  }

  public static Solution load(Path root, LoadOptions options) {
    if (!Files.isDirectory(root)) {
      throw ApiErrors.solutionNotADirectory(root);
    }
    return new SolutionLoader(root, options).run();
  }

  private Solution run() {
    SolutionManifest manifest = manifest();
    SolutionScan scan = SolutionScan.of(root, manifest == null ? List.of() : manifest.domains());
    problems.addAll(scan.problems);
    for (SourceFile file : scan.files) {
      if (file.isYaml()) {
        yamlEntity(file);
      }
    }
    Path classes = java(scan);
    return new Solution(root, manifest, entities, jobs, problems, classes, unreadable);
  }

  private SolutionManifest manifest() {
    Path file = root.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      problems.add(Problem.of(ProblemCode.SOLUTION_MANIFEST, "solution", SourceLocation.file(MANIFEST),
          "Cannot load solution " + root.getFileName() + ": " + MANIFEST + " is missing; run 'vigil init' or create it with at least 'name:'"));
      return null;
    }
    Node node = YamlReader.read(read(file), MANIFEST, problems);
    return node == null ? null : Canonical.decode(node, SolutionManifest.class, "solution", problems);
  }

  private void yamlEntity(SourceFile file) {
    EntityKind kind = file.kind();
    String stem = file.path().getFileName().toString().replaceFirst("\\.ya?ml$", "");
    int before = problems.size();
    Node node = YamlReader.read(read(file.path()), file.relative(), problems);
    String label = node instanceof MapNode map && map.text("identifier") != null ? map.text("identifier") : stem;
    Object value = node == null ? null
        : Canonical.decode(node, EntityTypes.of(kind), kind.key() + "[" + label + "]", problems);
    if (value == null || problems.size() > before) {
      unreadable.add(kind.key() + ":" + label);
      return;
    }
    SourceMap source = SourceMap.of(node.location(), NodeLocations.of(node));
    entities.add(new LoadedEntity((Entity) value, file.domain(), source));
  }

  /** Compiles every Java source, then runs providers and discovers jobs. Returns the classes dir. */
  private Path java(SolutionScan scan) {
    List<SourceFile> javaFiles = scan.files.stream().filter(SourceFile::isJava).toList();
    if (javaFiles.isEmpty()) {
      return null;
    }
    Path out = classesDir();
    List<Path> classpath = new ArrayList<>(options.classpath().isEmpty() ? jvmClasspath() : options.classpath());
    classpath.addAll(scan.jars);
    int before = problems.size();
    List<Path> sources = javaFiles.stream().map(SourceFile::path).toList();
    CompileCache cache = options.compileCache() == null ? null : new CompileCache(options.compileCache());
    String key = cache == null ? null : CompileCache.key(root, sources, classpath);
    Map<String, String> cached = cache == null ? null : cache.restore(key, out);
    JavaSources.Compiled compiled = cached != null ? new JavaSources.Compiled(cached, true)
        : JavaSources.compile(root, sources, classpath, out, problems);
    if (cache != null && cached == null && compiled.success()) {
      cache.store(key, out, compiled.sourceOfClass());
    }
    if (!compiled.success()) {
      // Nothing can be known of entities declared in Java, so references to their kinds are not checked.
      javaFiles.forEach(f -> unreadable.add((f.kind() == null ? "job" : f.kind().key()) + ":*"));
      if (problems.size() == before) {
        throw new IllegalStateException("Compilation failed without diagnostics");
      }
      return null;
    }
    Map<String, SourceFile> byRelative = new HashMap<>();
    javaFiles.forEach(f -> byRelative.put(f.relative(), f));
    try (URLClassLoader loader = new URLClassLoader(urls(out, scan.jars), parentLoader())) {
      for (Map.Entry<String, String> e : new TreeMap<>(compiled.sourceOfClass()).entrySet()) {
        SourceFile file = byRelative.get(e.getValue());
        if (file == null) {
          continue;
        }
        Class<?> type = loadClass(loader, e.getKey(), file);
        if (type == null) {
          continue;
        }
        if (file.role() == SourceFile.Role.ENTITIES && isInstantiable(type, EntityProvider.class)) {
          runProvider(type, file, compiled.sourceOfClass());
        } else if (file.role() == SourceFile.Role.JOBS && isInstantiable(type, Job.class) && !type.isMemberClass()) {
          job(type, file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private void runProvider(Class<?> type, SourceFile file, Map<String, String> sourceOfClass) {
    Map<Object, StackTraceElement> sites = BuildSites.start();
    List<? extends Entity> provided;
    try {
      EntityProvider provider = (EntityProvider) type.getDeclaredConstructor().newInstance();
      provided = provider.entities();
    } catch (InvocationTargetException e) {
      providerFailed(type, file, e.getCause(), sourceOfClass);
      return;
    } catch (ReflectiveOperationException e) {
      problems.add(Problem.of(ProblemCode.PROVIDER_FAILED, provider(type), SourceLocation.file(file.relative()),
          "Cannot create entity provider " + type.getName() + ": it needs a public no-argument constructor"));
      unreadable.add(file.kind().key() + ":*");
      return;
    } catch (RuntimeException | LinkageError e) {
      providerFailed(type, file, e, sourceOfClass);
      return;
    } finally {
      BuildSites.stop();
    }
    if (provided == null) {
      return;
    }
    for (Entity entity : provided) {
      if (entity == null) {
        problems.add(Problem.of(ProblemCode.PROVIDER_FAILED, provider(type), SourceLocation.file(file.relative()),
            "Cannot load entities from " + type.getName() + ": entities() returned a null element"));
        continue;
      }
      SourceMap source = javaSourceMap(entity, file, sites, sourceOfClass);
      if (entity.kind() != file.kind()) {
        problems.add(Problem.of(ProblemCode.FILE_IN_WRONG_FOLDER, entity.address(), source.root(),
            "Cannot declare " + entity.kind().key() + " " + entity.identifier() + " in " + file.relative()
                + ": " + entity.kind().key() + " entities belong in " + folderOf(entity.kind(), file.domain())));
        continue;
      }
      entities.add(new LoadedEntity(entity, file.domain(), source));
    }
  }

  private void providerFailed(Class<?> type, SourceFile file, Throwable cause, Map<String, String> sourceOfClass) {
    SourceLocation where = locateFrame(cause.getStackTrace(), file, sourceOfClass);
    unreadable.add(file.kind().key() + ":*");
    if (cause instanceof InvalidValueException invalid) {
      String path = invalid.path().isEmpty() ? provider(type) : provider(type) + "." + invalid.path();
      problems.add(Problem.of(invalid.code(), path, where, invalid.getMessage()));
    } else {
      problems.add(Problem.of(ProblemCode.PROVIDER_FAILED, provider(type), where,
          "Cannot load entities from " + type.getName() + ": " + cause));
    }
  }

  private void job(Class<?> type, SourceFile file) {
    String id = file.domain() + "." + type.getSimpleName();
    SourceLocation location = SourceLocation.file(file.relative());
    List<Method> cells = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(Cell.class)) {
        cells.add(m);
      }
    }
    cells.sort(Comparator.comparingInt((Method m) -> m.getAnnotation(Cell.class).value()).thenComparing(Method::getName));
    String path = "job[" + id + "]";
    if (cells.isEmpty()) {
      problems.add(Problem.of(ProblemCode.INVALID_VALUE, path, location,
          "Cannot use job " + id + ": it has no cells; annotate its public methods with @Cell(n)"));
    }
    Map<Integer, String> orders = new LinkedHashMap<>();
    for (Method m : cells) {
      int order = m.getAnnotation(Cell.class).value();
      String previous = orders.putIfAbsent(order, m.getName());
      if (previous != null) {
        problems.add(Problem.of(ProblemCode.INVALID_VALUE, path + ".cells[" + m.getName() + "]", location,
            "Cannot order the cells of job " + id + ": " + previous + " and " + m.getName() + " are both @Cell(" + order + ")"));
      }
      if (m.getParameterCount() > 1 || Modifier.isStatic(m.getModifiers())) {
        problems.add(Problem.of(ProblemCode.INVALID_VALUE, path + ".cells[" + m.getName() + "]", location,
            "Cannot run cell " + m.getName() + " of job " + id + ": a cell is an instance method taking the job context or nothing"));
      }
    }
    if (jobs.stream().anyMatch(j -> j.id().equals(id))) {
      problems.add(Problem.of(ProblemCode.IDENTIFIER_DUPLICATE, path, location,
          "Cannot declare job " + id + ": another class in domain " + file.domain() + " has the same simple name"));
      return;
    }
    jobs.add(new JobClass(id, file.domain(), type.getName(), cells.stream().map(Method::getName).toList(), location));
  }

  /** Locations of an entity built in Java: each record at the line of its build() call. */
  private static SourceMap javaSourceMap(Entity entity, SourceFile file, Map<Object, StackTraceElement> sites,
      Map<String, String> sourceOfClass) {
    Map<String, SourceLocation> locations = new LinkedHashMap<>();
    Walker.walk(entity, (path, node) -> {
      StackTraceElement site = sites.get(node);
      if (site != null) {
        String source = sourceOfClass.getOrDefault(site.getClassName(), file.relative());
        locations.put(path, SourceLocation.of(source, Math.max(site.getLineNumber(), 0)));
      }
    });
    SourceLocation root = locations.getOrDefault("", SourceLocation.file(file.relative()));
    return SourceMap.of(root, locations);
  }

  private static SourceLocation locateFrame(StackTraceElement[] frames, SourceFile file, Map<String, String> sourceOfClass) {
    for (StackTraceElement frame : frames) {
      String source = sourceOfClass.get(frame.getClassName());
      if (source != null) {
        return SourceLocation.of(source, Math.max(frame.getLineNumber(), 0));
      }
    }
    return SourceLocation.file(file.relative());
  }

  private Class<?> loadClass(ClassLoader loader, String name, SourceFile file) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      problems.add(Problem.of(ProblemCode.PROVIDER_FAILED, file.relative(), SourceLocation.file(file.relative()),
          "Cannot load class " + name + " from " + file.relative() + ": " + e));
      unreadable.add((file.kind() == null ? "job" : file.kind().key()) + ":*");
      return null;
    }
  }

  private static boolean isInstantiable(Class<?> type, Class<?> contract) {
    int mods = type.getModifiers();
    return contract.isAssignableFrom(type) && Modifier.isPublic(mods) && !Modifier.isAbstract(mods)
        && !type.isInterface() && (!type.isMemberClass() || Modifier.isStatic(mods));
  }

  private static String provider(Class<?> type) {
    return "provider[" + type.getName() + "]";
  }

  private static String folderOf(EntityKind kind, String domain) {
    return kind.isDomainScoped() ? "domains/" + (domain == null ? "<domain>" : domain) + "/" + kind.folder() + "/" : kind.folder() + "/";
  }

  private ClassLoader parentLoader() {
    return options.parent() != null ? options.parent() : SolutionLoader.class.getClassLoader();
  }

  private Path classesDir() {
    try {
      if (options.classesDir() != null) {
        Files.createDirectories(options.classesDir());
        return options.classesDir();
      }
      return TemporaryDirectories.create("vigil-classes-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> jvmClasspath() {
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        out.add(Path.of(entry));
      }
    }
    return out;
  }

  private static URL[] urls(Path out, List<Path> jars) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(out.toUri().toURL());
      for (Path jar : jars) {
        urls.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    return urls.toArray(URL[]::new);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
