package dev.copilotci.job;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A build log produced on the fly, so tests can feed many megabytes without holding them in memory. Every 1000th
 * line is a distinct error followed by a short stack trace; some lines carry ANSI colours, console notes and bytes
 * that are not valid UTF-8. The last line is {@code "Finished: FAILURE"}.
 */
final class GeneratedLog extends InputStream {

    private final long targetBytes;
    private long produced;
    private long lineNumber;
    private byte[] current = new byte[0];
    private int pos;
    private boolean finished;

    GeneratedLog(long targetBytes) {
        this.targetBytes = targetBytes;
    }

    /** Number of lines this log has once fully read. */
    long linesProduced() {
        return lineNumber;
    }

    @Override
    public int read() {
        if (pos == current.length && !advance()) {
            return -1;
        }
        return current[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos == current.length && !advance()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean advance() {
        if (finished) {
            return false;
        }
        lineNumber++;
        String line;
        if (produced >= targetBytes) {
            line = "Finished: FAILURE\n";
            finished = true;
        } else if (lineNumber % 1000 == 0) {
            line = "[ERROR] Failure number " + lineNumber + " in module m" + (lineNumber / 1000) + "\n";
        } else if (lineNumber % 1000 == 1 && lineNumber > 1) {
            line = "\tat com.example.Thing.method" + lineNumber + "(Thing.java:" + (lineNumber % 97) + ")\n";
        } else if (lineNumber % 10 == 0) {
            line = "\u001B[32m[INFO]\u001B[0m step " + lineNumber + " \u001B[8mha:AAAAB3NzaC1yc2E=\u001B[0mok\n";
        } else {
            line = "[INFO] Compiling source file number " + lineNumber + " of the project\n";
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (lineNumber % 333 == 0) { // a Latin-1 byte and a truncated UTF-8 sequence
            byte[] withJunk = new byte[bytes.length + 2];
            System.arraycopy(bytes, 0, withJunk, 2, bytes.length);
            withJunk[0] = (byte) 0xE9;
            withJunk[1] = (byte) 0xC3;
            bytes = withJunk;
        }
        current = bytes;
        pos = 0;
        produced += bytes.length;
        return true;
    }
}
