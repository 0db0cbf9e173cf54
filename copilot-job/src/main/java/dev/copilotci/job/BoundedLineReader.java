package dev.copilotci.job;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by {@code \n}, {@code \r\n} or a lone {@code \r}) keeping at most {@code maxChars} characters of
 * each, so a log without line breaks cannot exhaust memory. Characters beyond the cap are only counted.
 */
final class BoundedLineReader {

    /** One line: the kept characters and how many more the line had. */
    record Line(String text, long droppedChars) {
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int len;
    private boolean skipLineFeed;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or {@code null} at the end; a final line break does not start an empty line. */
    Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        long dropped = 0;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return any ? new Line(sb.toString(), dropped) : null;
                }
            }
            char c = buffer[pos++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n') {
                return new Line(sb.toString(), dropped);
            }
            if (c == '\r') {
                skipLineFeed = true;
                return new Line(sb.toString(), dropped);
            }
            any = true;
            if (sb.length() < maxChars) {
                sb.append(c);
            } else {
                dropped++;
            }
        }
    }
}
