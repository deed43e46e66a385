package io.vigil.runtime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.LoadOptions;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
  @TempDir Path root;

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void solution() throws IOException {
    write("solution.yaml", "name: demo\nsdk_version: 0.1.0\n");
    write("domains/aml/datasets/account.yaml", """
        identifier: account
        ingestion_mode: OVERWRITE
        primary_key: [account_id]
        field_list:
          - identifier: account_id
            data_type: STRING
        """);
    write("domains/aml/jobs/Monthly.java", """
        package domains.aml.jobs;

        import io.vigil.api.job.*;

        public class Monthly implements Job {
          public String seen = "";
          @Cell(1) public void first() { seen += "1"; }
          @Cell(2) public void second() { seen += "2"; }
        }
        """);
  }

  @Test
  void theSameSolutionAndCommitGiveTheSameBytes() throws Exception {
    solution();
    Solution a = SolutionLoader.load(root, LoadOptions.defaults().withClassesDir(root.resolve("../classes-a").normalize()));
    byte[] first = BundleWriter.write(a, "abc123");
    Thread.sleep(1100); // a different wall-clock second must not change anything
    Solution b = SolutionLoader.load(root, LoadOptions.defaults().withClassesDir(root.resolve("../classes-b").normalize()));
    byte[] second = BundleWriter.write(b, "abc123");

    assertThat(second).isEqualTo(first);
    assertThat(entries(first)).containsExactly("META-INF/MANIFEST.MF", "META-INF/vigil/bundle.json", "domains/aml/jobs/Monthly.class");
    assertThat(BundleWriter.write(b, "def456")).isNotEqualTo(first);
  }

  @Test
  void readsTheMetadataBackAndLoadsTheJobs() throws Exception {
    solution();
    Solution loaded = SolutionLoader.load(root);
    try (Bundle bundle = Bundle.open(BundleWriter.write(loaded, "abc123"), null)) {
      assertThat(bundle.solution()).isEqualTo("demo");
      assertThat(bundle.commit()).isEqualTo("abc123");
      assertThat(bundle.entities()).singleElement().satisfies(e -> {
        assertThat(e.domain()).isEqualTo("aml");
        assertThat(e.entity()).isEqualTo(loaded.get(EntityKind.DATASET, "account", DataSet.class));
      });
      assertThat(bundle.job("aml.Monthly").cells()).containsExactly("first", "second");
      Object job = bundle.loadJob("aml.Monthly").getDeclaredConstructor().newInstance();
      job.getClass().getMethod("first").invoke(job);
      job.getClass().getMethod("second").invoke(job);
      assertThat(job.getClass().getField("seen").get(job)).isEqualTo("12");
    }
  }

  private static List<String> entries(byte[] jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      if (in.getManifest() != null) {
        names.add("META-INF/MANIFEST.MF");
      }
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
