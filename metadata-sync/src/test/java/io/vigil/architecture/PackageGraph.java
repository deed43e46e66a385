package io.vigil.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package uses which, read from compiled classes: every class named in a class file's
 * constant pool (class references, and the types in field, method and generic signatures) counts.
 * Reads the class-file format itself, so it needs no library.
 */
final class PackageGraph {
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

  private final Map<String, Set<String>> uses = new TreeMap<>();

  /** The graph of the classes under {@code prefix} (like {@code io.vigil.runtime}) in the jar or folder holding {@code anchor}. */
  static PackageGraph of(Class<?> anchor, String prefix) {
    PackageGraph graph = new PackageGraph();
    graph.add(anchor, prefix);
    return graph;
  }

  PackageGraph add(Class<?> anchor, String prefix) {
    Path root = location(anchor);
    String folder = prefix.replace('.', '/') + "/";
    try {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
          for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
            try (InputStream in = Files.newInputStream(p)) {
              read(in, prefix);
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (entry.getName().startsWith(folder) && entry.getName().endsWith(".class")) {
              try (InputStream in = jar.getInputStream(entry)) {
                read(in, prefix);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Map<String, Set<String>> uses() {
    return uses;
  }

  /** Groups of two or more packages that reach each other (strongly connected components), each sorted. */
  List<List<String>> cycles() {
    return new Tarjan(uses).components().stream().filter(c -> c.size() > 1).toList();
  }

  /** For a cycle, one pair of edges that closes it, to name in a failure message. */
  String explain(List<String> cycle) {
    StringBuilder out = new StringBuilder();
    for (String a : cycle) {
      for (String b : uses.getOrDefault(a, Set.of())) {
        if (cycle.contains(b)) {
          out.append("\n  ").append(a).append(" -> ").append(b);
        }
      }
    }
    return out.toString();
  }

  private void read(InputStream stream, String prefix) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    Map<Integer, Integer> classes = new HashMap<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classes.put(i, in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort();
    String from = packageOf(utf8[classes.get(in.readUnsignedShort())]);
    Set<String> referenced = new TreeSet<>();
    for (int nameIndex : classes.values()) {
      referenced.add(utf8[nameIndex]);
    }
    // Descriptors and signatures name the types of fields, parameters and generics that no Class constant lists.
    for (String s : utf8) {
      if (s != null && (s.startsWith("(") || s.startsWith("L") || s.startsWith("[") || s.startsWith("<"))) {
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(s);
        while (m.find()) {
          referenced.add(m.group(1));
        }
      }
    }
    String slashed = prefix.replace('.', '/') + "/";
    Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
    for (String name : referenced) {
      String plain = name.replaceFirst("^\\[+L?", "").replace(";", "");
      if (plain.startsWith(slashed)) {
        String to = packageOf(plain);
        if (!to.equals(from)) {
          targets.add(to);
        }
      }
    }
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  private static Path location(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tarjan's strongly connected components. */
  private static final class Tarjan {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> out = new ArrayList<>();
    private int next;

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    List<List<String>> components() {
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
      return out;
    }

    private void visit(String v) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> component = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        component.sort(String::compareTo);
        out.add(component);
      }
    }
  }
}
