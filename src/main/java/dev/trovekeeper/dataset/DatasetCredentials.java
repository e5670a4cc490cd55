package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * Seals a dataset's credentials (the API's {@code credentials} object, as JSON) with {@link
 * CredentialCipher}, bound to {@code dataset:<target id>} so that a value copied to another row
 * does not decrypt. The executor opens them with {@link #open}.
 */
@ApplicationScoped
public class DatasetCredentials {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CredentialCipher cipher;

  DatasetCredentials(CredentialCipher cipher) {
    this.cipher = cipher;
  }

  /** The associated data every stored credential of this target is bound to. */
  public static String binding(long targetId) {
    return "dataset:" + targetId;
  }

  /** 503 {@code CREDENTIALS_KEY_MISSING} when credentials cannot be stored now. */
  void requireKey() {
    if (!cipher.canEncrypt()) {
      throw new KeeperException(
          ErrorCode.CREDENTIALS_KEY_MISSING,
          "no credentials key is configured (KEEPER_DATASET_CREDENTIALS_KEY): ask your cloud"
              + " operator; datasets with credentials cannot be registered or changed until then");
    }
  }

  /** The sealed credentials, or null for none. */
  byte[] seal(JsonNode credentials, long targetId) {
    if (credentials == null || credentials.isNull()) {
      return null;
    }
    requireKey();
    try {
      return cipher.encrypt(JSON.writeValueAsBytes(credentials), binding(targetId));
    } catch (IOException e) {
      throw new IllegalStateException("credentials cannot be serialised", e);
    }
  }

  /**
   * The credentials stored for the dataset, as the API took them; empty when it has none.
   *
   * @throws CredentialsUnreadableException when they cannot be decrypted with the configured keys
   */
  public Optional<JsonNode> open(Dataset dataset) {
    if (dataset.credentialsEnc == null) {
      return Optional.empty();
    }
    byte[] plain = cipher.decrypt(dataset.credentialsEnc, binding(dataset.targetId));
    try {
      return Optional.of(JSON.readTree(plain));
    } catch (IOException e) {
      // never the content: the credentials must not reach a log
      throw new CredentialsUnreadableException("not JSON");
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }
}
