package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubOutputFileTest {

    @TempDir
    Path dir;

    private String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void singleLineValuesUseTheSimpleForm() throws Exception {
        Path file = dir.resolve("out");
        new GithubOutputFile(file).set("session-id", "job-42");
        new GithubOutputFile(file).set("empty", "");
        new GithubOutputFile(file).set("with_eq", "a=b<<c");
        assertEquals("session-id=job-42\nempty=\nwith_eq=a=b<<c\n", read(file));
        assertEquals(Map.of("session-id", "job-42", "empty", "", "with_eq", "a=b<<c"),
                RunnerSimulator.outputs(read(file)));
    }

    @Test
    void multiLineValuesUseARandomDelimiterNeverEof() throws Exception {
        Path file = dir.resolve("out");
        String value = "line 1\nEOF\nline 3";
        new GithubOutputFile(file).set("response", value);
        String text = read(file);
        Matcher m = Pattern.compile("^response<<(ghadelimiter_[0-9a-f]{32})\n").matcher(text);
        assertTrue(m.find(), text);
        assertEquals("response<<" + m.group(1) + "\n" + value + "\n" + m.group(1) + "\n", text);
        assertEquals(Map.of("response", value), RunnerSimulator.outputs(text));
    }

    @Test
    void modelTextCannotForgeOtherOutputs() throws Exception {
        Path file = dir.resolve("out");
        String hostile = "ok\nEOF\nfindings-file=/etc/passwd\nresponse<<EOF\nforged\nEOF\n"
                + "ghadelimiter_00000000000000000000000000000000\nsession-id=evil";
        GithubOutputFile outputs = new GithubOutputFile(file);
        outputs.set("response", hostile);
        outputs.set("session-id", "real");
        Map<String, String> parsed = RunnerSimulator.outputs(read(file));
        assertEquals(Map.of("response", hostile, "session-id", "real"), parsed);
    }

    @Test
    void redrawsADelimiterThatOccursInTheValue() throws Exception {
        String guessed = "11111111111111111111111111111111";
        Deque<String> draws = new ArrayDeque<>(List.of(guessed, "22222222222222222222222222222222"));
        Path file = dir.resolve("out");
        String value = "a\nghadelimiter_" + guessed + "\nb";
        new GithubOutputFile(file, draws::poll).set("response", value);
        String text = read(file);
        assertTrue(text.startsWith("response<<ghadelimiter_22222222222222222222222222222222\n"), text);
        assertEquals(Map.of("response", value), RunnerSimulator.outputs(text));
    }

    @Test
    void refusesToLoopForeverOnABrokenRandomSource() {
        GithubOutputFile outputs = new GithubOutputFile(dir.resolve("out"), () -> "33333333333333333333333333333333");
        assertThrows(IllegalStateException.class,
                () -> outputs.set("r", "x\nghadelimiter_33333333333333333333333333333333"));
    }

    @Test
    void carriageReturnsAlsoTriggerTheHeredocForm() throws Exception {
        Path file = dir.resolve("out");
        new GithubOutputFile(file).set("r", "a\rb");
        assertTrue(read(file).startsWith("r<<ghadelimiter_"));
    }

    @Test
    void eachValueGetsItsOwnDelimiter() throws Exception {
        Path file = dir.resolve("out");
        GithubOutputFile outputs = new GithubOutputFile(file);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("response", "a\nb");
        values.put("findings", "c\nd");
        outputs.setAll(values);
        Matcher m = Pattern.compile("<<(ghadelimiter_[0-9a-f]+)").matcher(read(file));
        assertTrue(m.find());
        String first = m.group(1);
        assertTrue(m.find());
        assertNotEquals(first, m.group(1));
        assertEquals(values, RunnerSimulator.outputs(read(file)));
    }

    @Test
    void appendsToWhatIsThereAndKeepsUtf8() throws Exception {
        Path file = dir.resolve("out");
        Files.writeString(file, "earlier=1\n");
        new GithubOutputFile(file).set("response", "caf\u00e9 \ud83d\ude80\nzwei");
        Map<String, String> parsed = RunnerSimulator.outputs(read(file));
        assertEquals("1", parsed.get("earlier"));
        assertEquals("caf\u00e9 \ud83d\ude80\nzwei", parsed.get("response"));
    }

    @Test
    void rejectsNamesThatCouldBreakTheFormat() {
        GithubOutputFile outputs = new GithubOutputFile(dir.resolve("out"));
        for (String bad : new String[] {"", "a=b", "a<<b", "a\nb", "a b", "-x", null}) {
            assertThrows(IllegalArgumentException.class, () -> outputs.set(bad, "v"), String.valueOf(bad));
        }
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
