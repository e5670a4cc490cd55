package dev.trovekeeper.auth;

import java.util.stream.Collectors;

/**
 * The two small HTML pages of a mailed confirmation link: the review (with the button that posts
 * the token) and the answer after confirming. Every value is escaped.
 */
final class ConfirmationPages {

  private ConfirmationPages() {}

  static String review(DeletionReview review, String token) {
    if (review.dataset() != null) {
      DatasetDeleter.Described d = review.dataset();
      return page(
          "Confirm deleting a dataset",
          "<p>"
              + escape(review.requester())
              + " asks to delete the dataset <b>"
              + escape(d.name())
              + "</b> ("
              + escape(d.id())
              + ", "
              + escape(d.sourceKind())
              + " source) of project <b>"
              + escape(review.projectId())
              + "</b>. Its scheduled backups stop; its "
              + d.backups()
              + " backup(s) are kept and age out under the retention rules for deleted"
              + " targets.</p>\n"
              + form("Delete the dataset", review, token));
    }
    String rows =
        review.backups().stream()
            .map(
                b ->
                    "<li>backup "
                        + b.id()
                        + " (Trove backup "
                        + escape(b.troveBackupId())
                        + ", "
                        + escape(String.valueOf(b.type()))
                        + ", made "
                        + escape(String.valueOf(b.createdAt()))
                        + ")</li>")
            .collect(Collectors.joining("\n"));
    return page(
        "Confirm deleting backups",
        "<p>"
            + escape(review.requester())
            + " asks to delete these backups of project <b>"
            + escape(review.projectId())
            + "</b>:</p>\n<ul>\n"
            + rows
            + "\n</ul>\n"
            + form("Delete " + review.backups().size() + " backup(s)", review, token));
  }

  private static String form(String button, DeletionReview review, String token) {
    return "<p>Nothing is deleted until you press the button (the link is valid until "
        + escape(String.valueOf(review.expiresAt()))
        + ").</p>\n<form method=\"post\" action=\"confirm\">"
        + "<input type=\"hidden\" name=\"token\" value=\""
        + escape(token)
        + "\"><button type=\"submit\">"
        + escape(button)
        + "</button></form>";
  }

  static String confirmed(DeletionConfirmed confirmed) {
    if (confirmed.datasetId() != null) {
      return page(
          "Deletion confirmed",
          "<p>The dataset "
              + escape(confirmed.datasetId())
              + " of project <b>"
              + escape(confirmed.projectId())
              + "</b> is deleted; its backups age out under the retention rules.</p>");
    }
    return page(
        "Deletion confirmed",
        "<p>The backups "
            + escape(confirmed.artifactIds().toString())
            + " of project <b>"
            + escape(confirmed.projectId())
            + "</b> are being deleted.</p>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head>\n<body><h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "\n</body></html>\n";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
