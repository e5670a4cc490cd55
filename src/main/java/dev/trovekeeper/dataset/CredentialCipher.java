package dev.trovekeeper.dataset;

import dev.trovekeeper.config.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts dataset credentials with AES-256-GCM (the JDK's implementation). A stored value is
 * {@code version(1) | key fingerprint(8) | nonce(12) | ciphertext+tag}; the fingerprint (the first
 * 8 bytes of the key's SHA-256) selects the key, so keys can be rotated while older values stay
 * readable. The dataset's identity (project and dataset id) is bound as associated data: a value
 * copied into another dataset's row does not decrypt.
 */
@ApplicationScoped
public class CredentialCipher {

  private static final byte VERSION = 1;
  private static final int FINGERPRINT = 8;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final byte[] current;

  @Inject
  CredentialCipher(CredentialsConfig config) {
    this(config.credentialsKey(), config.previousCredentialsKeys().orElse(List.of()));
  }

  CredentialCipher(Optional<Secret> currentKey, List<Secret> previousKeys) {
    this.current = currentKey.map(k -> add(k, "keeper.dataset.credentials-key")).orElse(null);
    previousKeys.forEach(k -> add(k, "keeper.dataset.previous-credentials-keys"));
  }

  /** Whether credentials can be stored now (a current key is configured). */
  public boolean canEncrypt() {
    return current != null;
  }

  /**
   * Encrypts {@code plain} for the dataset named by {@code binding} (its project and id).
   *
   * @throws IllegalStateException when no current key is configured
   */
  public byte[] encrypt(byte[] plain, String binding) {
    if (current == null) {
      throw new IllegalStateException(
          "no keeper.dataset.credentials-key configured: credentials cannot be stored");
    }
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(hex(current)), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + FINGERPRINT + NONCE + sealed.length)
          .put(VERSION)
          .put(current)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts a value {@link #encrypt} stored for the same {@code binding}.
   *
   * @throws CredentialsUnreadableException when the key is not configured (any more), or the value
   *     was changed or belongs to another dataset
   */
  public byte[] decrypt(byte[] stored, String binding) {
    if (stored.length < 1 + FINGERPRINT + NONCE + TAG_BITS / 8 || stored[0] != VERSION) {
      throw new CredentialsUnreadableException("not a stored credential of a known version");
    }
    byte[] fingerprint = Arrays.copyOfRange(stored, 1, 1 + FINGERPRINT);
    SecretKeySpec key = keys.get(hex(fingerprint));
    if (key == null) {
      throw new CredentialsUnreadableException(
          "stored with key " + hex(fingerprint) + ", which is not configured");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1 + FINGERPRINT, NONCE));
      cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      int from = 1 + FINGERPRINT + NONCE;
      return cipher.doFinal(stored, from, stored.length - from);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CredentialsUnreadableException("changed, or stored for another dataset");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The fingerprint of the current key (for logs and the operator), or empty without one. */
  public Optional<String> currentKeyFingerprint() {
    return Optional.ofNullable(current).map(CredentialCipher::hex);
  }

  private byte[] add(Secret key, String property) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(key.reveal().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + " must be base64 (openssl rand -base64 32)");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          property + " must be 32 bytes (base64 of 32 random bytes), not " + raw.length);
    }
    byte[] fingerprint = Arrays.copyOf(sha256(raw), FINGERPRINT);
    keys.putIfAbsent(hex(fingerprint), new SecretKeySpec(raw, "AES"));
    return fingerprint;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
