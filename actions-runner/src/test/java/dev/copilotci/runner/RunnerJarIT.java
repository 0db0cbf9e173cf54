package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.ScriptedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar, exactly as CI scripts call it ({@code java -jar copilot-runner.jar}) and as the action does (with
 * its JVM options file and class-data archive).
 */
@Timeout(120)
class RunnerJarIT {
    private static final Path JAR = Path.of(System.getProperty("runner.jar", "target/copilot-runner.jar"));

    private record Run(int exit, String out, String err) {
    }

    private static Run java(RunnerWorld w, List<String> args) throws IOException, InterruptedException {
        return java(w, List.of(), args);
    }

    private static Run java(RunnerWorld w, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(w.env(java.util.Map.of()));
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish within 90 s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Test
    void theJarAnswersAPromptWithItsOwnCli() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR.toAbsolutePath());
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.text("jar says hi"));
            List<String> args = new ArrayList<>(List.of("prompt"));
            args.addAll(w.modelArgs());
            args.addAll(List.of("--prompt", "hello", "--timeout", "60"));
            Run r = java(w, args);
            assertEquals(0, r.exit(), r.err());
            assertEquals("jar says hi\n", r.out());
        }
    }

    @Test
    void theActionsJvmOptionsWriteAClassArchiveThatTheNextRunMaps() throws Exception {
        Path options = Path.of(System.getProperty("action.dir", "."), "scripts/runner-jvm.options").toAbsolutePath();
        Path archive = Files.createTempDirectory("class-data").resolve("copilot-runner.jsa");
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.text("first run"), ScriptedResponse.text("second run"));
            List<String> args = new ArrayList<>(List.of("prompt"));
            args.addAll(w.modelArgs());
            args.addAll(List.of("--prompt", "hello", "--timeout", "60"));

            Run writing = java(w, List.of("@" + options, "-XX:ArchiveClassesAtExit=" + archive), args);
            assertEquals(0, writing.exit(), writing.err());
            assertEquals("first run\n", writing.out(), "no JVM or class-data notes in stdout");
            assertTrue(Files.size(archive) > 0, "archive written at exit");
            assertFalse(writing.err().contains("[cds]"), writing.err());

            // -Xshare:on makes the JVM refuse to start unless it can map the archive.
            Run mapping = java(w, List.of("@" + options, "-XX:SharedArchiveFile=" + archive, "-Xshare:on"), args);
            assertEquals(0, mapping.exit(), mapping.err());
            assertEquals("second run\n", mapping.out());
        } finally {
            Files.deleteIfExists(archive);
            Files.delete(archive.getParent());
        }
    }

    @Test
    void theJarShipsTheOfflineModelButNoTestFixture() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).toList();
            assertTrue(names.contains("dev/copilotci/offline/ScriptedModelProvider.class"), "demo needs the model");
            assertTrue(names.contains("dev/copilotci/job/JobSession.class"), "the job layer");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("dev/copilotci/testsupport/")),
                    "no test fixture in the shipped jar");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/junit/")), "no test library");
        }
    }

    @Test
    void theJarFailsWithOneLineAndExitCode() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            Run r = java(w, List.of("prompt", "--prompt", "x"));
            assertEquals(2, r.exit());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void theDemoRunsOffline() throws Exception {
        try (RunnerWorld w = new RunnerWorld()) {
            List<String> args = List.of("demo", "--cli-path", w.cliPath);
            Run r = java(w, args);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("### Cause") && r.out().contains("expected: <104.99> but was: <99.99>"),
                    r.out());
        }
    }
}
