package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive of about 200 MB of JSON Lines is written and read back in a JVM with a 64 MB heap: the
 * writer and reader stream, so nothing holds the archive (or a part of it) in memory.
 */
class BoundedMemoryTest {

  private static final int MEGABYTES = 200;
  private static final String HEAP = "-Xmx64m";

  @TempDir Path temp;

  @Test
  void twoHundredMegabytesPassThroughA64MegabyteHeap() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigArchiveProbe.class.getName(),
                    temp.toString(),
                    String.valueOf(MEGABYTES)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    String[] figures =
        output.lines().filter(l -> l.startsWith("OK ")).findFirst().orElseThrow().split(" ");
    long jsonBytes = Long.parseLong(figures[2]);
    assertThat(jsonBytes).isGreaterThanOrEqualTo(MEGABYTES * 1024L * 1024);
    assertThat(Long.parseLong(figures[4])).as("parts").isGreaterThan(10);
    // the figures for the README's Benchmarks section
    System.out.printf(
        "archive of %d MB JSON Lines (%s records) -> %d MB stored in %s parts with %s: write %d ms,"
            + " read %d ms, peak heap %d MB%n",
        jsonBytes >> 20,
        figures[1],
        Long.parseLong(figures[3]) >> 20,
        figures[4],
        HEAP,
        Long.parseLong(figures[5]),
        Long.parseLong(figures[6]),
        Long.parseLong(figures[7]) >> 20);
  }
}
