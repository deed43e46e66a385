package io.vigil.sync.resource;

/** The targets and resource kinds sync manages; they form the first two parts of every address. */
public final class Targets {
  public static final String S3 = "s3";
  public static final String POSTGRES = "postgres";
  public static final String DELTA = "delta";
  public static final String MODELS = "models";
  public static final String REGISTRY = "registry";
  public static final String AIRFLOW = "airflow";

  public static final String BUCKET = "bucket";
  public static final String PREFIX = "prefix";
  public static final String BUNDLE = "bundle";
  public static final String SCHEMA = "schema";
  public static final String TABLE = "table";
  public static final String MODEL = "model";
  public static final String DAG_FILE = "dag_file";

  private Targets() {}
}
