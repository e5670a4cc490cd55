package dev.trovekeeper.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackupStateTest {

  @ParameterizedTest
  @CsvSource({
    "NEW, RUNNING",
    "BUILDING, RUNNING",
    "SAVING, RUNNING",
    "COMPLETED, COMPLETED",
    "RESTORED, COMPLETED",
    "FAILED, FAILED",
    "DELETE_FAILED, DELETE_FAILED",
    "completed, COMPLETED"
  })
  void mapsEveryTroveStatus(String trove, BackupState expected) {
    assertThat(BackupState.fromTrove(trove)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "ACTIVE", "DELETED"})
  void rejectsUnknownStatuses(String trove) {
    assertThatThrownBy(() -> BackupState.fromTrove(trove))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " "})
  void aBackupNeedsAnId(String id) {
    assertThatThrownBy(() -> new BackupRecord(id, null, Instant.EPOCH, BackupState.COMPLETED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
