package io.vigil.api.docs;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record classes, sealed interfaces and enums reachable from an entry type through record
 * components (list and map elements, nested records, sealed variants), in breadth-first order with
 * the variants of a sealed interface right after it, each
 * with every YAML key path it appears at. Keys are the serde's own ({@code fieldList} →
 * {@code field_list}); variants are found as the serde finds them, by their {@code TYPE} constant.
 */
final class ModelWalk {
  private static final Method SNAKE;

  static {
    try {
      SNAKE = Class.forName("io.vigil.api.serde.KeyNames").getDeclaredMethod("snake", String.class);
      SNAKE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot reach the serde's key mapping io.vigil.api.serde.KeyNames.snake", e);
    }
  }

  /** The key the canonical serde writes for a record component named {@code componentName}. */
  static String key(String componentName) {
    try {
      return (String) SNAKE.invoke(null, componentName);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A variant of a sealed interface: its {@code type} value and record class. */
  record Variant(String name, Class<?> type) {}

  /** The variants of a sealed interface in {@code permits} order. */
  static List<Variant> variants(Class<?> sealed) {
    List<Variant> out = new ArrayList<>();
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      String name = staticString(sub, "TYPE");
      if (name == null) {
        throw new IllegalStateException("Variant without TYPE constant: " + sub.getName());
      }
      out.add(new Variant(name, sub));
    }
    return out;
  }

  /** The variant used when {@code type} is absent, or null when {@code type} is required. */
  static String defaultVariant(Class<?> sealed) {
    return staticString(sealed, "DEFAULT_TYPE");
  }

  /** The {@code type} value of a variant record, or null when the record is no variant. */
  static String variantName(Class<?> record) {
    return staticString(record, "TYPE");
  }

  static boolean isSealed(Class<?> type) {
    return type.isInterface() && type.isSealed();
  }

  static boolean isDocumented(Class<?> type) {
    return type.isRecord() || isSealed(type);
  }

  private final Map<Class<?>, Set<String>> paths = new LinkedHashMap<>();
  private final Set<Class<?>> enums = new LinkedHashSet<>();

  /** Walks from {@code entry}, whose own path is {@code rootPath}; adds to what earlier walks found. */
  void walk(Class<?> entry, String rootPath) {
    record Step(Class<?> type, String path, Set<Class<?>> ancestors) {}
    Deque<Step> queue = new ArrayDeque<>();
    queue.add(new Step(entry, rootPath, Set.of()));
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      Set<String> known = paths.computeIfAbsent(step.type(), t -> new LinkedHashSet<>());
      if (!known.add(step.path()) || step.ancestors().contains(step.type())) {
        continue;
      }
      Set<Class<?>> ancestors = new LinkedHashSet<>(step.ancestors());
      ancestors.add(step.type());
      if (isSealed(step.type())) {
        // Variants come right after their interface, in permits order.
        List<Variant> variants = variants(step.type());
        for (int i = variants.size() - 1; i >= 0; i--) {
          queue.addFirst(new Step(variants.get(i).type(), step.path(), ancestors));
        }
        continue;
      }
      for (RecordComponent rc : step.type().getRecordComponents()) {
        collect(rc.getGenericType(), step.path() + "." + key(rc.getName()), ancestors, queue, Step::new);
      }
    }
  }

  private interface StepFactory<S> {
    S make(Class<?> type, String path, Set<Class<?>> ancestors);
  }

  private <S> void collect(Type type, String path, Set<Class<?>> ancestors, Deque<S> queue, StepFactory<S> steps) {
    Class<?> raw = raw(type);
    if (raw == List.class) {
      collect(argument(type, 0), path + "[]", ancestors, queue, steps);
    } else if (raw == Map.class) {
      collect(argument(type, 1), path + ".<key>", ancestors, queue, steps);
    } else if (isDocumented(raw)) {
      queue.add(steps.make(raw, path, ancestors));
    } else if (raw.isEnum()) {
      enums.add(raw);
    }
  }

  /** Every documented type found so far, in first-reached order. */
  List<Class<?>> types() {
    return List.copyOf(paths.keySet());
  }

  /** The key paths of {@code type}, in first-reached order. */
  List<String> pathsOf(Class<?> type) {
    return List.copyOf(paths.getOrDefault(type, Set.of()));
  }

  /** Every enum used by a component, in first-reached order. */
  List<Class<?>> enums() {
    return List.copyOf(enums);
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    throw new IllegalStateException("Unsupported metadata type " + type);
  }

  static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[index];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    return Object.class;
  }

  private static String staticString(Class<?> type, String name) {
    try {
      java.lang.reflect.Field field = type.getDeclaredField(name);
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        field.setAccessible(true);
        return (String) field.get(null);
      }
      return null;
    } catch (NoSuchFieldException e) {
      return null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
