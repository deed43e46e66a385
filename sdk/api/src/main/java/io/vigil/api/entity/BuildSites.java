package io.vigil.api.entity;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Remembers where in a solution's Java sources each metadata object was built, so that problems
 * found later point at the line of the {@code build()} call. Recording is active only while a
 * loader runs a provider; otherwise {@link #mark} costs one thread-local read.
 */
public final class BuildSites {
  private static final ThreadLocal<Map<Object, StackTraceElement>> ACTIVE = new ThreadLocal<>();

  private BuildSites() {}

  /** Records the caller of {@code build()} for {@code built} when recording is active, and returns it. */
  public static <T> T mark(T built) {
    Map<Object, StackTraceElement> sites = ACTIVE.get();
    if (sites != null) {
      StackTraceElement site = callerOutsideSdk();
      if (site != null) {
        sites.put(built, site);
      }
    }
    return built;
  }

  /** Starts recording on this thread; the returned map fills as objects are built. */
  public static Map<Object, StackTraceElement> start() {
    Map<Object, StackTraceElement> sites = new IdentityHashMap<>();
    ACTIVE.set(sites);
    return sites;
  }

  public static void stop() {
    ACTIVE.remove();
  }

  private static StackTraceElement callerOutsideSdk() {
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      String cls = frame.getClassName();
      if (!cls.startsWith("io.vigil.api.") && !cls.startsWith("java.") && !cls.startsWith("jdk.")) {
        return frame;
      }
    }
    return null;
  }
}
