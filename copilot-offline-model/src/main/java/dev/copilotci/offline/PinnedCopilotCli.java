package dev.copilotci.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pinned Copilot CLI that the build installs with npm into {@code tools/copilot-cli/node_modules}.
 *
 * <p>Lookup order: env {@code COPILOT_CLI_PATH} (the executable itself), system property {@code copilot.cli.dir} (set by
 * surefire to {@code <repo>/tools/copilot-cli}), then walking up from the working directory to find
 * {@code tools/copilot-cli}.
 */
public final class PinnedCopilotCli {

    /** The version the project pins in {@code tools/copilot-cli/package.json}. */
    public static final String EXPECTED_VERSION = "1.0.102";
    public static final String ENV_CLI_PATH = "COPILOT_CLI_PATH";
    public static final String PROPERTY_CLI_DIR = "copilot.cli.dir";

    private static final String FIX = "run `mvn -pl copilot-test-support generate-resources` (or `npm install` in "
            + "tools/copilot-cli) to install the pinned CLI";

    private final Path executable;
    private final Path nodeModules; // null when COPILOT_CLI_PATH points outside an npm install

    private PinnedCopilotCli(Path executable, Path nodeModules) {
        this.executable = executable;
        this.nodeModules = nodeModules;
    }

    /** Locates the CLI from the real environment, system properties and working directory. */
    public static PinnedCopilotCli locate() {
        return locate(System.getenv(), System.getProperty(PROPERTY_CLI_DIR), Paths.get("").toAbsolutePath());
    }

    static PinnedCopilotCli locate(Map<String, String> env, String cliDirProperty, Path workingDir) {
        String override = env.get(ENV_CLI_PATH);
        if (override != null && !override.isBlank()) {
            Path exe = Paths.get(override).toAbsolutePath();
            if (!Files.isRegularFile(exe)) {
                throw new IllegalStateException(ENV_CLI_PATH + "=" + override + " does not exist");
            }
            return new PinnedCopilotCli(exe, enclosingNodeModules(exe).orElse(null));
        }
        if (cliDirProperty != null && !cliDirProperty.isBlank()) {
            return at(Paths.get(cliDirProperty));
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools").resolve("copilot-cli");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return at(candidate);
            }
        }
        throw new IllegalStateException("cannot find tools/copilot-cli above " + workingDir + " (set " + ENV_CLI_PATH
                + " or -D" + PROPERTY_CLI_DIR + "); " + FIX);
    }

    /** The CLI installed under {@code cliDir/node_modules} (cliDir = {@code tools/copilot-cli}). */
    public static PinnedCopilotCli at(Path cliDir) {
        Path nodeModules = cliDir.toAbsolutePath().normalize().resolve("node_modules");
        Path exe = nodeModules.resolve(".bin").resolve(isWindows() ? "copilot.cmd" : "copilot");
        if (!Files.exists(exe)) {
            throw new IllegalStateException("pinned Copilot CLI missing: " + exe + "; " + FIX);
        }
        return new PinnedCopilotCli(exe, nodeModules);
    }

    /** The command to run: the npm loader {@code node_modules/.bin/copilot} (or {@code COPILOT_CLI_PATH}). */
    public Path executable() {
        return executable;
    }

    /** {@code executable()} followed by {@code args}, ready for a {@link ProcessBuilder}. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The {@code node_modules} directory holding the CLI, if known. */
    public Optional<Path> nodeModules() {
        return Optional.ofNullable(nodeModules);
    }

    /**
     * The platform's native binary, e.g. {@code node_modules/@github/copilot-linux-x64/copilot}. The npm loader runs it
     * as a child process; launching it directly gives a single-process tree.
     */
    public Path nativeBinary() {
        if (nodeModules == null) {
            if (!isScript(executable)) {
                return executable; // COPILOT_CLI_PATH already names a native binary
            }
            throw new IllegalStateException("cannot resolve the native binary of " + executable
                    + " (not inside node_modules); " + FIX);
        }
        // npm installs only the platform package that fits this machine (its os/cpu fields): the one present is it.
        // (Which package fits which machine is the engine's CliPlatform; this locator only finds what npm chose.)
        List<Path> present = new ArrayList<>();
        Path scope = nodeModules.resolve("@github");
        try (var packages = Files.isDirectory(scope) ? Files.list(scope) : java.util.stream.Stream.<Path>empty()) {
            packages.filter(d -> d.getFileName().toString().startsWith("copilot-"))
                    .map(d -> d.resolve(isWindows() ? "copilot.exe" : "copilot"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(present::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + nodeModules.resolve("@github") + "; " + FIX, e);
        }
        if (present.size() != 1) {
            throw new IllegalStateException((present.isEmpty() ? "no native Copilot CLI binary" : "several native"
                    + " Copilot CLI binaries " + present) + " under " + nodeModules.resolve("@github")
                    + "; set COPILOT_CLI_PATH to the one for this machine, or " + FIX);
        }
        return present.get(0);
    }

    /** Version from {@code node_modules/@github/copilot/package.json}. */
    public String version() {
        if (nodeModules == null) {
            throw new IllegalStateException("cannot read the version of " + executable + " (not inside node_modules)");
        }
        Path packageJson = nodeModules.resolve("@github").resolve("copilot").resolve("package.json");
        try {
            JsonNode pkg = new ObjectMapper().readTree(packageJson.toFile());
            JsonNode version = pkg.get("version");
            if (version == null || !version.isTextual()) {
                throw new IllegalStateException("no version in " + packageJson);
            }
            return version.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + packageJson + "; " + FIX, e);
        }
    }

    private static Optional<Path> enclosingNodeModules(Path exe) {
        Path real;
        try {
            real = exe.toRealPath(); // .bin/copilot is a symlink to @github/copilot/npm-loader.js
        } catch (IOException e) {
            real = exe;
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")
                    && Files.isDirectory(dir.resolve("@github").resolve("copilot"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean isScript(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
    }

    @Override
    public String toString() {
        return "PinnedCopilotCli[" + executable + "]";
    }
}
