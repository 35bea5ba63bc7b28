package io.partita.app.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
    @Test
    void linesEndAsBufferedReaderEndsThem() throws IOException {
        assertThat(lines("a\nb\r\nc\rd", 100)).containsExactly("a", "b", "c", "d");
        assertThat(lines("a\n\nb\n", 100)).containsExactly("a", "", "b");
        assertThat(lines("", 100)).isEmpty();
        assertThat(lines("\r\n", 100)).containsExactly("");
    }

    @Test
    void linesLongerThanTheBufferComeWhole() throws IOException {
        String longLine = "x".repeat(20_000);
        assertThat(lines(longLine + "\r\n" + longLine, 20_000)).containsExactly(longLine, longLine);
    }

    @Test
    void aLineOverTheLimitIsRefusedBeforeItIsReadWhole() throws IOException {
        try (BoundedLines in = new BoundedLines(new StringReader("short\n" + "y".repeat(50_000) + "\nafter"), 30_000)) {
            assertThat(in.next()).isEqualTo("short");
            assertThatThrownBy(in::next)
                    .isInstanceOf(BoundedLines.LineTooLongException.class)
                    .hasMessage("longer than 30000 characters");
        }
    }

    private static List<String> lines(String text, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BoundedLines in = new BoundedLines(new StringReader(text), limit)) {
            for (String line; (line = in.next()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }
}
