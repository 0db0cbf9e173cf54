package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.Severity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationReporterTest {

    @TempDir
    Path workspace;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final WorkflowCommands commands =
            new WorkflowCommands(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<RunnerSimulator.Command> processed() {
        return RunnerSimulator.commands(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void capsEachLevelAtTenMostSevereFirstAndCountsTheRest() {
        List<ReviewFinding> findings = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            findings.add(new ReviewFinding(null, 0, Severity.NOTICE, "n" + i, null));
        }
        for (int i = 0; i < 12; i++) {
            findings.add(new ReviewFinding(null, 0, Severity.WARNING, "w" + i, null));
        }
        for (int i = 0; i < 15; i++) {
            findings.add(new ReviewFinding(null, 0, Severity.ERROR, "e" + i, null));
        }
        AnnotationReport report = new AnnotationReporter(commands, FindingLocations.syntacticOnly()).report(findings);
        assertEquals(new AnnotationReport(10, 10, 10, 8), report);
        assertEquals("8 more findings only in the summary", report.omittedMessage());

        List<RunnerSimulator.Command> cmds = processed();
        assertEquals(30, cmds.size());
        assertEquals("error", cmds.get(0).name());
        assertEquals("e0", cmds.get(0).data());
        assertEquals("e9", cmds.get(9).data());
        assertEquals("warning", cmds.get(10).name());
        assertEquals("notice", cmds.get(29).name());
        assertEquals(30, bytes.toString(StandardCharsets.UTF_8).split("\n").length, "nothing but the 30 annotations");
    }

    @Test
    void nothingOmittedNoMessage() {
        AnnotationReport report = new AnnotationReporter(commands, FindingLocations.syntacticOnly())
                .report(List.of(new ReviewFinding("a.txt", 2, Severity.WARNING, "m", null)));
        assertEquals(new AnnotationReport(0, 1, 0, 0), report);
        assertEquals("", report.omittedMessage());
        assertEquals("::warning file=a.txt,line=2,title=Copilot review::m\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyValidLocationsBecomeProperties() throws Exception {
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/A.java"), "1\n2\n3\n4\n5");
        Path outside = Files.createTempFile("outside", ".txt");
        Files.writeString(outside, "secret\n");
        Files.createSymbolicLink(workspace.resolve("link.txt"), outside);
        try {
            List<ReviewFinding> findings = List.of(
                    new ReviewFinding("src/A.java", 5, Severity.ERROR, "valid", "T"),
                    new ReviewFinding("./src//A.java", 6, Severity.ERROR, "line past the end", null),
                    new ReviewFinding("b/src/A.java", 1, Severity.ERROR, "diff prefix", null),
                    new ReviewFinding("../etc/passwd", 1, Severity.ERROR, "escapes", null),
                    new ReviewFinding("/etc/passwd", 1, Severity.ERROR, "absolute", null),
                    new ReviewFinding("src/Missing.java", 1, Severity.ERROR, "missing", null),
                    new ReviewFinding("link.txt", 1, Severity.ERROR, "symlink out", null),
                    new ReviewFinding("src", 1, Severity.ERROR, "directory", null),
                    new ReviewFinding("src/A.java", 0, Severity.ERROR, "whole file", null));
            new AnnotationReporter(commands, FindingLocations.inWorkspace(workspace)).report(findings);
            List<RunnerSimulator.Command> cmds = processed();
            assertEquals(9, cmds.size());
            assertLocation(cmds.get(0), "src/A.java", "5");
            assertEquals("T", cmds.get(0).properties().get("title"));
            assertLocation(cmds.get(1), "src/A.java", null);
            assertLocation(cmds.get(2), "src/A.java", "1");
            for (int i = 3; i <= 7; i++) {
                assertLocation(cmds.get(i), null, null);
            }
            assertLocation(cmds.get(8), "src/A.java", null);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void messagesStayOneCommandWhateverTheyContain() {
        new AnnotationReporter(commands, FindingLocations.syntacticOnly()).report(List.of(new ReviewFinding("a", 1,
                Severity.ERROR, "first\n::add-mask::x\r\n::error::forged %0A", "t,i:t\nle")));
        List<RunnerSimulator.Command> cmds = processed();
        assertEquals(1, cmds.size());
        assertEquals("first\n::add-mask::x\n::error::forged %0A", cmds.get(0).data());
        assertEquals("t,i:t le", cmds.get(0).properties().get("title"));
    }

    @Test
    void syntacticCheckWithoutWorkspace() {
        FindingLocations locations = FindingLocations.syntacticOnly();
        assertEquals(Optional.of("src/x.java"), locations.file(".\\src\\x.java"));
        assertEquals(Optional.empty(), locations.file("C:/x.java"));
        assertEquals(Optional.empty(), locations.file("a/../../b"));
        assertEquals(Optional.empty(), locations.file("https://x/y"));
        assertEquals(Optional.empty(), locations.file("a\u0000b"));
        assertEquals(Optional.empty(), locations.file("  "));
        assertTrue(locations.isValidLine("x", 1));
        assertFalse(locations.isValidLine("x", 0));
    }

    @Test
    void longMessagesAreCut() {
        Annotation a = new AnnotationReporter(commands, FindingLocations.syntacticOnly())
                .annotation(new ReviewFinding(null, 0, Severity.NOTICE, "x".repeat(10_000), null), AnnotationLevel.NOTICE);
        assertEquals(AnnotationReporter.MAX_MESSAGE_CHARS, a.message().length());
        assertTrue(a.message().endsWith("\u2026"));
    }

    private static void assertLocation(RunnerSimulator.Command c, String file, String line) {
        assertEquals(file, c.properties().get("file"), c.toString());
        if (line == null) {
            assertNull(c.properties().get("line"), c.toString());
        } else {
            assertEquals(line, c.properties().get("line"), c.toString());
        }
    }
}
