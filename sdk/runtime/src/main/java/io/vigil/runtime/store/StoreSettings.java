package io.vigil.runtime.store;

import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the stores are, read from the environment (DESIGN §5). An absent variable means the
 * embedded default under {@link #home()}. Secrets come from {@code VIGIL_X} or from a file named
 * by {@code VIGIL_X_FILE}, and are never printed.
 *
 * @param home VIGIL_HOME: state of the embedded stack, the local warehouse and caches
 * @param pgUrl VIGIL_PG_URL, e.g. {@code jdbc:postgresql://db:5432/vigil}; null for embedded
 * @param pgUser VIGIL_PG_USER
 * @param pgPassword VIGIL_PG_PASSWORD or VIGIL_PG_PASSWORD_FILE
 * @param s3Endpoint VIGIL_S3_ENDPOINT, e.g. {@code http://minio:9000}; null for embedded
 * @param s3AccessKey VIGIL_S3_ACCESS_KEY
 * @param s3SecretKey VIGIL_S3_SECRET_KEY or VIGIL_S3_SECRET_KEY_FILE
 * @param s3Region VIGIL_S3_REGION (default us-east-1)
 * @param warehouse VIGIL_WAREHOUSE: a local path or {@code s3a://bucket/prefix}; null means
 *     {@code <home>/warehouse}
 * @param user VIGIL_USER (default the OS user): owner of the PRIVATE data environment
 * @param roles VIGIL_ROLES, comma separated; {@code manager} may write PUBLIC data
 * @param sparkMaster SPARK_MASTER (default {@code local[*]})
 */
public record StoreSettings(
    Path home,
    String pgUrl,
    String pgUser,
    Secret pgPassword,
    String s3Endpoint,
    String s3AccessKey,
    Secret s3SecretKey,
    String s3Region,
    String warehouse,
    String user,
    String roles,
    String sparkMaster) {

  public static StoreSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public static StoreSettings fromEnvironment(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("VIGIL_HOME", Path.of(System.getProperty("user.home"), ".vigil").toString()))
        .toAbsolutePath().normalize();
    return new StoreSettings(
        home,
        blankToNull(env.get("VIGIL_PG_URL")),
        env.getOrDefault("VIGIL_PG_USER", "postgres"),
        secret(env, "VIGIL_PG_PASSWORD"),
        blankToNull(env.get("VIGIL_S3_ENDPOINT")),
        blankToNull(env.get("VIGIL_S3_ACCESS_KEY")),
        secret(env, "VIGIL_S3_SECRET_KEY"),
        env.getOrDefault("VIGIL_S3_REGION", "us-east-1"),
        blankToNull(env.get("VIGIL_WAREHOUSE")),
        env.getOrDefault("VIGIL_USER", System.getProperty("user.name", "user")),
        env.getOrDefault("VIGIL_ROLES", ""),
        env.getOrDefault("SPARK_MASTER", "local[*]"));
  }

  /** True when Postgres is a separately run server rather than the embedded one. */
  public boolean externalPostgres() {
    return pgUrl != null;
  }

  /** True when the object store is a separately run MinIO/S3 rather than the embedded S3Proxy. */
  public boolean externalObjectStore() {
    return s3Endpoint != null;
  }

  /** The warehouse root: VIGIL_WAREHOUSE or {@code <home>/warehouse}. */
  public String warehouseRoot() {
    return warehouse != null ? warehouse : home.resolve("warehouse").toString();
  }

  public StoreSettings withHome(Path newHome) {
    return new StoreSettings(newHome, pgUrl, pgUser, pgPassword, s3Endpoint, s3AccessKey, s3SecretKey, s3Region,
        warehouse, user, roles, sparkMaster);
  }

  public StoreSettings withPostgres(String url, String user, Secret password) {
    return new StoreSettings(home, url, user, password, s3Endpoint, s3AccessKey, s3SecretKey, s3Region, warehouse,
        this.user, roles, sparkMaster);
  }

  public StoreSettings withObjectStore(String endpoint, String accessKey, Secret secretKey) {
    return new StoreSettings(home, pgUrl, pgUser, pgPassword, endpoint, accessKey, secretKey, s3Region, warehouse,
        user, roles, sparkMaster);
  }

  public StoreSettings withUser(String newUser, String newRoles) {
    return new StoreSettings(home, pgUrl, pgUser, pgPassword, s3Endpoint, s3AccessKey, s3SecretKey, s3Region,
        warehouse, newUser, newRoles, sparkMaster);
  }

  public StoreSettings withWarehouse(String newWarehouse) {
    return new StoreSettings(home, pgUrl, pgUser, pgPassword, s3Endpoint, s3AccessKey, s3SecretKey, s3Region,
        newWarehouse, user, roles, sparkMaster);
  }

  /** True when {@link #roles()} holds {@code role} (case-insensitive). */
  public boolean hasRole(String role) {
    for (String r : roles.split(",")) {
      if (r.trim().equalsIgnoreCase(role)) {
        return true;
      }
    }
    return false;
  }

  private static Secret secret(Map<String, String> env, String name) {
    String direct = blankToNull(env.get(name));
    if (direct != null) {
      return Secret.of(direct);
    }
    String file = blankToNull(env.get(name + "_FILE"));
    if (file == null) {
      return null;
    }
    try {
      return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw RuntimeErrors.settingsFileUnreadable(name, e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
