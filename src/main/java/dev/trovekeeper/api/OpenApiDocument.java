package dev.trovekeeper.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document with what annotations cannot say once for all: how to
 * authenticate (so Swagger UI can send a token) and the problem answers every {@code /v1} operation
 * may give. Registered with {@code mp.openapi.filter}.
 */
public class OpenApiDocument implements OASFilter {

  static final String KEYSTONE = "keystone";
  static final String CONSOLE_JWT = "consoleJwt";
  static final String WEBHOOK = "webhookSignature";

  /** Error statuses every {@code /v1} operation documents, with when they happen. */
  private static final Map<String, String> ALWAYS =
      Map.of(
          "400", "invalid input: the problem's errors[] names each field or parameter",
          "401", "no token, or a token Keystone or the console key does not accept",
          "403", "the caller's role does not allow this",
          "404", "nothing of that id in the caller's project (another project's looks the same)",
          "414", "the request line is longer than keeper.http.max-request-line (URI_TOO_LONG)",
          "431", "the headers are larger than keeper.http.max-header-size (HEADERS_TOO_LARGE)");

  /** Further statuses of operations that change something. */
  private static final Map<String, String> CHANGES =
      Map.of(
          "409", "conflicts with the current state (taken name, in use, started, gone)",
          "422", "well-formed but outside a bound (the project's tier, the quota)");

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(OASFactory.createComponents());
    }
    Components components = openApi.getComponents();
    components.addSecurityScheme(
        KEYSTONE,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("X-Auth-Token")
            .description("a Keystone token scoped to the caller's project"));
    components.addSecurityScheme(
        CONSOLE_JWT,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("a console token (Authorization: Bearer)"));
    components.addSecurityScheme(
        WEBHOOK,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("X-Keeper-Signature")
            .description(
                "the tenants' platform's HMAC-SHA256 signature, t=<unix seconds>,v1=<hex>"
                    + " (docs/OPERATIONS.md, \"Tenant status webhook\")"));
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/v1/")) {
                if (path.startsWith("/v1/webhooks/")) {
                  // Signed by the platform, not called with a tenant's token.
                  item.getOperations()
                      .forEach(
                          (method, op) ->
                              op.addSecurityRequirement(
                                  OASFactory.createSecurityRequirement().addScheme(WEBHOOK)));
                }
                item.getOperations().forEach((method, op) -> complete(method, op));
              }
            });
  }

  private static void complete(PathItem.HttpMethod method, Operation op) {
    if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
      SecurityRequirement keystone = OASFactory.createSecurityRequirement().addScheme(KEYSTONE);
      SecurityRequirement jwt = OASFactory.createSecurityRequirement().addScheme(CONSOLE_JWT);
      op.addSecurityRequirement(keystone).addSecurityRequirement(jwt);
    }
    ALWAYS.forEach((status, description) -> problem(op, status, description));
    if (method != PathItem.HttpMethod.GET) {
      CHANGES.forEach((status, description) -> problem(op, status, description));
    }
  }

  private static void problem(Operation op, String status, String description) {
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponse existing = op.getResponses().getAPIResponse(status);
    if (existing != null && existing.getContent() != null) {
      return;
    }
    Schema schema = OASFactory.createSchema().ref("#/components/schemas/Problem");
    MediaType media = OASFactory.createMediaType().schema(schema);
    Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
    if (existing != null) {
      existing.content(content); // generated for Bean Validation, without a body
      return;
    }
    op.getResponses().addAPIResponse(status, response);
  }
}
