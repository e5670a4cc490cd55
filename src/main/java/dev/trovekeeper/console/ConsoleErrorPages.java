package dev.trovekeeper.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Console errors as pages (never problem+json): sign-in redirects and error pages. */
class ConsoleErrorPages {

  @Location("console/error.html")
  Template error;

  @ServerExceptionMapper
  Response signIn(SignInRequired e, HttpHeaders headers) {
    String target = ConsoleAccess.SIGN_IN + (e.expired() ? "?expired=true" : "");
    if (headers.getHeaderString("HX-Request") != null) {
      return Response.ok().header("HX-Redirect", target).build();
    }
    return Response.seeOther(java.net.URI.create(target)).build();
  }

  @ServerExceptionMapper
  Response failure(ConsoleFailure e) {
    return Response.status(e.status())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(
            error
                .data("title", e.title())
                .data("message", e.getMessage())
                .data("status", e.status())
                .render())
        .build();
  }
}
