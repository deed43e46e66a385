package io.vigil.runtime.sql;

import io.vigil.runtime.errors.RuntimeErrors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.MutableProjection;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression$;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark SQL column expression (a classifier step's label selector, say) evaluated on one record at a
 * time without a Spark job. Spark analyses it once, over the schema the batch rows have, so names,
 * functions, implicit casts, ANSI mode and time zone resolve exactly as in batch; each record then goes
 * through Catalyst's own projection of that analysed expression, one per thread (projections keep
 * state). It costs a microsecond or so a record. Expressions that need more than the record
 * (aggregates, windows, subqueries) or are not deterministic cannot be evaluated this way.
 */
public final class RecordExpression {
  private final String[] columns;
  private final DataType[] types;
  private final Function1<Object, Object>[] toCatalyst;
  private final DataType type;
  private final Function1<Object, Object> toJava;
  private final ThreadLocal<MutableProjection> projection;

  private RecordExpression(List<Attribute> inputs, Expression expression) {
    int n = inputs.size();
    this.columns = new String[n];
    this.types = new DataType[n];
    @SuppressWarnings("unchecked")
    Function1<Object, Object>[] converters = new Function1[n];
    for (int i = 0; i < n; i++) {
      columns[i] = inputs.get(i).name();
      types[i] = inputs.get(i).dataType();
      converters[i] = CatalystTypeConverters.createToCatalystConverter(types[i]);
    }
    this.toCatalyst = converters;
    this.type = expression.dataType();
    this.toJava = CatalystTypeConverters.createToScalaConverter(type);
    scala.collection.immutable.Seq<Attribute> schema = CollectionConverters.asScala(inputs).toSeq();
    this.projection = ThreadLocal.withInitial(() -> {
      MutableProjection p = MutableProjection.create(
          CollectionConverters.asScala(List.of(expression.freshCopyIfContainsStatefulExpression())).toSeq(), schema);
      p.initialize(0);
      return p;
    });
  }

  /**
   * {@code column} analysed by {@code spark} over {@code schema}; fails with {@link NotEvaluable} saying
   * why when it does not resolve or needs more than one record. No Spark job runs.
   */
  public static RecordExpression analyse(SparkSession spark, StructType schema, Column column) {
    LogicalPlan plan;
    try {
      plan = spark.createDataFrame(List.<Row>of(), schema).select(column).queryExecution().analyzed();
    } catch (Exception e) {
      // Scala declares no checked exceptions; AnalysisException and ParseException are checked for javac.
      throw new NotEvaluable(firstLine(String.valueOf(e.getMessage())));
    }
    if (!(plan instanceof Project p) || !(p.child() instanceof LocalRelation)) {
      throw new NotEvaluable("it is not a function of one record (it aggregates, or uses a window or generator)");
    }
    Object projected = p.projectList().head();
    Expression e = projected instanceof Alias a ? a.child() : (Expression) projected;
    if (!e.deterministic()) {
      throw new NotEvaluable("it is not deterministic, so one record alone cannot give what batch gives");
    }
    if (SubqueryExpression$.MODULE$.hasSubquery(e)) {
      throw new NotEvaluable("it queries other data");
    }
    List<Attribute> inputs = new ArrayList<>(CollectionConverters.asJava(e.references().toSeq()));
    RecordExpression out = new RecordExpression(inputs, e);
    try {
      out.projection.get();
    } catch (RuntimeException ex) {
      throw new NotEvaluable("Spark cannot evaluate it outside a query: " + firstLine(String.valueOf(ex.getMessage())));
    }
    return out;
  }

  /** The columns the expression reads. */
  public List<String> columns() {
    return List.of(columns);
  }

  /**
   * The value of the expression on {@code record} (column → value, as Spark rows hold them; an absent
   * column is null), as a Spark row would give it (Integer, Boolean, String, …) or null.
   */
  public Object evaluate(Map<String, ?> record) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < values.length; i++) {
      Object v = record.get(columns[i]);
      if (v != null) {
        check(columns[i], v, types[i]);
        values[i] = toCatalyst[i].apply(v);
      }
    }
    InternalRow out = projection.get().apply(new GenericInternalRow(values));
    return out.isNullAt(0) ? null : toJava.apply(out.get(0, type));
  }

  /** Catalyst trusts its rows' types; a record is checked instead, so that a wrong type fails clearly. */
  private static void check(String column, Object value, DataType type) {
    Class<?> expected = type instanceof IntegerType ? Integer.class : type instanceof LongType ? Long.class
        : type instanceof DoubleType ? Double.class : type instanceof FloatType ? Float.class
        : type instanceof ShortType ? Short.class : type instanceof ByteType ? Byte.class
        : type instanceof BooleanType ? Boolean.class : type instanceof StringType ? String.class
        : type instanceof DecimalType ? BigDecimal.class : null;
    if (expected != null && !expected.isInstance(value)) {
      throw RuntimeErrors.recordValueOfWrongType(column, value.getClass(), type.simpleString());
    }
  }

  private static String firstLine(String message) {
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }

  /** Why an expression cannot be evaluated one record at a time; callers add what it belongs to. */
  public static final class NotEvaluable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotEvaluable(String reason) {
      super(reason);
    }
  }
}
