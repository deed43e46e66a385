package io.vigil.runtime.connector;

import io.vigil.api.connector.Connector;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one upload reads. For PUBLIC uploads these are the files archived by an earlier attempt
 * for the same execution date plus the files now in the landing folder (a landing file replaces an
 * archived one of the same name), so that a rerun sees the same input. Control files mark files
 * consumed instead of moving them.
 *
 * @param files the files, in key order
 * @param landing the landing prefix read
 * @param archivePrefix where consumed files go for this execution date
 * @param stamp the execution date as {@code YYYY_MM_DD_HH_MM_SS}
 * @param consume whether files are archived or marked after the upload (PUBLIC only)
 */
record Inputs(List<ObjectInfo> files, String landing, String archivePrefix, String stamp, boolean consume) {
  static Inputs find(ObjectStore objects, String bucket, Layout layout, Connector connector, LocalDateTime date,
      String stamp, boolean consume, UploadOptions options) {
    String landing = layout.landingPrefix(connector.landingFolder()) + (options.uploadByExecutionDate() ? stamp + "/" : "");
    String archive = layout.archivePrefix(connector.identifier()) + String.format("%04d/%02d/%02d/%s/",
        date.getYear(), date.getMonthValue(), date.getDayOfMonth(), stamp);
    Map<String, ObjectInfo> byName = new LinkedHashMap<>();
    if (consume && !options.useControlFiles()) {
      for (ObjectInfo o : objects.list(bucket, archive)) {
        if (!o.isFolderMarker()) {
          byName.put(o.fileName(), o);
        }
      }
    }
    List<ObjectInfo> landed = objects.list(bucket, landing);
    Map<String, String> controls = new LinkedHashMap<>();
    for (ObjectInfo o : landed) {
      if (o.key().endsWith(Uploader.CONTROL_SUFFIX)) {
        controls.put(o.key().substring(0, o.key().length() - Uploader.CONTROL_SUFFIX.length()), o.key());
      }
    }
    for (ObjectInfo o : landed) {
      String rest = o.key().substring(landing.length());
      if (o.isFolderMarker() || rest.contains("/") || o.key().endsWith(Uploader.CONTROL_SUFFIX)) {
        continue;
      }
      String control = controls.get(o.key());
      if (control != null && options.useControlFiles()) {
        String consumedAt = new String(objects.read(bucket, control), StandardCharsets.UTF_8).strip();
        if (!consumedAt.equals(stamp)) {
          continue; // consumed by another execution date
        }
      }
      byName.put(o.fileName(), o);
    }
    List<ObjectInfo> files = new ArrayList<>(byName.values());
    files.sort((a, b) -> a.fileName().compareTo(b.fileName()));
    return new Inputs(files, landing, archive, stamp, consume);
  }

  /**
   * The name the rows of {@code file} carry in {@code tr_source_file}: where it landed, also when a
   * rerun reads it back from the archive, so that a rerun writes identical rows.
   */
  String source(ObjectInfo file) {
    return file.key().startsWith(archivePrefix) ? landing + file.fileName() : file.key();
  }

  /** Moves a consumed landing file to the archive, or marks it with a control file; returns where it is now. */
  String archive(ObjectStore objects, String bucket, ObjectInfo file, boolean useControlFiles) {
    if (file.key().startsWith(archivePrefix)) {
      return file.key();
    }
    if (useControlFiles) {
      objects.put(bucket, file.key() + Uploader.CONTROL_SUFFIX, stamp.getBytes(StandardCharsets.UTF_8));
      return null;
    }
    String to = archivePrefix + file.fileName();
    objects.move(bucket, file.key(), to);
    return to;
  }
}
