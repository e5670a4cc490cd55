package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

  private static final byte[] TOKEN = "api-key-7f3c9a".getBytes(StandardCharsets.UTF_8);
  private static final String DATASET = "project-a/dataset-1";

  private final Secret first = randomKey();
  private final Secret second = randomKey();

  @Test
  void decryptsWhatItEncryptedAndNeverStoresTheClearValue() {
    CredentialCipher cipher = new CredentialCipher(Optional.of(first), List.of());

    byte[] stored = cipher.encrypt(TOKEN, DATASET);

    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("api-key");
    assertThat(cipher.decrypt(stored, DATASET)).isEqualTo(TOKEN);
    assertThat(cipher.encrypt(TOKEN, DATASET)).as("a fresh nonce each time").isNotEqualTo(stored);
  }

  @Test
  void aValueCopiedIntoAnotherDatasetsRowDoesNotDecrypt() {
    CredentialCipher cipher = new CredentialCipher(Optional.of(first), List.of());
    byte[] stored = cipher.encrypt(TOKEN, DATASET);

    assertThatThrownBy(() -> cipher.decrypt(stored, "project-b/dataset-1"))
        .isInstanceOf(CredentialsUnreadableException.class)
        .hasMessageContaining("another dataset");
  }

  @Test
  void aChangedByteIsDetected() {
    CredentialCipher cipher = new CredentialCipher(Optional.of(first), List.of());
    byte[] stored = cipher.encrypt(TOKEN, DATASET);
    stored[stored.length - 3] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(stored, DATASET))
        .isInstanceOf(CredentialsUnreadableException.class);
  }

  @Test
  void afterARotationOldValuesStillDecryptAndNewOnesUseTheNewKey() {
    byte[] old = new CredentialCipher(Optional.of(first), List.of()).encrypt(TOKEN, DATASET);
    CredentialCipher rotated = new CredentialCipher(Optional.of(second), List.of(first));

    assertThat(rotated.decrypt(old, DATASET)).isEqualTo(TOKEN);
    byte[] fresh = rotated.encrypt(TOKEN, DATASET);
    assertThatThrownBy(
            () -> new CredentialCipher(Optional.of(first), List.of()).decrypt(fresh, DATASET))
        .isInstanceOf(CredentialsUnreadableException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void withoutAKeyNothingIsStored() {
    CredentialCipher cipher = new CredentialCipher(Optional.empty(), List.of());

    assertThat(cipher.canEncrypt()).isFalse();
    assertThatThrownBy(() -> cipher.encrypt(TOKEN, DATASET))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keeper.dataset.credentials-key");
  }

  @Test
  void keysThatAreNot32Base64BytesAreRefusedByName() {
    assertThatThrownBy(() -> new CredentialCipher(Optional.of(Secret.of("c2hvcnQ=")), List.of()))
        .hasMessageContaining("keeper.dataset.credentials-key")
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new CredentialCipher(Optional.empty(), List.of(Secret.of("%%%"))))
        .hasMessageContaining("keeper.dataset.previous-credentials-keys")
        .hasMessageContaining("base64");
  }

  @Test
  void garbageIsUnreadableNotACrash() {
    CredentialCipher cipher = new CredentialCipher(Optional.of(first), List.of());

    assertThatThrownBy(() -> cipher.decrypt(new byte[] {1, 2, 3}, DATASET))
        .isInstanceOf(CredentialsUnreadableException.class);
  }

  private static Secret randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Secret.of(Base64.getEncoder().encodeToString(key));
  }
}
