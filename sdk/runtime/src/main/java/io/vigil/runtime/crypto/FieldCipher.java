package io.vigil.runtime.crypto;

import static org.apache.spark.sql.functions.aes_encrypt;
import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_aes_decrypt;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unbase64;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Encrypts and decrypts string columns with Spark's built-in AES-256-GCM, set-based: the keys join
 * the rows as a one-row broadcast table, so they travel as data and never appear in a query plan,
 * its SQL text or an error that prints it.
 *
 * <p>A value becomes {@code v1:<key id>:<base64>}, the base64 holding the 12-byte IV, the
 * ciphertext and the 16-byte tag. The column name is the GCM associated data, so a value copied
 * into another column does not decrypt. A random column draws a fresh IV per value; a
 * deterministic one derives it from the key and the plaintext (the first 12 bytes of SHA-256 over
 * key and value), so equal plaintexts under one key give equal ciphertexts, which equality filters
 * and joins can use.
 */
public final class FieldCipher {
  private static final String PREFIX = "v1:";
  private static final String KEY = "_vigil_field_key";
  private static final String KEYS = "_vigil_field_keys";
  private static final String KEY_ID = "[A-Za-z0-9_-]{1,32}";
  private static final String ID_PATTERN = "^v1:(" + KEY_ID + "):";
  private static final String BODY_PATTERN = "^v1:" + KEY_ID + ":([A-Za-z0-9+/]+=*)$";

  /** A column to encrypt; {@code deterministic} chooses the derived IV over a random one. */
  public record Target(String name, boolean deterministic) {}

  private FieldCipher() {}

  /** {@code rows} with each target column (string) replaced by its ciphertext; nulls stay null. */
  public static Dataset<Row> encrypt(Dataset<Row> rows, List<Target> targets, FieldKeys keys) {
    if (targets.isEmpty()) {
      return rows;
    }
    Dataset<Row> keyed = withKeys(rows, keys);
    String prefix = PREFIX + keys.currentId() + ":";
    for (Target t : targets) {
      Column plain = encode(col(quote(t.name())), "UTF-8");
      Column iv = t.deterministic() ? substring(unhex(sha2(concat(col(KEY), plain), 256)), 1, 12) : lit(new byte[0]);
      Column sealed = aes_encrypt(plain, col(KEY), lit("GCM"), lit("DEFAULT"), iv, aad(t.name()));
      keyed = keyed.withColumn(t.name(), when(col(quote(t.name())).isNull(), lit(null).cast(DataTypes.StringType))
          .otherwise(concat(lit(prefix), base64(sealed))));
    }
    return keyed.drop(KEY, KEYS);
  }

  /**
   * {@code rows} with each named column decrypted. The result is lazy; {@link Decrypted#check} runs
   * once over the rows and fails, naming field and key id, when a value does not decrypt.
   */
  public static Decrypted decrypt(Dataset<Row> rows, List<String> columns, FieldKeys keys) {
    Dataset<Row> keyed = withKeys(rows, keys);
    List<Column> checks = new ArrayList<>();
    checks.add(count(lit(1)).as("rows"));
    Dataset<Row> out = keyed;
    for (String name : columns) {
      Column value = col(quote(name));
      Column id = regexp_extract(value, ID_PATTERN, 1);
      Column key = try_element_at(col(KEYS), id);
      Column plain = try_aes_decrypt(unbase64(regexp_extract(value, BODY_PATTERN, 1)), key, lit("GCM"), lit("DEFAULT"),
          aad(name)).cast(DataTypes.StringType);
      Column notCipher = value.isNotNull().and(id.equalTo(""));
      Column unknownKey = id.notEqual("").and(key.isNull());
      Column damaged = key.isNotNull().and(plain.isNull());
      // Named, because Spark cannot derive a name from an expression over a column it has not resolved yet.
      checks.add(sum(when(notCipher, 1).otherwise(0)).as(name + "_plain"));
      checks.add(sum(when(unknownKey, 1).otherwise(0)).as(name + "_unknown_key"));
      checks.add(sum(when(damaged, 1).otherwise(0)).as(name + "_damaged"));
      checks.add(collect_set(when(unknownKey, id)).as(name + "_unknown_ids"));
      out = out.withColumn(name, plain);
    }
    return new Decrypted(out.drop(KEY, KEYS), keyed, columns, checks);
  }

  /** Decrypted rows and the check that every value decrypted. */
  public static final class Decrypted {
    private final Dataset<Row> rows;
    private final Dataset<Row> source;
    private final List<String> columns;
    private final List<Column> checks;

    private Decrypted(Dataset<Row> rows, Dataset<Row> source, List<String> columns, List<Column> checks) {
      this.rows = rows;
      this.source = source;
      this.columns = columns;
      this.checks = checks;
    }

    public Dataset<Row> rows() {
      return rows;
    }

    /**
     * Counts the rows and checks that every encrypted value decrypts, in one pass; fails with a
     * message naming each field, its failure counts and the unknown key ids, never a value.
     * {@code action} is what the caller does ("decrypt dataset customer").
     */
    public long check(String action) {
      Row r = source.agg(checks.get(0), checks.subList(1, checks.size()).toArray(Column[]::new)).first();
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        int at = 1 + i * 4;
        long plain = r.isNullAt(at) ? 0 : r.getLong(at);
        long unknown = r.isNullAt(at + 1) ? 0 : r.getLong(at + 1);
        long damaged = r.isNullAt(at + 2) ? 0 : r.getLong(at + 2);
        List<String> ids = r.getList(at + 3);
        if (plain > 0) {
          problems.add("field " + columns.get(i) + " has " + plain + " values that are not encrypted (written before"
              + " the field was marked encrypted)");
        }
        if (unknown > 0) {
          problems.add("field " + columns.get(i) + " has " + unknown + " values under key ids " + ids.stream().sorted().toList()
              + " that are neither " + FieldKeys.KEY_ID_VARIABLE + " nor in " + FieldKeys.OLDER_KEYS_VARIABLE);
        }
        if (damaged > 0) {
          problems.add("field " + columns.get(i) + " has " + damaged + " values that do not decrypt under their key"
              + " (damaged, or the key behind that id changed)");
        }
      }
      if (!problems.isEmpty()) {
        throw RuntimeErrors.fieldNotDecryptable(action, String.join("; ", problems));
      }
      return r.getLong(0);
    }
  }

  private static Dataset<Row> withKeys(Dataset<Row> rows, FieldKeys keys) {
    StructType schema = new StructType()
        .add(KEY, DataTypes.BinaryType, true)
        .add(KEYS, DataTypes.createMapType(DataTypes.StringType, DataTypes.BinaryType), false);
    Map<String, byte[]> all = keys.all();
    Row row = RowFactory.create(keys.canEncrypt() ? keys.current() : null, all);
    Dataset<Row> table = rows.sparkSession().createDataFrame(List.of(row), schema);
    return rows.crossJoin(broadcast(table));
  }

  private static Column aad(String column) {
    return lit(column.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String name) {
    return "`" + name + "`";
  }
}
