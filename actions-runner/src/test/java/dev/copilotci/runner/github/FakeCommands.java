package dev.copilotci.runner.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** Stand-ins for the tools the action's scripts call (npm, java), written as small bash scripts. */
final class FakeCommands {
    private FakeCommands() {
    }

    /** Writes an executable script. */
    static void script(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * An npm that appends each command line to {@code callLog}, copies the lockfile it finds under --prefix to
     * {@code callLog + ".lock"}, and "installs" a copilot stub under --prefix.
     */
    static void npm(Path file, Path callLog) throws IOException {
        script(file, """
                #!/usr/bin/env bash
                printf '%%s\\n' "$*" >> '%1$s'
                prefix=""
                while [ $# -gt 0 ]; do
                  if [ "$1" = --prefix ]; then prefix=$2; shift; fi
                  shift
                done
                if [ -f "$prefix/package-lock.json" ]; then cp "$prefix/package-lock.json" '%1$s.lock'; fi
                mkdir -p "$prefix/node_modules/.bin"
                printf '#!/bin/sh\\n' > "$prefix/node_modules/.bin/copilot"
                chmod +x "$prefix/node_modules/.bin/copilot"
                """.formatted(callLog));
    }

    /**
     * The environment {@code run.sh} needs to start a {@code prompt} run with a fake {@code java} (which records
     * into {@code fakeDir}) and the runner's work directory {@code work}; a mutable map for the caller's inputs.
     */
    static Map<String, String> runScriptEnv(Path fakeDir, Path java, Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("FAKE_DIR", fakeDir.toString());
        env.put("CCI_JAVA", java.toString());
        env.put("CCI_JAR", "/path/copilot-runner.jar");
        env.put("CCI_WORK_DIR", work.toString());
        env.put("CCI_CLI_PATH", "/cache/copilot");
        env.put("CCI_MODE", "prompt");
        return env;
    }
}
