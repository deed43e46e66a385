package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigilExceptionTest {
  @Test
  void anIdGivesTheCategoryAndLeadsThePrintedMessage() {
    VigilException e = ApiErrors.solutionNotADirectory(Path.of("nowhere"));
    assertThat(e.errorId()).isEqualTo("VGL-API-001");
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("Cannot load solution: nowhere is not a directory");
    assertThat(e.idAndMessage()).isEqualTo("VGL-API-001: Cannot load solution: nowhere is not a directory");
  }

  @Test
  void aWrapperKeepsTheIdAndCategoryOfItsCause() {
    VigilException cause = ApiErrors.metadataUnreadable(String.class, List.of("a.yaml:1: bad"));
    VigilException wrapped = new VigilException("Cannot open bundle b.jar: " + cause.getMessage(), cause);
    assertThat(wrapped.errorId()).isEqualTo("VGL-API-002");
    assertThat(wrapped.code()).isEqualTo(ErrorCode.INVALID_METADATA);
    assertThat(wrapped.getCause()).isSameAs(cause);
    assertThat(cause.getMessage()).isEqualTo("Cannot read String:\n- a.yaml:1: bad");
  }

  @Test
  void anErrorFromSolutionCodeHasACategoryButNoId() {
    VigilException e = new VigilException(ErrorCode.CONFLICT, "Cannot score account a1: it is locked");
    assertThat(e.errorId()).isNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.idAndMessage()).isEqualTo("Cannot score account a1: it is locked");
  }
}
