package io.vigil.runtime.template;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.util.ForLoop;
import java.util.Set;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * How expressions reach into values. Only maps, lists and the {@code loop} variable are reachable:
 * keys and indexes, the Python dict and list methods Jinja templates use, and loop attributes.
 * Filters and tests are called as Jinjava calls them. No other Java object exposes a property or a
 * method. A missing key or index of a bound value is
 * recorded as undefined, so that the render fails with its name.
 */
final class SandboxResolver {
  private static final Set<String> MAP_METHODS = Set.of("items", "keys", "values", "get", "update");
  private static final Set<String> LIST_METHODS =
      Set.of("append", "insert", "extend", "pop", "count", "reverse", "copy", "index");

  private SandboxResolver() {}

  static ELResolver create() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new UndefinedTracker());
    resolver.add(new JinjavaListELResolver(false));
    resolver.add(new TypeConvertingMapELResolver(false));
    resolver.add(new CollectionsOnly());
    return resolver;
  }

  /** Resolves nothing; records keys and indexes that bound values do not have. */
  private static final class UndefinedTracker extends ELResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base instanceof PyMap py && py.toMap() instanceof Bound.BoundMap map) {
        String key = String.valueOf(property);
        // Jinjava looks a method name up as a key before it calls the method, e.g. for activity.items().
        if (!map.containsKey(key) && !MAP_METHODS.contains(key)) {
          map.state.undefined(map.path + "." + key);
        }
      } else if (base instanceof PyList py && py.toList() instanceof Bound.BoundList list) {
        Integer index = index(property);
        if (index != null && (index >= list.size() || index < -list.size())) {
          list.state.undefined(list.path + "[" + index + "]");
        }
      }
      return null;
    }

    // Jinjava passes list indexes on as text.
    private static Integer index(Object property) {
      if (property instanceof Number n) {
        return n.intValue();
      }
      try {
        return Integer.valueOf(String.valueOf(property));
      } catch (NumberFormatException notAnIndex) {
        return null;
      }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return false;
    }

    @Override
    public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }

  /** Bean access restricted to loop attributes and the dict and list methods. */
  private static final class CollectionsOnly extends JinjavaBeanELResolver {
    CollectionsOnly() {
      super(false);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      return base instanceof ForLoop ? super.getValue(context, base, property) : null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      String name = String.valueOf(method);
      boolean allowed = (base instanceof PyMap && MAP_METHODS.contains(name))
          || (base instanceof PyList && LIST_METHODS.contains(name))
          || (base instanceof ForLoop && name.equals("cycle"))
          // How Jinjava applies `x | f` and `x is t`.
          || (base instanceof Filter && name.equals("filter"))
          || (base instanceof ExpTest && (name.equals("evaluate") || name.equals("evaluateNegated")));
      if (!allowed) {
        throw new MethodNotFoundException("Cannot call '" + name + "': templates may call only dict and list methods");
      }
      return super.invoke(context, base, method, paramTypes, params);
    }
  }
}
