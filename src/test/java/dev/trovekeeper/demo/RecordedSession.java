package dev.trovekeeper.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** api-session.txt parsed into its {@code ###} sections: request, answer and poll lines. */
final class RecordedSession {

  static final Path FILE = Path.of("src/test/resources/trove-wire/api-session.txt");

  private static final Pattern CURL =
      Pattern.compile("^\\$ curl (?:-X (\\w+) )?(\\S+)(?: -d (.*))?$");
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) .*$");
  private static final Pattern POLL =
      Pattern.compile(
          "^  (backup \\S+ -> \\w+|[A-Z]+ / [A-Z]*|SHUTDOWN|instance gone \\(404\\))\\s*$");

  /** One {@code ###} section; method is null for sections without a curl line. */
  static final class Section {
    final String title;
    String method;
    String path;
    String body;
    int status;
    final List<String> answer = new ArrayList<>();
    final List<String> polls = new ArrayList<>();

    Section(String title) {
      this.title = title;
    }

    String answerText() {
      return String.join("\n", answer).trim();
    }
  }

  static List<Section> parse() throws IOException {
    var sections = new ArrayList<Section>();
    Section current = null;
    boolean inAnswer = false;
    for (var line : Files.readAllLines(FILE)) {
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
      } else if (status.matches()) {
        current.status = Integer.parseInt(status.group(1));
        inAnswer = true;
      } else if (poll.matches()) {
        current.polls.add(poll.group(1).trim());
        inAnswer = false;
      } else if (inAnswer) {
        current.answer.add(line);
      } else {
        throw new IllegalStateException("unparsed line in " + current.title + ": " + line);
      }
    }
    return sections;
  }

  /** The number of {@code ###} lines, counted independently of the parser. */
  static long sectionCount() throws IOException {
    return Files.readAllLines(FILE).stream().filter(l -> l.startsWith("### ")).count();
  }
}
