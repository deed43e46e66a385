package io.vigil.api.solution;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.entity.Identifiers;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Walks a solution repository and sorts its files by the role of their folder (S1 §2.3). */
final class SolutionScan {
  /** Folders allowed in a domain that Vigil does not read. */
  private static final List<String> IGNORED_DOMAIN_FOLDERS = List.of("notebooks");
  /** ThetaRay's older name for the targets folder. */
  private static final String LEGACY_TARGETS = "alert_distribution_targets";

  final List<SourceFile> files = new ArrayList<>();
  final List<Path> jars = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  private final Path root;

  private SolutionScan(Path root) {
    this.root = root;
  }

  static SolutionScan of(Path root, List<String> declaredDomains) {
    SolutionScan scan = new SolutionScan(root);
    scan.domains(declaredDomains);
    scan.dags();
    scan.jarsIn(root.resolve("lib"));
    return scan;
  }

  private void domains(List<String> declared) {
    Path domainsDir = root.resolve("domains");
    List<Path> folders = Files.isDirectory(domainsDir) ? children(domainsDir) : List.of();
    for (String name : declared) {
      if (!Files.isDirectory(domainsDir.resolve(name))) {
        problems.add(Problem.of(ProblemCode.SOLUTION_MANIFEST, "solution.domains", SourceLocation.file("solution.yaml"),
            "Cannot find domain " + name + " declared in solution.yaml: there is no folder domains/" + name));
      }
    }
    for (Path folder : folders) {
      String rel = rel(folder);
      if (!Files.isDirectory(folder)) {
        wrongFolder(rel, "only domain folders belong in domains/");
        continue;
      }
      String domain = folder.getFileName().toString();
      if (!Identifiers.isEntity(domain)) {
        problems.add(Problem.of(ProblemCode.IDENTIFIER_MALFORMED, "domain[" + domain + "]", SourceLocation.file(rel),
            "Cannot use folder " + rel + " as a domain: a domain name must match " + Identifiers.ENTITY.pattern()));
        continue;
      }
      if (!declared.isEmpty() && !declared.contains(domain)) {
        problems.add(Problem.of(ProblemCode.SOLUTION_MANIFEST, "solution.domains", SourceLocation.file(rel),
            "Cannot load domain " + domain + ": it is not listed in the domains of solution.yaml"));
        continue;
      }
      domain(folder, domain);
    }
  }

  private void domain(Path folder, String domain) {
    for (Path child : children(folder)) {
      String name = child.getFileName().toString();
      String rel = rel(child);
      if (!Files.isDirectory(child)) {
        wrongFolder(rel, "files belong in a folder of the domain such as datasets/ or jobs/");
        continue;
      }
      if (IGNORED_DOMAIN_FOLDERS.contains(name)) {
        continue;
      }
      if (name.equals("jobs")) {
        sources(child, domain, SourceFile.Role.JOBS, null, false);
      } else if (name.equals("lib")) {
        sources(child, domain, SourceFile.Role.LIB, null, false);
        jarsIn(child);
      } else {
        EntityKind kind = EntityKind.fromFolder(name.equals(LEGACY_TARGETS) ? "targets" : name)
            .filter(EntityKind::isDomainScoped).orElse(null);
        if (kind == null) {
          wrongFolder(rel, "a domain holds datasets/, connectors/, evaluation_flows/, risks/, graphs/, targets/, jobs/, lib/ and notebooks/");
        } else {
          sources(child, domain, SourceFile.Role.ENTITIES, kind, true);
        }
      }
    }
  }

  private void dags() {
    Path dags = root.resolve("dags");
    if (Files.isDirectory(dags)) {
      sources(dags, null, SourceFile.Role.ENTITIES, EntityKind.DAG, true);
    }
  }

  private void sources(Path folder, String domain, SourceFile.Role role, EntityKind kind, boolean yamlAllowed) {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).filter(p -> !isHidden(p)).sorted().forEach(p -> {
        String rel = rel(p);
        String name = p.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (name.endsWith(".java") || (yaml && yamlAllowed)) {
          files.add(new SourceFile(p, rel, domain, role, kind));
        } else if (yaml) {
          wrongFolder(rel, "YAML entities belong in an entity folder, not in " + folder.getFileName() + "/");
        } else if (!name.endsWith(".md") && !(role == SourceFile.Role.LIB)) {
          wrongFolder(rel, "only .yaml, .yml and .java files are read in " + folder.getFileName() + "/");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void wrongFolder(String rel, String why) {
    problems.add(Problem.of(ProblemCode.FILE_IN_WRONG_FOLDER, rel, SourceLocation.file(rel),
        "Cannot read " + rel + ": " + why));
  }

  private List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> !isHidden(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isHidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }

  private String rel(Path p) {
    return JavaSources.relative(root, p);
  }
}
