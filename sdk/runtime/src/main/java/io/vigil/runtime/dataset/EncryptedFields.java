package io.vigil.runtime.dataset;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.FieldEncryption;
import io.vigil.runtime.crypto.FieldCipher;
import java.util.List;

/** Which fields of a dataset are stored encrypted, and which reads of them are audited. */
final class EncryptedFields {
  private EncryptedFields() {}

  static List<String> names(DataSet ds) {
    return ds.fieldList().stream().filter(Field::encrypted).map(Field::identifier).toList();
  }

  static List<FieldCipher.Target> targets(DataSet ds) {
    return ds.fieldList().stream().filter(Field::encrypted)
        .map(f -> new FieldCipher.Target(f.identifier(), f.encryption() == FieldEncryption.DETERMINISTIC)).toList();
  }

  /** The rejected-rows record holds the row as it arrived, so it is encrypted whole when any field is. */
  static List<FieldCipher.Target> rejectedTargets(DataSet ds) {
    return names(ds).isEmpty() ? List.of() : List.of(new FieldCipher.Target(Internal.RAW, false));
  }

  static List<String> audited(DataSet ds) {
    return ds.fieldList().stream().filter(f -> f.encrypted() && f.audited()).map(Field::identifier).toList();
  }
}
