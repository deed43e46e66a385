package io.vigil.api.connector;

/** The database products a JDBC connector reads from (S0 "Ingestion from a database"). */
public enum JdbcDatabase {
  POSTGRESQL,
  MYSQL,
  SQLSERVER
}
