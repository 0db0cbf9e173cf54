package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobInputsTest {
    @TempDir
    Path workspace;
    @TempDir
    Path elsewhere;

    @Test
    void readsFilesInsideTheWorkspaceAndFilesNamedOutsideIt() throws Exception {
        Files.writeString(workspace.resolve("prompt.md"), "hello");
        Files.createDirectories(workspace.resolve("docs"));
        Files.createSymbolicLink(workspace.resolve("docs/link.md"), workspace.resolve("prompt.md"));
        Files.writeString(elsewhere.resolve("written-by-the-workflow.txt"), "temp");
        assertEquals("hello", text(Path.of("prompt.md")));
        assertEquals("hello", text(Path.of("docs/link.md")), "a link that stays inside is fine");
        assertEquals("temp", text(elsewhere.resolve("written-by-the-workflow.txt")));
    }

    @Test
    void refusesLinksThatLeaveTheWorkspace() throws Exception {
        Files.writeString(elsewhere.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(workspace.resolve("prompt.md"), elsewhere.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("dir"), elsewhere);
        Files.createSymbolicLink(workspace.resolve("env"), Path.of("/proc/self/environ"));
        for (String name : new String[] {"prompt.md", "dir/secret.txt", "env"}) {
            JobInputs.RejectedInputException e = assertThrows(JobInputs.RejectedInputException.class,
                    () -> text(Path.of(name)), name);
            assertTrue(e.getMessage().startsWith("--prompt-file " + name), e.getMessage());
        }
        assertThrows(JobInputs.RejectedInputException.class, () -> text(Path.of("/proc/self/environ")),
                "never /proc, even when named directly");
        assertThrows(NoSuchFileException.class, () -> text(Path.of("missing.md")));
    }

    @Test
    void capsWhatItReads() throws Exception {
        byte[] four = "abcd".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(four, JobInputs.read(new ByteArrayInputStream(four), 4, "x"));
        JobInputs.RejectedInputException e = assertThrows(JobInputs.RejectedInputException.class,
                () -> JobInputs.read(new ByteArrayInputStream(new byte[2 * 1024 * 1024 + 1]), 2 * 1024 * 1024,
                        "--diff-file"));
        assertTrue(e.getMessage().startsWith("--diff-file is larger than 2 MiB"), e.getMessage());
    }

    private String text(Path file) throws Exception {
        return new String(JobInputs.readFile(workspace, file, JobInputs.PROMPT_BYTES, "--prompt-file"),
                StandardCharsets.UTF_8);
    }
}
