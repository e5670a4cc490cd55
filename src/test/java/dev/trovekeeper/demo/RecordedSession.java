package dev.trovekeeper.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A recorded session (api-session.txt, api-session-2.txt) parsed into its {@code ###} sections:
 * request (with the recorded caller, if named), answer and poll lines.
 */
final class RecordedSession {

  static final Path FIRST = Path.of("src/test/resources/trove-wire/api-session.txt");
  static final Path SECOND = Path.of("src/test/resources/trove-wire/api-session-2.txt");

  private static final Pattern CURL =
      Pattern.compile(
          "^\\$ curl (?:-X (\\w+) )?(\\S+)(?: -d (.*?))?(?:\\s+\\(X-Auth-Token: (\\w+)\\))?$");
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) .*$");
  private static final Pattern POLL = Pattern.compile("^  (\\S.*?)\\s*$");

  /** One {@code ###} section; method is null for sections without a curl line. */
  static final class Section {
    final String title;
    String method;
    String path;
    String body;
    String tokenOf;
    int status;
    final List<String> answer = new ArrayList<>();
    final List<String> polls = new ArrayList<>();

    Section(String title) {
      this.title = title;
    }

    String answerText() {
      var text = String.join("\n", answer).trim();
      return text.equals("(empty body)") ? "" : text;
    }
  }

  static List<Section> parse(Path file) throws IOException {
    var sections = new ArrayList<Section>();
    Section current = null;
    boolean inAnswer = false;
    for (var line : Files.readAllLines(file)) {
      var curl = CURL.matcher(line);
      var status = STATUS.matcher(line);
      var poll = POLL.matcher(line);
      if (line.startsWith("### ")) {
        current = new Section(line.substring(4));
        sections.add(current);
        inAnswer = false;
      } else if (current == null || line.isBlank()) {
        inAnswer = false;
      } else if (curl.matches()) {
        current.method = curl.group(1) == null ? "GET" : curl.group(1);
        current.path = curl.group(2);
        current.body = curl.group(3);
        current.tokenOf = curl.group(4);
      } else if (status.matches()) {
        current.status = Integer.parseInt(status.group(1));
        inAnswer = true;
      } else if (inAnswer) {
        current.answer.add(line);
      } else if (poll.matches()) {
        current.polls.add(poll.group(1));
      } else {
        throw new IllegalStateException("unparsed line in " + current.title + ": " + line);
      }
    }
    return sections;
  }

  /** The number of {@code ###} lines, counted independently of the parser. */
  static long sectionCount(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> l.startsWith("### ")).count();
  }
}
