package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Signs and verifies deletion-confirmation JWTs (jose4j, HS256 only). */
@ApplicationScoped
class ConfirmationTokens {

  static final String ISSUER = "trove-keeper";
  static final String AUDIENCE = "trove-keeper-deletion";

  private final HmacKey key;
  private final Clock clock;

  ConfirmationTokens(AuthConfig config, Clock clock) {
    this.key = new HmacKey(keyBytes(config.confirmation()));
    this.clock = clock;
  }

  String sign(ConfirmationClaims claims) {
    JwtClaims jwt = new JwtClaims();
    jwt.setIssuer(ISSUER);
    jwt.setAudience(AUDIENCE);
    jwt.setSubject(claims.requester());
    jwt.setJwtId(claims.nonce());
    jwt.setIssuedAt(NumericDate.fromMilliseconds(clock.millis()));
    jwt.setExpirationTime(NumericDate.fromMilliseconds(claims.expiresAt().toEpochMilli()));
    jwt.setClaim("project_id", claims.projectId());
    jwt.setClaim("artifact_ids", claims.artifactIds());
    if (claims.datasetId() != null) {
      jwt.setClaim("dataset_id", claims.datasetId());
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(jwt.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setKey(key);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign a confirmation token", e);
    }
  }

  /** The claims of a token this service signed; refuses tampered and expired ones. */
  ConfirmationClaims verify(String token) {
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setRequireExpirationTime()
            .setRequireJwtId()
            .setRequireSubject()
            .setExpectedIssuer(ISSUER)
            .setExpectedAudience(AUDIENCE)
            .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
            .setVerificationKey(key)
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
            .build();
    try {
      JwtClaims claims = consumer.processToClaims(token);
      List<?> raw = claims.getClaimValue("artifact_ids", List.class);
      List<String> ids = raw.stream().map(String::valueOf).toList();
      return new ConfirmationClaims(
          claims.getJwtId(),
          claims.getStringClaimValue("project_id"),
          ids,
          claims.getSubject(),
          Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis()),
          claims.getStringClaimValue("dataset_id"));
    } catch (InvalidJwtException e) {
      if (e.hasExpired()) {
        throw new KeeperException(ErrorCode.CONFIRMATION_EXPIRED, "the link has expired");
      }
      throw invalid();
    } catch (MalformedClaimException | RuntimeException e) {
      throw invalid();
    }
  }

  static KeeperException invalid() {
    return new KeeperException(
        ErrorCode.CONFIRMATION_INVALID, "the link is not a valid confirmation of this service");
  }

  private static byte[] keyBytes(AuthConfig.Confirmation config) {
    if (config.signingKey().isPresent()) {
      byte[] bytes = config.signingKey().get().reveal().getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) {
        throw new IllegalStateException(
            "keeper.auth.confirmation.signing-key must be at least 32 characters");
      }
      return bytes;
    }
    Log.warn(
        "keeper.auth.confirmation.signing-key is not set: deletion links are signed with a key"
            + " generated at start; they stop working after a restart and on other replicas"
            + " (not for production)");
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
