package io.vigil.cli;

import io.vigil.runtime.store.EmbeddedStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One embedded stack for a test class, and the environment that points the CLI at it as if it were
 * a separately run Postgres and S3 (a stack in the same process cannot be attached to).
 */
final class TestStack implements AutoCloseable {
  final Path home;
  final EmbeddedStack stack;

  TestStack(Path home) {
    this.home = home;
    this.stack = EmbeddedStack.start(home.resolve("stack"));
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", home.toString());
    env.put("VIGIL_PG_URL", stack.pgUrl());
    env.put("VIGIL_PG_USER", "postgres");
    env.put("VIGIL_S3_ENDPOINT", stack.s3Endpoint());
    env.put("VIGIL_S3_ACCESS_KEY", EmbeddedStack.ACCESS_KEY);
    env.put("VIGIL_S3_SECRET_KEY_FILE", stack.s3SecretFile().toString());
    env.put("VIGIL_USER", "ana");
    return env;
  }

  String s3Secret() throws IOException {
    return Files.readString(stack.s3SecretFile()).strip();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(stack.pgUrl(), "postgres", "");
  }

  List<String> query(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  List<String> tables(String schema) throws SQLException {
    return query("select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1");
  }

  @Override
  public void close() {
    stack.close();
  }
}
