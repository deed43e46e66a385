package io.vigil.runtime.template;

import io.vigil.runtime.errors.RuntimeErrors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only values a template sees: read-only views of the caller's maps and lists, and scalars
 * (strings, numbers, booleans, null; dates as ISO-8601 text). Views convert lazily, so binding a
 * wide row costs nothing for the columns a template does not read. Each view knows its path
 * ({@code activity}, {@code tr_evaluation[0]}) so that a missing key is reported by name.
 */
final class Bound {
  private Bound() {}

  static Object of(Object value, String path, RenderState state) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof BigDecimal
        || value instanceof Short || value instanceof Byte || value instanceof Float || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Map<?, ?> map) {
      return new BoundMap(path, map, state);
    }
    if (value instanceof List<?> list) {
      return new BoundList(path, list, state);
    }
    if (value instanceof Collection<?> collection) {
      return new BoundList(path, List.copyOf(collection), state);
    }
    if (value instanceof Object[] array) {
      return new BoundList(path, Arrays.asList(array), state);
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    state.fail(RuntimeErrors.templateValueUnbindable(state.what, path, value.getClass()));
    return null;
  }

  /** A read-only map whose missing keys are reported as undefined by the resolver. */
  static final class BoundMap extends AbstractMap<String, Object> {
    final String path;
    final RenderState state;
    private final Map<?, ?> delegate;

    BoundMap(String path, Map<?, ?> delegate, RenderState state) {
      this.path = path;
      this.delegate = delegate;
      this.state = state;
    }

    @Override
    public boolean containsKey(Object key) {
      return delegate.containsKey(key);
    }

    @Override
    public Object get(Object key) {
      return of(delegate.get(key), path + "." + key, state);
    }

    @Override
    public int size() {
      return delegate.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<? extends Entry<?, ?>> it = delegate.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<?, ?> e = it.next();
              String key = String.valueOf(e.getKey());
              return new SimpleImmutableEntry<>(key, of(e.getValue(), path + "." + key, state));
            }
          };
        }

        @Override
        public int size() {
          return delegate.size();
        }
      };
    }
  }

  /** A read-only list whose out-of-range indexes are reported as undefined by the resolver. */
  static final class BoundList extends AbstractList<Object> {
    final String path;
    final RenderState state;
    private final List<?> delegate;

    BoundList(String path, List<?> delegate, RenderState state) {
      this.path = path;
      this.delegate = delegate;
      this.state = state;
    }

    @Override
    public Object get(int index) {
      return of(delegate.get(index), path + "[" + index + "]", state);
    }

    @Override
    public int size() {
      return delegate.size();
    }
  }
}
