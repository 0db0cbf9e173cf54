package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogSelectorTest {

    private static final Pattern GAP = Pattern.compile("^… (\\d+) lines? omitted …$");
    /** Keeps matched lines without context lines around them. */
    private static final LogSelector NO_CONTEXT = LogSelector.builder().maxLines(30).tailLines(5).context(0, 0).build();

    private static String noise(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append("[INFO] step ").append(i).append(" ok\n");
        }
        return sb.toString();
    }

    private static List<String> lines(FailureLogExcerpt e) {
        return e.text().isEmpty() ? List.of() : List.of(e.text().split("\n", -1));
    }

    /** Every excerpt must account for all lines: selected + omitted (from the markers) = total. */
    private static void assertConsistent(FailureLogExcerpt e, LogSelector selector) {
        long omitted = 0;
        int selected = 0;
        for (String line : lines(e)) {
            Matcher m = GAP.matcher(line);
            if (m.matches()) {
                omitted += Long.parseLong(m.group(1));
            } else {
                selected++;
            }
        }
        assertEquals(e.selectedLines(), selected, "selected lines");
        assertEquals(e.totalLines(), selected + omitted, "selected + omitted");
        assertTrue(e.text().length() <= selector.maxChars(), "within char budget: " + e.text().length());
        assertTrue(e.selectedLines() <= selector.maxLines(), "within line budget: " + e.selectedLines());
        assertEquals(e.selectedLines() < e.totalLines() || e.text().contains(" more chars]"), e.truncated());
    }

    @Test
    void smallLogIsKeptWhole() {
        String log = "line one\nline two\n\nline four";
        FailureLogExcerpt e = LogSelector.defaults().select(log);
        assertEquals(log, e.text());
        assertEquals(4, e.totalLines());
        assertEquals(4, e.selectedLines());
        assertFalse(e.truncated());
        assertEquals(0, e.omittedLines());
    }

    @Test
    void emptyAndNullLogs() {
        FailureLogExcerpt empty = LogSelector.defaults().select("");
        assertEquals("", empty.text());
        assertEquals(0, empty.totalLines());
        assertTrue(empty.isEmpty());
        assertFalse(empty.truncated());
        assertEquals(0, LogSelector.defaults().select((String) null).totalLines());
        FailureLogExcerpt oneEmptyLine = LogSelector.defaults().select("\n");
        assertEquals(1, oneEmptyLine.totalLines());
        assertEquals("", oneEmptyLine.text());
    }

    @Test
    void errorWithContextPlusTailAndGapMarkers() {
        LogSelector selector = LogSelector.builder().maxLines(40).tailLines(10).context(2, 2).build();
        String log = noise(1, 499) + "[ERROR] Compilation failure: cannot find symbol\n" + noise(501, 1000);
        FailureLogExcerpt e = selector.select(log);
        List<String> out = lines(e);
        assertEquals("… 497 lines omitted …", out.get(0));
        assertEquals("[INFO] step 498 ok", out.get(1));
        assertEquals("[INFO] step 499 ok", out.get(2));
        assertEquals("[ERROR] Compilation failure: cannot find symbol", out.get(3));
        assertEquals("[INFO] step 501 ok", out.get(4));
        assertEquals("[INFO] step 502 ok", out.get(5));
        assertTrue(out.get(6).matches("… \\d+ lines omitted …"), out.get(6));
        assertEquals("[INFO] step 1000 ok", out.get(out.size() - 1));
        assertEquals(1000, e.totalLines());
        assertTrue(e.truncated());
        assertConsistent(e, selector);
    }

    @Test
    void tailUsesTheRoomErrorsLeave() {
        LogSelector selector = LogSelector.builder().maxLines(100).tailLines(10).build();
        FailureLogExcerpt e = selector.select(noise(1, 1000));
        assertEquals(100, e.selectedLines(), "no errors: the whole line budget goes to the tail");
        assertTrue(e.text().startsWith("… 900 lines omitted …\n[INFO] step 901 ok"), e.text());
        assertConsistent(e, selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin",
        "src/main/java/Foo.java:12: error: cannot find symbol",
        "main.c:3:5: error: expected ';' before 'return'",
        "src/app.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.",
        "error[E0308]: mismatched types",
        "  12:5  error  'x' is not defined  no-undef",
        "npm ERR! code ELIFECYCLE",
        "npm error code E404",
        "BUILD FAILED in 12s",
        "[INFO] BUILD FAILURE",
        "Tests run: 12, Failures: 2, Errors: 0, Skipped: 0",
        "Tests run: 12, Failures: 0, Errors: 1, Skipped: 0",
        "FAILED tests/test_api.py::test_login - AssertionError",
        "=========== 3 failed, 10 passed in 1.2s ===========",
        "  2 failing",
        "--- FAIL: TestParse (0.00s)",
        "FAIL src/widget.test.js",
        "Exception in thread \"main\" java.lang.IllegalStateException: boom",
        "java.io.UncheckedIOException: disk full",
        "TypeError: Cannot read properties of undefined (reading 'x')",
        "ValueError: invalid literal for int()",
        "Caused by: java.net.ConnectException: Connection refused",
        "Error: Process completed with exit code 2.",
        "ERROR: script returned exit code 1",
        "Command exited with status 137",
        "subprocess.CalledProcessError: Command returned non-zero exit status 1.",
        "make: *** [Makefile:12: all] Error 2",
        "panic: runtime error: index out of range [3] with length 3",
        "Segmentation fault (core dumped)",
        "fatal: repository 'https://example.com/x.git/' not found",
        "  \u2715 renders the widget (12 ms)",
        "FATAL: command execution failed",
        "Finished: FAILURE",
    })
    void recognisesErrorLines(String errorLine) {
        FailureLogExcerpt e = selectAmidNoise(errorLine);
        assertTrue(lines(e).contains(errorLine), () -> "not selected: " + errorLine + "\n" + e.text());
        assertConsistent(e, NO_CONTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[INFO] BUILD SUCCESS",
        "Tests run: 12, Failures: 0, Errors: 0, Skipped: 0",
        "===== 0 failed, 12 passed =====",
        "Process completed with exit code 0.",
        "[INFO] Running com.example.ExceptionHandlerTest",
        "no errors found, all good",
        "[INFO] -Dmaven.test.failure.ignore=false",
    })
    void ignoresHarmlessLines(String harmless) {
        assertFalse(lines(selectAmidNoise(harmless)).contains(harmless), () -> "selected: " + harmless);
    }

    /**
     * {@code line} as line 201 of 400, far from the head and the kept tail, through {@link #NO_CONTEXT}: it is in the
     * excerpt only if the selector matched it.
     */
    private static FailureLogExcerpt selectAmidNoise(String line) {
        return NO_CONTEXT.select(noise(1, 200) + line + "\n" + noise(202, 400));
    }

    @Test
    void javaStackTraceIsKeptUpToTheFrameLimitAndCausedByStartsANewOne() {
        StringBuilder log = new StringBuilder(noise(1, 100));
        log.append("java.lang.IllegalStateException: outer\n");
        for (int i = 0; i < 40; i++) {
            log.append("\tat com.example.Outer.frame").append(i).append("(Outer.java:").append(i).append(")\n");
        }
        log.append("Caused by: java.io.IOException: inner cause\n");
        for (int i = 0; i < 3; i++) {
            log.append("\tat com.example.Inner.frame").append(i).append("(Inner.java:").append(i).append(")\n");
        }
        log.append("\t... 37 more\n");
        log.append(noise(200, 600));
        String text = selectTraces(log, 80, 5).text();
        assertTrue(text.contains("java.lang.IllegalStateException: outer\n\tat com.example.Outer.frame0(Outer.java:0)"),
                text);
        assertTrue(text.contains("frame4(Outer.java:4)"), text);
        assertFalse(text.contains("frame5(Outer.java:5)"), text);
        assertTrue(text.contains("… 35 lines omitted …\nCaused by: java.io.IOException: inner cause\n"
                + "\tat com.example.Inner.frame0(Inner.java:0)"), text);
        assertTrue(text.contains("\t... 37 more"), text);
    }

    @Test
    void frameNamingAnExceptionClassDoesNotRestartTheFrameCount() {
        StringBuilder log = new StringBuilder("org.opentest4j.AssertionFailedError: expected <1> but was <2>\n");
        for (int i = 0; i < 20; i++) {
            log.append("\tat org.opentest4j.AssertionFailedError.<init>(AssertionFailedError.java:").append(i)
                    .append(")\n");
        }
        log.append(noise(100, 400));
        String text = selectTraces(log, 60, 3).text();
        assertTrue(text.contains("AssertionFailedError.java:2)"), text);
        assertFalse(text.contains("AssertionFailedError.java:3)"), text);
    }

    @Test
    void pythonTracebackKeepsTheLastFrames() {
        StringBuilder log = new StringBuilder(noise(1, 50));
        log.append("Traceback (most recent call last):\n");
        for (int i = 0; i < 10; i++) {
            log.append("  File \"/app/mod").append(i).append(".py\", line ").append(i + 1).append(", in f").append(i)
                    .append('\n');
            log.append("    call_").append(i).append("()\n");
        }
        log.append("KeyError: 'missing'\n");
        log.append(noise(100, 400));
        String text = selectTraces(log, 60, 4).text();
        assertTrue(text.contains("Traceback (most recent call last):\n… 16 lines omitted …\n"
                + "  File \"/app/mod8.py\", line 9, in f8\n    call_8()\n  File \"/app/mod9.py\", line 10, in f9\n"
                + "    call_9()\nKeyError: 'missing'"), text);
        assertFalse(text.contains("mod7.py"), text);
    }

    /** Selects without context lines and a short tail, so what a trace test sees is what the trace rules kept. */
    private static FailureLogExcerpt selectTraces(CharSequence log, int maxLines, int maxFramesPerTrace) {
        LogSelector selector = LogSelector.builder().maxLines(maxLines).tailLines(5).context(0, 0)
                .maxFramesPerTrace(maxFramesPerTrace).build();
        FailureLogExcerpt e = selector.select(log.toString());
        assertConsistent(e, selector);
        return e;
    }

    @Test
    void repeatedErrorsAreKeptOnceIgnoringTimestamps() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            log.append(String.format("2024-05-01T10:%02d:%02d.1234567Z [ERROR] Connection refused to db:5432%n",
                    i / 60, i % 60));
            log.append("[INFO] retrying\n");
        }
        log.append(noise(1, 300));
        LogSelector selector = LogSelector.builder().maxLines(50).tailLines(5).context(0, 0).build();
        FailureLogExcerpt e = selector.select(log.toString());
        long count = lines(e).stream().filter(l -> l.contains("Connection refused")).count();
        assertEquals(1, count, e.text());
        assertConsistent(e, selector);
    }

    @Test
    void repeatedStackTraceIsNotRepeated() {
        StringBuilder trace = new StringBuilder("java.lang.RuntimeException: same\n");
        for (int i = 0; i < 5; i++) {
            trace.append("\tat a.B.c").append(i).append("(B.java:").append(i).append(")\n");
        }
        String log = noise(1, 10) + trace + noise(20, 30) + trace + noise(40, 300);
        LogSelector selector = LogSelector.builder().maxLines(60).tailLines(5).context(0, 0).build();
        FailureLogExcerpt e = selector.select(log);
        assertEquals(1, lines(e).stream().filter(l -> l.equals("\tat a.B.c0(B.java:0)")).count(), e.text());
        assertConsistent(e, selector);
    }

    @Test
    void stripsAnsiAndConsoleNotes() {
        String log = "\u001B[31m[ERROR]\u001B[0m bad \u001B[8mha:AAAAQ29uc29sZU5vdGU=\u001B[0mthing\n"
                + "\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\ done\n";
        FailureLogExcerpt e = LogSelector.defaults().select(log);
        assertEquals("[ERROR] bad thing\nlink done", e.text());
        assertFalse(e.text().contains("\u001B"));
    }

    @Test
    void controlCharactersAndSurrogatesInCharacterInput() throws IOException {
        String log = "a\u0000b\u0007c\nlone \uD800 surrogate 😀\nbell\u0007 FAILED\n";
        FailureLogExcerpt e = LogSelector.defaults().select(new StringReader(log));
        assertEquals("abc\nlone \uFFFD surrogate 😀\nbell FAILED", e.text());
    }

    @Test
    void carriageReturnsSplitLines() {
        FailureLogExcerpt e = LogSelector.defaults().select("progress 10%\rprogress 20%\r\nERROR x\r\nend");
        assertEquals("progress 10%\nprogress 20%\nERROR x\nend", e.text());
        assertEquals(4, e.totalLines());
    }

    @Test
    void nonUtf8BytesAreDecodedLeniently() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("caf".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9); // Latin-1 é: malformed in UTF-8
        bytes.write("\n[ERROR] broken \u00FC ".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}); // invalid sequences
        bytes.write("\nend\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xF0, (byte) 0x9F}); // truncated 4-byte sequence at EOF
        FailureLogExcerpt e = LogSelector.defaults().select(new ByteArrayInputStream(bytes.toByteArray()));
        List<String> out = lines(e);
        assertEquals("caf\uFFFD", out.get(0));
        assertTrue(out.get(1).startsWith("[ERROR] broken \u00FC \uFFFD("), out.get(1));
        assertEquals("end", out.get(2));
        assertEquals("\uFFFD", out.get(3));
        assertEquals(4, e.totalLines());
        FailureLogExcerpt latin1 = LogSelector.defaults().select(new ByteArrayInputStream(new byte[] {'c', 'a', 'f',
            (byte) 0xE9}), StandardCharsets.ISO_8859_1);
        assertEquals("café", latin1.text());
    }

    @Test
    void byteOrderMarkIsDropped() {
        assertEquals("ERROR x", LogSelector.defaults().select("\uFEFFERROR x").text());
    }

    @Test
    void longLinesAreCutAndCounted() {
        LogSelector selector = LogSelector.builder().maxLineLength(50).build();
        String line = "x".repeat(120);
        FailureLogExcerpt e = selector.select("ERROR " + line + "\n");
        assertEquals("ERROR " + "x".repeat(44) + " … [76 more chars]", e.text());
        assertTrue(e.truncated(), "a shortened line means the excerpt is incomplete");
        assertEquals(1, e.selectedLines());
    }

    @Test
    @Timeout(60)
    void hugeSingleLineWithoutBreaksIsBounded() throws IOException {
        long size = 20L * 1024 * 1024;
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'y' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'y');
                left -= n;
                return n;
            }
        };
        FailureLogExcerpt e = LogSelector.defaults().select(endless);
        assertEquals(1, e.totalLines());
        assertTrue(e.text().length() < 1000, "cut to the line limit");
        assertTrue(e.text().endsWith(" … [" + (size - 500) + " more chars]"), e.text().substring(480));
    }

    @Test
    @Timeout(120)
    void fiveMegabyteGeneratedLog() throws IOException {
        GeneratedLog log = new GeneratedLog(6L * 1024 * 1024);
        LogSelector selector = LogSelector.defaults();
        FailureLogExcerpt e = selector.select(log);
        assertEquals(log.linesProduced(), e.totalLines());
        assertTrue(e.totalLines() > 50_000, "totalLines " + e.totalLines());
        assertTrue(e.text().contains("[ERROR] Failure number 1000 in module m1"), "first error kept");
        assertTrue(e.text().endsWith("Finished: FAILURE"), "tail kept");
        assertFalse(e.text().contains("\u001B"), "escapes stripped");
        assertTrue(e.truncated());
        assertConsistent(e, selector);
        FailureLogExcerpt again = selector.select(new GeneratedLog(6L * 1024 * 1024));
        assertEquals(e, again, "deterministic");
    }

    /**
     * Memory bound: a child JVM with a 16 MB heap selects from a generated 32 MB log (64 MB as Java chars). It can
     * only succeed if the selector streams.
     */
    @Test
    @Timeout(180)
    void memoryIsBoundedByTheBudgetNotTheLogSize() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LogSelectorMemoryProbe.class.getName(),
                Long.toString(32L * 1024 * 1024));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            byte[] output;
            try (InputStream in = p.getInputStream()) {
                output = in.readAllBytes(); // ends when the child exits; the @Timeout bounds it
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child exited");
            String text = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            assertTrue(text.startsWith("OK "), text);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void manyDistinctErrorsStayWithinBudgetAndKeepTheEnd() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            log.append("[ERROR] distinct problem number ").append(i).append(" in file").append(i).append(".c\n");
        }
        log.append("BUILD FAILURE\nthe very last line");
        LogSelector selector = LogSelector.builder().maxChars(5_000).maxLines(100).build();
        FailureLogExcerpt e = selector.select(log.toString());
        assertTrue(e.text().contains("distinct problem number 0 "), "first errors kept");
        assertTrue(e.text().endsWith("BUILD FAILURE\nthe very last line"), e.text());
        assertConsistent(e, selector);
    }

    @Test
    void budgetsHoldForRandomLogs() {
        Random random = new Random(1234);
        String[] kinds = {"[INFO] fine", "[ERROR] bad", "\tat x.Y.z(Y.java:1)", "Caused by: java.lang.Error: e",
            "", "  indented", "npm ERR! x", "Traceback (most recent call last):", "  File \"a.py\", line 1, in m",
            "\u001B[31mcolour\u001B[0m"};
        for (int round = 0; round < 300; round++) {
            int maxChars = 1_000 + random.nextInt(5_000);
            int maxLines = 2 + random.nextInt(80);
            LogSelector selector = LogSelector.builder().maxChars(maxChars).maxLines(maxLines)
                    .tailLines(1 + random.nextInt(maxLines)).context(random.nextInt(4), random.nextInt(4))
                    .maxLineLength(40 + random.nextInt(maxChars / 4 - 39)).maxFramesPerTrace(random.nextInt(5))
                    .build();
            StringBuilder log = new StringBuilder();
            int n = random.nextInt(400);
            for (int i = 0; i < n; i++) {
                String kind = kinds[random.nextInt(kinds.length)];
                log.append(kind).append(kind.isEmpty() ? "" : " " + random.nextInt(50));
                if (random.nextInt(20) == 0) {
                    log.append("w".repeat(random.nextInt(3_000)));
                }
                log.append(random.nextBoolean() ? "\n" : "\r\n");
            }
            FailureLogExcerpt e = selector.select(log.toString());
            assertEquals(n, e.totalLines());
            assertConsistent(e, selector);
            if (n > 0) {
                assertFalse(e.text().endsWith("omitted …"), "the last line is always kept");
            }
            assertEquals(e, selector.select(log.toString()), "deterministic");
        }
    }

    @Test
    void readsFromAPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("build.log");
        Files.writeString(file, noise(1, 10) + "BUILD FAILED\n");
        FailureLogExcerpt e = LogSelector.defaults().select(file);
        assertEquals(11, e.totalLines());
        assertTrue(e.text().endsWith("BUILD FAILED"));
    }

    @Test
    void rejectsNonsensicalBudgets() {
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().maxChars(10));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().maxLines(1));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().tailLines(0));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().context(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().maxLineLength(5));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().maxFramesPerTrace(-1));
        assertThrows(IllegalArgumentException.class, () -> LogSelector.builder().maxLines(10).tailLines(11).build());
        assertThrows(IllegalArgumentException.class,
                () -> LogSelector.builder().maxChars(1_000).maxLineLength(500).build());
    }

    @Test
    void selectionIsFastEnoughForBigLogs() {
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            chunk.append("[INFO] Downloading https://repo.example/artifact-").append(i).append(".jar (12 kB)\n");
        }
        String log = chunk.toString().repeat(25); // ~3.5 MB, 50 000 lines
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            FailureLogExcerpt e = LogSelector.defaults().select(log);
            assertEquals(50_000, e.totalLines());
        });
    }
}
