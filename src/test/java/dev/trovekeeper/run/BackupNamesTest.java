package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupNamesTest {

  @Test
  void eachAttemptHasItsOwnName() {
    assertThat(BackupNames.of(100, 1)).isEqualTo("tk-100");
    assertThat(BackupNames.of(100, 4)).isEqualTo("tk-100-4");
  }

  @Test
  void aRunRecognisesEveryNameItPostedAndNoOther() {
    assertThat(BackupNames.ofRun(100, "tk-100")).isTrue();
    assertThat(BackupNames.ofRun(100, "tk-100-3")).isTrue();
    assertThat(BackupNames.ofRun(100, "tk-1000")).isFalse();
    assertThat(BackupNames.ofRun(100, "tk-10")).isFalse();
    assertThat(BackupNames.ofRun(10, "tk-100")).isFalse();
    assertThat(BackupNames.ofRun(100, "tk-100-x")).isFalse();
    assertThat(BackupNames.ofRun(100, "nightly tk-100")).isFalse();
    assertThat(BackupNames.ofRun(100, null)).isFalse();
  }

  @Test
  void failedBackupsAreNeverAdopted() {
    assertThat(BackupNames.ended("FAILED")).isTrue();
    assertThat(BackupNames.ended("BUILDING")).isFalse();
    assertThat(BackupNames.ended("COMPLETED")).isFalse();
  }
}
