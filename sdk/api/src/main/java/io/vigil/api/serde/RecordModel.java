package io.vigil.api.serde;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the codec knows about a record class (its keys, types and constructor) or a sealed
 * interface (its variants by {@code type} name). Built once per class.
 */
final class RecordModel {
  record Component(String name, String key, Type type, Class<?> rawType, Method accessor) {}

  private static final ConcurrentHashMap<Class<?>, RecordModel> RECORDS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Class<?>, Variants> VARIANTS = new ConcurrentHashMap<>();

  final Class<?> type;
  final List<Component> components;
  final Map<String, Component> byKey;
  final Constructor<?> constructor;
  /** The variant name written as {@code type}, or null when the record is not a variant. */
  final String variantName;

  private RecordModel(Class<?> type) {
    this.type = type;
    List<Component> list = new ArrayList<>();
    Map<String, Component> keys = new LinkedHashMap<>();
    RecordComponent[] rcs = type.getRecordComponents();
    Class<?>[] rawTypes = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      RecordComponent rc = rcs[i];
      rawTypes[i] = rc.getType();
      Method accessor = rc.getAccessor();
      accessor.setAccessible(true);
      Component c = new Component(rc.getName(), KeyNames.snake(rc.getName()), rc.getGenericType(), rc.getType(), accessor);
      list.add(c);
      keys.put(c.key(), c);
    }
    this.components = List.copyOf(list);
    this.byKey = Map.copyOf(keys);
    try {
      this.constructor = type.getDeclaredConstructor(rawTypes);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Record without canonical constructor: " + type.getName(), e);
    }
    this.variantName = staticString(type, "TYPE");
  }

  static RecordModel of(Class<?> type) {
    return RECORDS.computeIfAbsent(type, RecordModel::new);
  }

  /** The variants of a sealed interface, keyed by their {@code TYPE} constant. */
  record Variants(Map<String, Class<?>> byName, String defaultName) {}

  static Variants variants(Class<?> sealed) {
    return VARIANTS.computeIfAbsent(sealed, s -> {
      Map<String, Class<?>> byName = new LinkedHashMap<>();
      for (Class<?> sub : s.getPermittedSubclasses()) {
        String name = staticString(sub, "TYPE");
        if (name == null) {
          throw new IllegalStateException("Variant without TYPE constant: " + sub.getName());
        }
        byName.put(name, sub);
      }
      return new Variants(Map.copyOf(byName), staticString(s, "DEFAULT_TYPE"));
    });
  }

  static boolean isPolymorphic(Class<?> type) {
    return type.isInterface() && type.isSealed();
  }

  private static String staticString(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
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
