package io.vigil.runtime.monitoring;

import java.util.Arrays;
import java.util.Locale;

/** The three monitoring reports, by the folder they are stored under. */
public enum ReportKind {
  DATA_UPLOAD("data_upload", "Data upload"),
  ALERT_VOLUME("alert_volume", "Alert volume"),
  MODEL_UPDATE("model_update", "Model update");

  private final String key;
  private final String title;

  ReportKind(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The folder name under {@code reports/} and the notification's event. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  /** The kind named by its key ({@code data_upload}) or its constant ({@code DATA_UPLOAD}); null when none. */
  public static ReportKind of(String name) {
    String wanted = name.toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(k -> k.key.equals(wanted)).findFirst().orElse(null);
  }
}
