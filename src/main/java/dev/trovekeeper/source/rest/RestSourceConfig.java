package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.trovekeeper.ratelimit.RateLimit;
import java.net.URI;
import java.util.List;

/**
 * A validated REST source (read with {@link RestSourceConfigReader}). Holds no secrets: those are
 * {@link RestCredentials}.
 *
 * @param baseUrl absolute http(s) URL the entity paths are appended to
 * @param auth how requests authenticate
 * @param rateLimit the source's limit, shared by every replica
 * @param concurrency pages fetched at once when the total is known
 * @param entities the entities, read in this order
 * @param mediaUploadPath where a restore uploads media, below the base URL ({@code PUT
 *     <path>/<sha256>}); null when the source takes no media uploads
 */
public record RestSourceConfig(
    URI baseUrl,
    Auth auth,
    RateLimit rateLimit,
    int concurrency,
    List<Entity> entities,
    String mediaUploadPath) {

  /** How requests authenticate. */
  public enum AuthType {
    NONE,
    API_KEY,
    BEARER,
    OAUTH2_CLIENT_CREDENTIALS
  }

  /**
   * @param type the kind
   * @param header the API key's header (API_KEY)
   * @param tokenUrl the token endpoint (OAUTH2_CLIENT_CREDENTIALS)
   * @param scope the scope asked for, or null
   */
  public record Auth(AuthType type, String header, URI tokenUrl, String scope) {}

  /** How pages are asked for. */
  public enum PagingType {
    PAGE,
    OFFSET,
    CURSOR,
    LINK
  }

  /**
   * @param type the kind
   * @param pageParam query parameter of the page number (PAGE)
   * @param firstPage number of the first page (PAGE)
   * @param offsetParam query parameter of the offset (OFFSET)
   * @param cursorParam query parameter the cursor is sent in (CURSOR)
   * @param cursorPointer where the next cursor is in the body (CURSOR)
   * @param limitParam query parameter of the page size
   * @param limit page size
   */
  public record Paging(
      PagingType type,
      String pageParam,
      int firstPage,
      String offsetParam,
      String cursorParam,
      JsonPointer cursorPointer,
      String limitParam,
      int limit) {}

  /** Where the total count is. */
  public enum TotalType {
    NONE,
    HEADER,
    BODY
  }

  /**
   * @param type the kind
   * @param header the header (HEADER), e.g. {@code X-Total-Count}
   * @param pointer JSON pointer into the body (BODY), e.g. {@code /total}
   */
  public record Total(TotalType type, String header, JsonPointer pointer) {}

  /**
   * A reference from a field (or each element of a list) to another entity's id.
   *
   * @param field e.g. {@code customer_id}, {@code line_items[].product_id}, {@code product_ids[]}
   * @param entity the referenced entity's name
   */
  public record EntityReference(FieldPath field, String entity) {}

  /**
   * @param name the entity's name (archive entity), e.g. {@code products}
   * @param path path below the base URL, e.g. {@code /products} (may carry a fixed query)
   * @param items JSON pointer to the items array in a page ({@code ""}: the body is the array)
   * @param id the id field
   * @param updatedAt the last-change field, or null
   * @param media field paths holding media URLs
   * @param references references to other entities
   * @param paging how pages are asked for
   * @param total where the total count is
   */
  public record Entity(
      String name,
      String path,
      JsonPointer items,
      FieldPath id,
      FieldPath updatedAt,
      List<FieldPath> media,
      List<EntityReference> references,
      Paging paging,
      Total total) {}
}
