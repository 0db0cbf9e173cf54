package dev.copilotci.runner.github;

import static dev.copilotci.runner.github.ActionScripts.SCRIPT_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the action's step scripts the way the composite action does (its env: mapping, GITHUB_OUTPUT,
 * GITHUB_ACTION_PATH, RUNNER_TEMP) with fake java/npm stand-ins, and checks what they pass on and what they print.
 */
@Timeout(120)
class ActionScriptsTest {

    @TempDir
    Path tmp;

    private ActionScripts scripts;

    @BeforeEach
    void setUp() throws Exception {
        scripts = ActionScripts.in(tmp);
    }

    private ProcessRun script(String name, Map<String, String> env) throws Exception {
        return scripts.run(name, env, tmp);
    }

    private static Map<String, String> validPrepareEnv() {
        return new HashMap<>(Map.of("CCI_MODE", "prompt", "CCI_POST", "none", "CCI_PERMISSIONS", "read-only",
                "CCI_TIMEOUT", "600", "CCI_CLI_URL", "", "CCI_CLI_VERSION", "1.0.102", "CCI_SETUP_JAVA", "auto",
                "CCI_PROMPT", "Say hi", "CCI_PROMPT_FILE", ""));
    }

    @Test
    void prepareMasksSecretsValidatesAndCreatesAPrivateWorkDir() throws Exception {
        Map<String, String> env = validPrepareEnv();
        env.put("CCI_GITHUB_TOKEN", "ghs_token_value_1");
        env.put("CCI_PROVIDER_API_KEY", "line-one\nline%two\n}\n\n");
        env.put("CCI_CLI_CONNECTION_TOKEN", "abc");
        ProcessRun run = script("prepare.sh", env);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());

        List<RunnerSimulator.Command> commands = RunnerSimulator.commands(run.stdout());
        assertEquals(List.of("ghs_token_value_1", "line-one", "line%two", "abc"),
                commands.stream().filter(c -> c.name().equals("add-mask")).map(RunnerSimulator.Command::data).toList());
        assertTrue(run.stdout().indexOf("::add-mask::") < run.stdout().indexOf("Using Java") || !run.stdout().contains(
                "Using Java"), "masks before anything else");

        Map<String, String> out = scripts.outputs();
        Path work = Path.of(out.get("work-dir"));
        assertTrue(work.startsWith(scripts.runnerTemp()) && Files.isDirectory(work), out.toString());
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(work));
        assertEquals("true", out.get("need-cli"));
        assertEquals("false", out.get("need-java"), "this machine has Java 17+");
        assertTrue(Files.isExecutable(Path.of(out.get("java"))));
    }

    @Test
    void prepareRejectsBadInputsWithoutEchoingThemAsCommands() throws Exception {
        Map<String, String> env = validPrepareEnv();
        env.put("CCI_MODE", "x\n::add-mask::pwned\n::error::forged");
        ProcessRun run = script("prepare.sh", env);
        assertEquals(1, run.exitCode());
        List<RunnerSimulator.Command> commands = RunnerSimulator.commands(run.stdout());
        assertEquals(1, commands.size(), run.stdout());
        assertEquals("error", commands.get(0).name());
        assertTrue(commands.get(0).data().startsWith("input mode must be prompt, review, explain-failure or comment (got 'x?"),
                commands.get(0).data());
        assertEquals("", Files.readString(scripts.outputFile()), "no outputs after a failure");
    }

    @Test
    void prepareChecksTheCombinations() throws Exception {
        Object[][] cases = {
                {"CCI_POST", "approve", "input post must be"},
                {"CCI_PERMISSIONS", "root", "input permissions must be"},
                {"CCI_TIMEOUT", "10m", "input timeout must be"},
                {"CCI_CLI_VERSION", "latest", "input cli-version must be an exact version"},
                {"CCI_PROMPT", "", "mode prompt needs the input prompt or prompt-file"},
                {"CCI_PROMPT_FILE", "p.txt", "set only one of the inputs prompt and prompt-file"},
                {"CCI_FAIL_ON", "sometimes", "input fail-on must be"},
        };
        for (Object[] c : cases) {
            Map<String, String> env = validPrepareEnv();
            env.put((String) c[0], (String) c[1]);
            ProcessRun run = script("prepare.sh", env);
            assertEquals(1, run.exitCode(), Arrays.toString(c));
            assertTrue(run.stdout().contains((String) c[2]), Arrays.toString(c) + ": " + run.stdout());
        }
        Map<String, String> review = validPrepareEnv();
        review.put("CCI_MODE", "explain-failure");
        review.put("CCI_PROMPT", "");
        review.put("CCI_LOG_FILE", "build.log");
        review.put("CCI_RUN_ID", "42");
        ProcessRun run = script("prepare.sh", review);
        assertTrue(run.stdout().contains("set only one of the inputs log-file and run-id"), run.stdout());
        review.remove("CCI_LOG_FILE");
        review.remove("CCI_RUN_ID");
        run = script("prepare.sh", review);
        assertFalse(run.stdout().contains("log-file"), "without log-file the run's logs come from the API: "
                + run.stdout());
        review.put("CCI_MODE", "review");
        review.put("CCI_PROMPT", "extra");
        run = script("prepare.sh", review);
        assertTrue(run.stdout().contains("for mode prompt only"), run.stdout());
    }

    @Test
    void prepareAsksForSetupJavaWhenOnlyAnOldJavaIsAround() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("old-java-bin"));
        fakeExecutable(bin.resolve("java"), """
                #!/usr/bin/env bash
                echo '    java.specification.version = 11' >&2
                echo 'openjdk version "11.0.2"' >&2
                """);
        Map<String, String> env = validPrepareEnv();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("JAVA_HOME", "");
        ProcessRun run = script("prepare.sh", env);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("true", scripts.outputs().get("need-java"));
        assertEquals("", scripts.outputs().get("java"));

        Files.writeString(scripts.outputFile(), "");
        env.put("CCI_SETUP_JAVA", "false");
        run = script("prepare.sh", env);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("no Java 17 or newer found"), run.stdout());
    }

    @Test
    void installCliUsesNpmOnceAndCachesPerVersion() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("fake-npm-bin"));
        Path calls = tmp.resolve("npm-calls");
        FakeCommands.npm(bin.resolve("npm"), calls);
        Path toolCache = Files.createDirectories(tmp.resolve("tool-cache"));
        Map<String, String> env = Map.of("CCI_CLI_VERSION", "1.0.102", "PATH", bin + ":" + System.getenv("PATH"),
                "RUNNER_TOOL_CACHE", toolCache.toString());
        ProcessRun first = script("install-cli.sh", env);
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        Path cli = toolCache.resolve("copilot-ci/copilot-cli/1.0.102/node_modules/.bin/copilot");
        assertEquals(cli.toString(), scripts.outputs().get("cli-path"));
        List<String> npmCalls = Files.readAllLines(calls);
        assertEquals(1, npmCalls.size());
        assertTrue(npmCalls.get(0).matches("ci --prefix \\S+/copilot-ci/copilot-cli/\\.install\\.\\w+ --ignore-scripts .*"),
                npmCalls.get(0));
        assertEquals(Files.readString(scripts.actionDir().resolve("cli/package-lock.json")),
                Files.readString(Path.of(calls + ".lock")), "npm ci ran on the lockfile the action ships");

        ProcessRun second = script("install-cli.sh", env);
        assertEquals(0, second.exitCode(), second.stdout() + second.stderr());
        assertEquals(1, Files.readAllLines(calls).size(), "cached: npm not called again");

        ProcessRun bad = script("install-cli.sh", Map.of("CCI_CLI_VERSION", "1.0.102 --registry=http://evil",
                "PATH", bin + ":" + System.getenv("PATH")));
        assertEquals(1, bad.exitCode());
        assertEquals(1, Files.readAllLines(calls).size());
    }

    @Test
    void theCliManifestIsTheSameWhicheverToolHashes() throws Exception {
        // OpenSSL hashes the CLI's binary ~3x faster than coreutils (the cold path); a manifest one tool recorded
        // must still match what the other computes, or a cached CLI would be reinstalled with a false alarm.
        assumeTrue(ProcessRun.onPath("openssl") && ProcessRun.onPath("sha256sum"), "needs openssl and sha256sum");
        Path prefix = tmp.resolve("cli");
        Path pkg = Files.createDirectories(prefix.resolve("node_modules/@github/copilot"));
        Files.writeString(pkg.resolve("npm-loader.js"), "loader");
        Files.writeString(pkg.resolve("empty file"), "");
        Files.createSymbolicLink(Files.createDirectories(prefix.resolve("node_modules/.bin")).resolve("copilot"),
                Path.of("../@github/copilot/npm-loader.js"));
        Path noOpenssl = Files.createDirectories(tmp.resolve("coreutils-only"));
        for (String tool : List.of("find", "sort", "xargs", "sh", "sha256sum", "readlink", "sed")) {
            ProcessRun which = ProcessRun.run(List.of("bash", "-c", "command -v " + tool), tmp, Map.of(), true,
                    SCRIPT_TIMEOUT);
            Files.createSymbolicLink(noOpenssl.resolve(tool), Path.of(which.stdout().strip()));
        }
        String withOpenssl = manifest(prefix, System.getenv("PATH"));
        String withCoreutils = manifest(prefix, noOpenssl.toString());
        assertEquals(withCoreutils, withOpenssl);
        assertTrue(withOpenssl.contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + "  node_modules/@github/copilot/empty file\n"), withOpenssl);
        assertTrue(withOpenssl.contains("link node_modules/.bin/copilot -> ../@github/copilot/npm-loader.js"),
                withOpenssl);
    }

    private String manifest(Path prefix, String path) throws Exception {
        ProcessRun run = ProcessRun.run(List.of("/bin/bash", "-c", ". \"$1/scripts/lib.sh\" && cci_cli_manifest \"$2\"",
                "_", scripts.actionDir().toString(), prefix.toString()), tmp, Map.of("PATH", path), false,
                SCRIPT_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stderr());
        return run.stdout();
    }

    @Test
    void resolveJarPrefersTheBundledJarAndChecksJava() throws Exception {
        Path fakeAction = Files.createDirectories(tmp.resolve("repo/actions-runner"));
        Files.createDirectories(fakeAction.resolve("scripts"));
        for (String s : List.of("lib.sh", "resolve-jar.sh")) {
            Files.copy(scripts.actionDir().resolve("scripts/" + s), fakeAction.resolve("scripts/" + s));
        }
        Files.writeString(fakeAction.resolve("copilot-runner.jar"), "jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = Map.of("CCI_JAVA", java, "GITHUB_ACTION_PATH", fakeAction.toString(),
                "RUNNER_TOOL_CACHE", tmp.resolve("tool-cache").toString());
        ProcessRun run = ProcessRun.run(List.of("bash", fakeAction.resolve("scripts/resolve-jar.sh").toString()), tmp,
                withBase(env), false, SCRIPT_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(fakeAction.resolve("copilot-runner.jar").toString(), scripts.outputs().get("jar"));
        assertEquals(java, scripts.outputs().get("java"));
        String archive = scripts.outputs().get("class-archive");
        assertTrue(archive.startsWith(tmp.resolve("tool-cache/copilot-ci/class-data/copilot-runner-") + "")
                && archive.endsWith(".jsa"), archive);
        Files.writeString(scripts.outputFile(), "");
        Files.writeString(fakeAction.resolve("copilot-runner.jar"), "a rebuilt jar");
        assertEquals(0, ProcessRun.run(List.of("bash", fakeAction.resolve("scripts/resolve-jar.sh").toString()), tmp,
                withBase(env), false, SCRIPT_TIMEOUT).exitCode());
        assertNotEquals(archive, scripts.outputs().get("class-archive"), "another jar, another archive");

        Files.delete(fakeAction.resolve("copilot-runner.jar"));
        ProcessRun noPom = ProcessRun.run(List.of("bash", fakeAction.resolve("scripts/resolve-jar.sh").toString()),
                tmp, withBase(env), false, SCRIPT_TIMEOUT);
        assertEquals(1, noPom.exitCode());
        assertTrue(noPom.stdout().contains("no bundled copilot-runner.jar and no pom.xml"), noPom.stdout());

        Path noSharing = tmp.resolve("java-without-class-data");
        fakeExecutable(noSharing, """
                #!/usr/bin/env bash
                printf '    java.home = /opt/jdk\\n    java.specification.version = 17\\n'
                printf 'OpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode)\\n'
                """);
        Files.writeString(scripts.outputFile(), "");
        Files.writeString(fakeAction.resolve("copilot-runner.jar"), "jar");
        ProcessRun plain = ProcessRun.run(List.of("bash", fakeAction.resolve("scripts/resolve-jar.sh").toString()),
                tmp, withBase(Map.of("CCI_JAVA", noSharing.toString(), "GITHUB_ACTION_PATH", fakeAction.toString())),
                false, SCRIPT_TIMEOUT);
        assertEquals(0, plain.exitCode(), plain.stdout() + plain.stderr());
        assertEquals("", scripts.outputs().get("class-archive"), "a JVM without its own class data cannot write ours");

        ProcessRun noJava = ProcessRun.run(List.of("bash", fakeAction.resolve("scripts/resolve-jar.sh").toString()),
                tmp, withBase(Map.of("CCI_JAVA", "", "GITHUB_ACTION_PATH", fakeAction.toString())), false,
                SCRIPT_TIMEOUT);
        assertEquals(1, noJava.exitCode());
        assertTrue(noJava.stdout().contains("no Java binary available"), noJava.stdout());
    }

    private Map<String, String> withBase(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of("GITHUB_OUTPUT", scripts.outputFile().toString(),
                "RUNNER_TEMP", scripts.runnerTemp().toString()));
        all.putAll(env);
        return all;
    }

    /** A stand-in for java that records its arguments (NUL-separated), environment and stdin. */
    private Path fakeJava(int exitCode) throws Exception {
        Path java = tmp.resolve("fake-java");
        fakeExecutable(java, """
                #!/usr/bin/env bash
                printf '%%s\\0' "$@" > "$FAKE_DIR/args"
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=*) printf 'classes' > "${a#*=}" ;; esac
                done
                env > "$FAKE_DIR/env"
                pwd > "$FAKE_DIR/cwd"
                if [ -n "${FAKE_PROMPT_COPY:-}" ]; then
                  while [ $# -gt 0 ]; do
                    if [ "$1" = --prompt-file ]; then cp "$2" "$FAKE_PROMPT_COPY"; fi
                    shift
                  done
                fi
                exit %d
                """.formatted(exitCode));
        return java;
    }

    private Map<String, String> runEnv(Path java, Path work) {
        Map<String, String> env = FakeCommands.runScriptEnv(tmp, java, work);
        env.put("CCI_PROMPT", "--help\nmulti-line \"prompt\" $HOME `x`");
        env.put("CCI_PROMPT_FILE", "");
        env.put("CCI_MODEL", "gpt-5");
        env.put("CCI_CLI_URL", "");
        env.put("CCI_CLI_CONNECTION_TOKEN", "");
        env.put("CCI_GITHUB_TOKEN", "ghs_secret_gh");
        env.put("CCI_COPILOT_TOKEN", "");
        env.put("CCI_PROVIDER_TYPE", "openai");
        env.put("CCI_PROVIDER_BASE_URL", "https://llm.example/v1");
        env.put("CCI_PROVIDER_API_KEY", "sk-secret-byok");
        env.put("CCI_TIMEOUT", "300");
        env.put("CCI_PERMISSIONS", "deny");
        env.put("CCI_POST", "comment");
        env.put("CCI_BASE", "");
        env.put("CCI_DIFF_FILE", "");
        env.put("CCI_LOG_FILE", "");
        env.put("CCI_FAIL_ON", "");
        env.put("CCI_SESSION_ID", "job-1");
        env.put("FAKE_PROMPT_COPY", tmp.resolve("prompt-copy").toString());
        return env;
    }

    private List<String> recordedArgs() throws Exception {
        String raw = Files.readString(tmp.resolve("args"), StandardCharsets.UTF_8);
        return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
    }

    private Map<String, String> recordedEnv() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(tmp.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void runMapsInputsToTheJarContractAndKeepsSecretsInTheEnvironment() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.test"));
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        ProcessRun run = scripts.run("run.sh", runEnv(fakeJava(0), work), checkout);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());

        List<String> args = recordedArgs();
        int jar = args.indexOf("-jar");
        if (jar < 0) {
            throw new AssertionError(args.toString());
        }
        assertEquals("/path/copilot-runner.jar", args.get(jar + 1));
        List<String> cli = args.subList(jar + 2, args.size());
        assertEquals(List.of("prompt", "--cli-path", "/cache/copilot", "--model", "gpt-5", "--provider-type", "openai",
                "--provider-base-url", "https://llm.example/v1", "--provider-api-key-env",
                "COPILOT_CI_PROVIDER_API_KEY", "--prompt-file", work.resolve("prompt.txt").toString(), "--session-id",
                "job-1", "--timeout", "300", "--permissions", "deny", "--post", "comment", "--working-directory",
                checkout.toRealPath().toString()), cli);
        assertEquals("--help\nmulti-line \"prompt\" $HOME `x`",
                Files.readString(tmp.resolve("prompt-copy")), "prompt passed byte for byte through a file");
        for (String arg : args) {
            assertFalse(arg.contains("sk-secret-byok") || arg.contains("ghs_secret_gh"), "secret in argv: " + arg);
        }
        Map<String, String> env = recordedEnv();
        assertEquals("sk-secret-byok", env.get("COPILOT_CI_PROVIDER_API_KEY"));
        assertEquals("ghs_secret_gh", env.get("GITHUB_TOKEN"));
        assertFalse(env.containsKey("COPILOT_GITHUB_TOKEN"), "empty copilot-token sets nothing");
        assertFalse(env.containsKey("CCI_GITHUB_TOKEN") || env.containsKey("CCI_PROVIDER_API_KEY")
                || env.containsKey("CCI_PROMPT"), "input copies are not passed on");
        assertEquals(scripts.runnerTemp().resolve("copilot-ci-home").toString(), env.get("COPILOT_HOME"));
        assertFalse(Files.exists(work.resolve("runner.pid")), "pid file removed after the run");
        assertFalse(run.stdout().contains("sk-secret-byok") || run.stdout().contains("ghs_secret_gh"));
    }

    @Test
    void runWithASharedServerAndReviewOptions() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.test2"));
        Map<String, String> env = runEnv(fakeJava(3), work);
        env.put("CCI_MODE", "review");
        env.put("CCI_PROMPT", "");
        env.put("CCI_CLI_URL", "127.0.0.1:4321");
        env.put("CCI_CLI_CONNECTION_TOKEN", "conn-token-xyz");
        env.put("CCI_COPILOT_TOKEN", "github_pat_copilot");
        env.put("CCI_GITHUB_TOKEN", "");
        env.put("CCI_PROVIDER_API_KEY", "");
        env.put("CCI_BASE", "origin/main");
        env.put("CCI_FAIL_ON", "error");
        env.put("GITHUB_TOKEN", "from-the-job-env");
        ProcessRun run = script("run.sh", env);
        assertEquals(3, run.exitCode(), "the jar's exit code is the step's");

        List<String> args = recordedArgs();
        List<String> cli = args.subList(args.indexOf("-jar") + 2, args.size());
        assertEquals("review", cli.get(0));
        assertEquals("127.0.0.1:4321", cli.get(cli.indexOf("--cli-url") + 1));
        assertFalse(cli.contains("--cli-path"));
        assertFalse(cli.contains("--prompt-file"));
        assertFalse(cli.contains("--provider-api-key-env"));
        assertEquals("origin/main", cli.get(cli.indexOf("--base") + 1));
        assertEquals("error", cli.get(cli.indexOf("--fail-on") + 1));
        Path findings = Path.of(cli.get(cli.indexOf("--findings-file") + 1));
        assertTrue(findings.startsWith(scripts.runnerTemp()) && !findings.startsWith(work), findings.toString());
        Map<String, String> recorded = recordedEnv();
        assertEquals("conn-token-xyz", recorded.get("COPILOT_CONNECTION_TOKEN"));
        assertEquals("github_pat_copilot", recorded.get("COPILOT_GITHUB_TOKEN"));
        assertEquals("from-the-job-env", recorded.get("GITHUB_TOKEN"), "an empty input does not hide the job's token");
    }

    @Test
    void onPullRequestEventsInstructionsComeFromTheBaseRefUnlessTheInputSaysOtherwise() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.test3"));
        Map<String, String> env = runEnv(fakeJava(0), work);
        env.put("CCI_INSTRUCTIONS", "");
        for (String event : List.of("pull_request", "pull_request_target", "push")) {
            env.put("GITHUB_EVENT_NAME", event);
            assertEquals(0, script("run.sh", env).exitCode());
            List<String> args = recordedArgs();
            if (event.equals("push")) {
                assertFalse(args.contains("--instructions"), "outside pull requests the runner's default holds");
            } else {
                assertEquals("base", args.get(args.indexOf("--instructions") + 1), event);
            }
        }
        env.put("CCI_INSTRUCTIONS", "none");
        assertEquals(0, script("run.sh", env).exitCode());
        assertEquals("none", recordedArgs().get(recordedArgs().indexOf("--instructions") + 1), "the input wins");
    }

    private Path classArchive() {
        return tmp.resolve("tool-cache/copilot-ci/class-data/copilot-runner-123.jsa");
    }

    private Map<String, String> archiveRunEnv(int exitCode, Path work) throws Exception {
        Map<String, String> env = runEnv(fakeJava(exitCode), work);
        env.put("CCI_CLASS_ARCHIVE", classArchive().toString());
        return env;
    }

    private List<Path> classDataFiles() throws Exception {
        try (var files = Files.list(classArchive().getParent())) {
            return files.sorted().toList();
        }
    }

    @Test
    void runWritesTheClassArchiveOnceThenMapsIt() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        Path archive = classArchive();
        Map<String, String> env = archiveRunEnv(0, work);

        assertEquals(0, script("run.sh", env).exitCode());
        List<String> first = recordedArgs();
        assertEquals("@" + scripts.actionDir().resolve("scripts/runner-jvm.options"), first.get(0),
                "the JVM options file");
        String writing = first.stream().filter(a -> a.startsWith("-XX:ArchiveClassesAtExit=")).findFirst()
                .orElseThrow(() -> new AssertionError(first.toString()));
        assertTrue(writing.startsWith("-XX:ArchiveClassesAtExit=" + archive + "."), "written under a temporary name");
        assertEquals("classes", Files.readString(archive), "moved into place after a successful run");
        assertEquals(List.of(archive), classDataFiles(), "no temporary file left");

        assertEquals(0, script("run.sh", env).exitCode());
        List<String> second = recordedArgs();
        assertTrue(second.contains("-XX:SharedArchiveFile=" + archive), second.toString());
        assertFalse(second.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit")), second.toString());

        Map<String, String> none = runEnv(fakeJava(0), work);
        none.put("CCI_CLASS_ARCHIVE", "");
        assertEquals(0, script("run.sh", none).exitCode());
        assertFalse(recordedArgs().stream().anyMatch(a -> a.contains("Archive")), "no archive, no CDS options");
    }

    @Test
    void runKeepsTheClassArchiveOnlyFromASuccessfulRun() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        // A usage error (2) loads only part of the runner's classes; a run stopped by the time limit (124) may have
        // been killed while writing.
        for (int failed : new int[] {1, 2, 124}) {
            assertEquals(failed == 124 ? 1 : failed, script("run.sh", archiveRunEnv(failed, work)).exitCode());
            assertEquals(List.of(), classDataFiles(), "exit " + failed);
        }
    }

    @Test
    void runOnAGithubHostedRunnerMapsAnArchiveButWritesNone() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        Map<String, String> env = archiveRunEnv(0, work);
        env.put("RUNNER_ENVIRONMENT", "github-hosted");
        assertEquals(0, script("run.sh", env).exitCode());
        List<String> args = recordedArgs();
        assertEquals("@" + scripts.actionDir().resolve("scripts/runner-jvm.options"), args.get(0));
        assertFalse(args.stream().anyMatch(a -> a.contains("Archive")), args.toString());
        assertFalse(Files.exists(classArchive()));

        Files.createDirectories(classArchive().getParent());
        Files.writeString(classArchive(), "classes");
        assertEquals(0, script("run.sh", env).exitCode());
        assertTrue(recordedArgs().contains("-XX:SharedArchiveFile=" + classArchive()));
    }

    @Test
    void runDropsAnArchiveTheJvmCrashedOnAndPrunesStaleOnes() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        Path dir = Files.createDirectories(classArchive().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(classArchive(), "damaged");
        assertEquals(135, script("run.sh", archiveRunEnv(135, work)).exitCode()); // SIGBUS while mapping it
        assertFalse(Files.exists(classArchive()), "the next run writes a new one");

        Path unusedForAWeek = dir.resolve("copilot-runner-9.jsa");
        Path usedYesterday = dir.resolve("copilot-runner-8.jsa");
        Path killedWriter = dir.resolve("copilot-runner-7.jsa.AbC123");
        Path activeWriter = dir.resolve("copilot-runner-6.jsa.XyZ789");
        for (Path p : List.of(unusedForAWeek, usedYesterday, killedWriter, activeWriter)) {
            Files.writeString(p, "x");
        }
        Instant now = Instant.now();
        Files.setLastModifiedTime(unusedForAWeek, FileTime.from(now.minus(Duration.ofDays(8))));
        Files.setLastModifiedTime(usedYesterday, FileTime.from(now.minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(killedWriter, FileTime.from(now.minus(Duration.ofHours(2))));
        assertEquals(0, script("run.sh", archiveRunEnv(0, work)).exitCode());
        assertEquals(List.of(classArchive(), activeWriter, usedYesterday), classDataFiles());
    }

    @Test
    void runCancelledWhileTheRunnerWritesItsArchiveWaitsForItAndKeepsNothing() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.cds"));
        Path started = tmp.resolve("started");
        Path java = tmp.resolve("slow-java");
        // Ends on TERM the way the JVM does: it stops its CLI, then writes the archive it was asked for, then exits.
        fakeExecutable(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case $a in -XX:ArchiveClassesAtExit=*) pending=${a#*=} ;; esac
                done
                trap 'sleep 1; printf classes > "$pending"; exit 143' TERM
                touch "%s"
                while :; do sleep 0.1; done
                """.formatted(started));
        Map<String, String> env = scripts.env(runEnv(java, work));
        env.put("CCI_CLASS_ARCHIVE", classArchive().toString());
        ProcessBuilder pb = new ProcessBuilder("bash", scripts.actionDir().resolve("scripts/run.sh").toString())
                .directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("cancel.out").toFile());
        pb.environment().putAll(env);
        Process run = pb.start();
        try {
            long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
            while (!Files.exists(started) && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a bounded wait; nothing depends on its length
            }
            assertTrue(Files.exists(started), "the runner started");
            List<ProcessHandle> runner = run.descendants().toList();
            ProcessHandle.of(run.pid()).orElseThrow().destroy(); // SIGTERM, as a cancelled job
            assertTrue(run.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "run.sh ended");
            for (ProcessHandle p : runner) {
                p.onExit().get(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals(List.of(), classDataFiles(), "the cancelled run's archive is neither kept nor left behind");
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void cleanupStopsALeftoverRunnerAndRemovesOnlyItsOwnDirectory() throws Exception {
        Path work = Files.createDirectories(scripts.runnerTemp().resolve("copilot-ci.abc12345"));
        Files.writeString(work.resolve("prompt.txt"), "secret prompt");
        Process leftover = new ProcessBuilder("setsid", "sleep", "300").start();
        try {
            Files.writeString(work.resolve("runner.pid"), Long.toString(leftover.pid()));
            ProcessRun run = script("cleanup.sh", Map.of("CCI_WORK_DIR", work.toString()));
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(leftover.waitFor(20, TimeUnit.SECONDS), "leftover runner stopped");
            assertFalse(Files.exists(work));
        } finally {
            leftover.destroyForcibly();
        }

        Path foreign = Files.createDirectories(tmp.resolve("not-ours"));
        ProcessRun refused = script("cleanup.sh", Map.of("CCI_WORK_DIR", foreign.toString()));
        assertEquals(0, refused.exitCode());
        assertTrue(Files.isDirectory(foreign));
        ProcessRun empty = script("cleanup.sh", Map.of("CCI_WORK_DIR", ""));
        assertEquals(0, empty.exitCode());
    }

    private static void fakeExecutable(Path file, String content) throws Exception {
        FakeCommands.script(file, content);
        assertNotEquals(0, Files.size(file));
    }
}
