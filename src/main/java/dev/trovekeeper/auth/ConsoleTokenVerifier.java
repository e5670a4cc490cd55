package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies console session JWTs (RS256, issuer {@code keeper.auth.jwt.issuer}, audience {@code
 * keeper.auth.jwt.audience}, not expired) with SmallRye JWT's parser. Claims: {@code sub} the user,
 * {@code project_id}, roles in {@code groups} or {@code roles}, optionally {@code
 * preferred_username}.
 */
@ApplicationScoped
class ConsoleTokenVerifier {

  private final JWTParser parser;
  private final OperatorProject operators;

  ConsoleTokenVerifier(AuthConfig config, OperatorProject operators) {
    this.operators = operators;
    AuthConfig.Jwt jwt = config.jwt();
    JWTAuthContextInfo context =
        jwt.publicKeyLocation()
            .map(location -> new JWTAuthContextInfo(location, jwt.issuer()))
            .orElseGet(() -> new JWTAuthContextInfo(developmentKey(), jwt.issuer()));
    context.setExpGracePeriodSecs(jwt.clockSkewSeconds());
    context.setExpectedAudience(Set.of(jwt.audience()));
    this.parser = new DefaultJWTParser(context);
  }

  Caller authenticate(String token) {
    JsonWebToken jwt;
    try {
      jwt = parser.parse(token);
    } catch (ParseException e) {
      throw invalid();
    }
    String projectId = text(jwt.getClaim("project_id"));
    if (jwt.getSubject() == null || projectId == null) {
      throw invalid();
    }
    List<String> roles = new ArrayList<>(jwt.getGroups() == null ? List.of() : jwt.getGroups());
    roles.addAll(strings(jwt.getClaim("roles")));
    String name = text(jwt.getClaim("preferred_username"));
    return Caller.of(
        jwt.getSubject(),
        name == null ? jwt.getSubject() : name,
        projectId,
        roles,
        operators.is(projectId));
  }

  private static String text(Object claim) {
    if (claim instanceof JsonString string) {
      return string.getString();
    }
    return claim instanceof String string ? string : null;
  }

  private static List<String> strings(Object claim) {
    List<String> out = new ArrayList<>();
    if (claim instanceof JsonArray array) {
      array.getValuesAs(JsonString.class).forEach(s -> out.add(s.getString()));
    } else if (claim instanceof Collection<?> values) {
      values.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static KeeperException invalid() {
    return new KeeperException(
        ErrorCode.UNAUTHENTICATED, "the console token is invalid, expired or not for this service");
  }

  private static java.security.PublicKey developmentKey() {
    Log.warn(
        "keeper.auth.jwt.public-key-location is not set: console tokens are checked against a key"
            + " pair generated at start, which no console holds (not for production)");
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPublic();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }
}
