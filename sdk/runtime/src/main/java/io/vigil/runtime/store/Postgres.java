package io.vigil.runtime.store;

import io.vigil.runtime.errors.RuntimeErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Connections to the Vigil Postgres (registry and CDD). The password never leaves this class. */
public final class Postgres {
  private final String url;
  private final String user;
  private final Secret password;

  public Postgres(String url, String user, Secret password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** A work unit on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public Connection connect() {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password.reveal());
    }
    props.setProperty("ApplicationName", "vigil");
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw RuntimeErrors.postgresUnreachable(url, e);
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw RuntimeErrors.postgresTransactionFailed(e);
    }
  }

  /** Runs {@code work} on an auto-commit connection. */
  public <T> T withConnection(Work<T> work) {
    try (Connection c = connect()) {
      return work.run(c);
    } catch (SQLException e) {
      throw RuntimeErrors.postgresStatementFailed(e);
    }
  }

  /** The JDBC URL; it never holds the password. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** JDBC properties for Spark or other clients, including the password. Never log them. */
  public Properties jdbcProperties() {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password.reveal());
    }
    props.setProperty("driver", "org.postgresql.Driver");
    return props;
  }

  @Override
  public String toString() {
    return "Postgres[" + url + "]";
  }
}
