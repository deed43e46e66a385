package io.vigil.sync.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.sync.errors.SyncErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An export opened for import. Its entries are untrusted: a name must be a relative path of safe
 * segments under {@code models/}, or the manifest or the bundle; sizes are counted as the bytes
 * arrive (never taken from the headers) against {@link Limits}; and every entry must match the
 * size and SHA-256 the manifest lists, with none missing and none unlisted, before anything is
 * planned. Model folders are extracted under the work directory; the bundle is kept in memory.
 *
 * @param file the zip
 * @param manifest its manifest
 * @param bundle the bundle bytes
 * @param root the work directory, holding {@code models/} as the export carries it
 */
public record ExportArchive(Path file, ExportManifest manifest, byte[] bundle, Path root) {
  /**
   * What an import accepts.
   *
   * @param maxEntries entries in the zip
   * @param maxBytes uncompressed bytes of all entries together
   */
  public record Limits(int maxEntries, long maxBytes) {
    /** Far above any solution and its models, yet below what would fill a disk or the heap by surprise. */
    public static final Limits DEFAULT = new Limits(100_000, 2L * 1024 * 1024 * 1024);
    static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
  }

  public String solution() {
    return manifest.solution();
  }

  public String commit() {
    return manifest.commit();
  }

  /** Reads and checks {@code zip}, extracting its models under {@code workDir} (an empty directory). */
  public static ExportArchive open(Path zip, Path workDir, Limits limits) {
    Path display = zip;
    Map<String, ExportManifest.FileSum> found = new HashMap<>();
    Set<String> seen = new HashSet<>();
    byte[] manifestBytes = null;
    byte[] bundle = null;
    String foreign = null;
    long total = 0;
    int count = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        count++;
        if (count > limits.maxEntries()) {
          throw SyncErrors.importTooLarge(display, limits.maxEntries() + " entries");
        }
        String name = entry.getName();
        if (entry.isDirectory()) {
          safe(display, name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
          continue;
        }
        safe(display, name);
        if (!seen.add(name)) {
          throw SyncErrors.importChecksumMismatch(display, name, "appears twice");
        }
        long budget = limits.maxBytes() - total;
        if (name.equals(ExportManifest.NAME)) {
          manifestBytes = readCapped(in, Math.min(budget, Limits.MAX_MANIFEST_BYTES), display,
              budget < Limits.MAX_MANIFEST_BYTES ? limits.maxBytes() + " uncompressed bytes" : Limits.MAX_MANIFEST_BYTES + " bytes of manifest");
          total += manifestBytes.length;
          continue;
        }
        Counted counted;
        if (name.equals(ExportManifest.BUNDLE)) {
          if (budget > Integer.MAX_VALUE - 8) {
            budget = Integer.MAX_VALUE - 8;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          counted = copyCapped(in, bytes, budget, display, limits.maxBytes() + " uncompressed bytes");
          bundle = bytes.toByteArray();
        } else if (name.startsWith("models/")) {
          Path target = workDir.resolve(name).normalize();
          if (!target.startsWith(workDir.normalize())) {
            throw SyncErrors.importEntryUnsafe(display, name);
          }
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            counted = copyCapped(in, out, budget, display, limits.maxBytes() + " uncompressed bytes");
          }
        } else {
          // Read (and counted) but never written: whether the zip is an export at all is told first.
          counted = copyCapped(in, OutputStream.nullOutputStream(), budget, display, limits.maxBytes() + " uncompressed bytes");
          if (foreign == null) {
            foreign = name;
          }
        }
        total += counted.size();
        found.put(name, new ExportManifest.FileSum(counted.size(), counted.sha256()));
      }
    } catch (ZipException e) {
      throw SyncErrors.importNotAnExport(display, "not a readable zip: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (manifestBytes == null) {
      throw SyncErrors.importNotAnExport(display, count == 0 ? "not a zip, or an empty one" : "it has no " + ExportManifest.NAME);
    }
    ExportManifest manifest = manifest(display, manifestBytes);
    if (foreign != null) {
      throw SyncErrors.importChecksumMismatch(display, foreign, "is not part of the export format (only "
          + ExportManifest.NAME + ", " + ExportManifest.BUNDLE + " and models/ are)");
    }
    for (Map.Entry<String, ExportManifest.FileSum> listed : manifest.files().entrySet()) {
      ExportManifest.FileSum actual = found.get(listed.getKey());
      if (actual == null) {
        throw SyncErrors.importChecksumMismatch(display, listed.getKey(), "is listed in the manifest but missing");
      }
      if (!actual.equals(listed.getValue())) {
        throw SyncErrors.importChecksumMismatch(display, listed.getKey(), "has SHA-256 " + actual.sha256() + " and "
            + actual.size() + " bytes, the manifest lists " + listed.getValue().sha256() + " and " + listed.getValue().size());
      }
    }
    for (String name : found.keySet().stream().sorted().toList()) {
      if (!manifest.files().containsKey(name)) {
        throw SyncErrors.importChecksumMismatch(display, name, "is not listed in the manifest");
      }
    }
    if (bundle == null) {
      throw SyncErrors.importChecksumMismatch(display, ExportManifest.BUNDLE, "is missing");
    }
    return new ExportArchive(zip, manifest, bundle, workDir);
  }

  private static ExportManifest manifest(Path file, byte[] bytes) {
    JsonNode root;
    try {
      root = ExportManifest.json().readTree(bytes);
    } catch (IOException e) {
      throw SyncErrors.importNotAnExport(file, ExportManifest.NAME + " is not JSON");
    }
    ExportManifest manifest = ExportManifest.parse(root);
    if (manifest == null) {
      throw SyncErrors.importNotAnExport(file, ExportManifest.NAME + " does not say kind " + ExportManifest.KIND);
    }
    if (manifest.format() > ExportManifest.FORMAT) {
      throw SyncErrors.importFormatNewer(file, manifest.format(), ExportManifest.FORMAT);
    }
    if (manifest.format() < 1 || manifest.solution().isEmpty() || manifest.commit().isEmpty()) {
      throw SyncErrors.importNotAnExport(file, ExportManifest.NAME + " lacks its format, solution or commit");
    }
    return manifest;
  }

  /**
   * Refuses what could land outside the work directory or mean something else on another system:
   * absolute paths, drive letters, backslashes, and empty, {@code .} or {@code ..} segments.
   */
  static void safe(Path file, String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
      throw SyncErrors.importEntryUnsafe(file, name);
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw SyncErrors.importEntryUnsafe(file, name);
      }
    }
  }

  private record Counted(long size, String sha256) {}

  private static byte[] readCapped(InputStream in, long cap, Path file, String limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copyCapped(in, out, cap, file, limit);
    return out.toByteArray();
  }

  private static Counted copyCapped(InputStream in, OutputStream out, long cap, Path file, String limit) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      size += n;
      if (size > cap) {
        throw SyncErrors.importTooLarge(file, limit);
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    return new Counted(size, HexFormat.of().formatHex(digest.digest()));
  }

  /** Deletes the work directory; a leftover is harmless, so failures are ignored. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}
