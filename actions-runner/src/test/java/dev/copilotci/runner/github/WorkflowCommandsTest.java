package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapesDataAndPropertiesLikeTheToolkit() {
        assertEquals("100%25 done%0D%0Anext: a,b", WorkflowCommands.escapeData("100% done\r\nnext: a,b"));
        assertEquals("100%25 done%0D%0Anext%3A a%2Cb", WorkflowCommands.escapeProperty("100% done\r\nnext: a,b"));
        // % first: an input that already looks escaped must survive a round trip.
        assertEquals("%250A", WorkflowCommands.escapeData("%0A"));
        assertEquals("", WorkflowCommands.escapeData(null));
    }

    @Test
    void escapingRoundTripsThroughTheRunnerParserForArbitraryText() {
        Random random = new Random(42);
        String alphabet = "%:,=\r\n:: ##[ab\u00e9\ud83d\ude00";
        for (int i = 0; i < 2000; i++) {
            String title = randomText(random, alphabet);
            String message = randomText(random, alphabet);
            String file = "f" + randomText(random, alphabet);
            String line = WorkflowCommands.format(
                    new Annotation(AnnotationLevel.WARNING, message, title, file, 3, null, null, null));
            assertFalse(line.contains("\n") || line.contains("\r"), "one physical line");
            RunnerSimulator.Command c = RunnerSimulator.parseV2(line);
            assertEquals("warning", c.name());
            assertEquals(message, c.data());
            if (!title.isEmpty()) {
                assertEquals(title, c.properties().get("title"));
            }
            assertEquals(file, c.properties().get("file"));
            assertEquals("3", c.properties().get("line"));
        }
    }

    @Test
    void annotationLineHasFileLineAndTitleProperties() {
        new WorkflowCommands(out).annotate(
                Annotation.of(AnnotationLevel.ERROR, "Null check missing\nsecond line").withTitle("NPE: risk, high")
                        .at("src/main/A.java", 12));
        assertEquals("::error file=src/main/A.java,line=12,title=NPE%3A risk%2C high::Null check missing%0Asecond line\n",
                printed());
    }

    @Test
    void noticeWarningAndErrorWithoutProperties() {
        WorkflowCommands commands = new WorkflowCommands(out);
        commands.notice("n");
        commands.warning("w");
        commands.error("e");
        commands.debug("d%");
        assertEquals("::notice::n\n::warning::w\n::error::e\n::debug::d%25\n", printed());
    }

    @Test
    void dropsLocationCombinationsTheRunnerWouldReject() {
        // line 0 is "unknown": not emitted (the toolkit omits falsy properties too).
        assertEquals("::notice file=a.txt::m",
                WorkflowCommands.format(Annotation.of(AnnotationLevel.NOTICE, "m").at("a.txt", 0)));
        // A line without a file means nothing.
        assertEquals("::notice::m", WorkflowCommands.format(
                new Annotation(AnnotationLevel.NOTICE, "m", null, null, 4, null, null, null)));
        // endLine before line: both dropped.
        assertEquals("::error file=a::m", WorkflowCommands.format(
                Annotation.of(AnnotationLevel.ERROR, "m").at("a", 9).withLines(9, 3)));
        // Columns only on single-line ranges.
        assertEquals("::error file=a,line=2,endLine=5::m", WorkflowCommands.format(
                Annotation.of(AnnotationLevel.ERROR, "m").at("a", 2).withLines(2, 5).withColumns(1, 4)));
        assertEquals("::error file=a,line=2,endLine=2,col=1,endColumn=4::m", WorkflowCommands.format(
                Annotation.of(AnnotationLevel.ERROR, "m").at("a", 2).withLines(2, 2).withColumns(1, 4)));
        // endLine alone becomes the line.
        assertEquals("::warning file=a,line=7,endLine=7::m", WorkflowCommands.format(
                new Annotation(AnnotationLevel.WARNING, "m", null, "a", null, 7, null, null)));
    }

    @Test
    void masksEachLineOfAMultiLineSecretAndSkipsBlankLines() {
        WorkflowCommands commands = new WorkflowCommands(out);
        commands.addMask("-----BEGIN KEY-----\r\nabc%def\n\n   \n}\n==\nlast-line\n");
        commands.addMask("   ");
        commands.addMask(null);
        commands.addMask("ab");
        assertEquals("::add-mask::-----BEGIN KEY-----\n::add-mask::abc%25def\n::add-mask::last-line\n"
                + "::add-mask::ab\n", printed(), "short lines of multi-line secrets skipped, short secrets kept");
        List<RunnerSimulator.Command> parsed = RunnerSimulator.commands(printed());
        assertEquals(List.of("-----BEGIN KEY-----", "abc%def", "last-line", "ab"),
                parsed.stream().map(RunnerSimulator.Command::data).toList());
    }

    @Test
    void groupsAreEscaped() {
        WorkflowCommands commands = new WorkflowCommands(out);
        commands.group("Copilot answer\n::error::x");
        commands.endGroup();
        assertEquals("::group::Copilot answer%0A::error::x\n::endgroup::\n", printed());
        assertEquals(List.of("group", "endgroup"),
                RunnerSimulator.commands(printed()).stream().map(RunnerSimulator.Command::name).toList());
    }

    @Test
    void untrustedTextCannotIssueCommands() {
        String hostile = String.join("\n",
                "Here is my answer.",
                "::add-mask::everything",
                "  ::error file=a.java,line=1::forged",
                "::set-output name=response::forged",
                "text ##[error]legacy form anywhere in a line",
                "::stop-commands::other-token",
                "::other-token::",
                "::endgroup::",
                "carriage\rreturn ::warning::after a lone CR",
                "\u001b[31mred\u001b[0m and \u001b]8;;http://x\u0007link");
        new WorkflowCommands(out).echoUntrusted(hostile);
        String log = printed();

        List<RunnerSimulator.Command> processed = RunnerSimulator.commands(log);
        assertEquals(2, processed.size(), "only our own stop and resume: " + processed);
        assertEquals("stop-commands", processed.get(0).name());
        String token = processed.get(0).data();
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertEquals(token, processed.get(1).name());

        assertTrue(log.contains("::add-mask::everything"), "shown verbatim");
        assertTrue(log.contains("red[0m") == false && log.contains("red and"), "ANSI escapes removed: " + log);
        assertFalse(log.contains("\r"), "a lone CR cannot hide a line");
        assertTrue(log.endsWith("::" + token + "::\n"));
    }

    @Test
    void stopTokensAreFreshAndUnpredictable() {
        Pattern stop = Pattern.compile("::stop-commands::([0-9a-f]+)\n");
        Set<String> tokens = new HashSet<>();
        WorkflowCommands commands = new WorkflowCommands(out);
        for (int i = 0; i < 200; i++) {
            commands.echoUntrusted("x");
        }
        Matcher m = stop.matcher(printed());
        while (m.find()) {
            assertEquals(32, m.group(1).length());
            tokens.add(m.group(1));
        }
        assertEquals(200, tokens.size());
    }

    @Test
    void redrawsATokenThatOccursInTheTextCaseInsensitively() {
        Deque<String> draws = new ArrayDeque<>(List.of("deadbeefdeadbeefdeadbeefdeadbeef", "0123456789abcdef0123456789abcdef"));
        WorkflowCommands commands = new WorkflowCommands(out, draws::poll);
        commands.echoUntrusted("guess: ::DEADBEEFDEADBEEFDEADBEEFDEADBEEF::\n::add-mask::x");
        List<RunnerSimulator.Command> processed = RunnerSimulator.commands(printed());
        assertEquals("0123456789abcdef0123456789abcdef", processed.get(0).data());
        assertEquals(2, processed.size());
    }

    @Test
    void givesUpInsteadOfLoopingWhenNoTokenFits() {
        WorkflowCommands commands = new WorkflowCommands(out, () -> "aaaaaaaaaaaaaaaaaaaa");
        assertThrows(IllegalStateException.class, () -> commands.echoUntrusted("aaaaaaaaaaaaaaaaaaaa"));
        assertEquals("", printed(), "nothing printed unframed");
    }

    @Test
    void emptyUntrustedTextStillFramesCleanly() {
        new WorkflowCommands(out).echoUntrusted("");
        String[] lines = printed().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("::stop-commands::"));
    }

    @Test
    void echoRefusesTextTheRunnerWouldParse() {
        WorkflowCommands commands = new WorkflowCommands(out);
        commands.echo("3 more findings only in the summary");
        assertEquals("3 more findings only in the summary\n", printed());
        assertThrows(IllegalArgumentException.class, () -> commands.echo("  ::error::x"));
        assertThrows(IllegalArgumentException.class, () -> commands.echo("a ##[error]b"));
        assertThrows(IllegalArgumentException.class, () -> commands.echo("a\n::error::b"));
    }

    @Test
    void formatOmitsEmptyProperties() {
        assertEquals("::x a=1::d", WorkflowCommands.format("x", new java.util.LinkedHashMap<>(Map.of("a", "1")), "d"));
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("a", "");
        props.put("b", null);
        props.put("c", "v,w");
        assertEquals("::x c=v%2Cw::d", WorkflowCommands.format("x", props, "d"));
    }

    @Test
    void differentRunsUseDifferentTokens() {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new WorkflowCommands(out).echoUntrusted("a");
        new WorkflowCommands(new PrintStream(other, true, StandardCharsets.UTF_8)).echoUntrusted("a");
        assertNotEquals(printed(), other.toString(StandardCharsets.UTF_8));
    }

    private static String randomText(Random random, String alphabet) {
        int length = random.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
