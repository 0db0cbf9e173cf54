package dev.copilotci.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a Copilot CLI server of our own.
 *
 * @param cliPath            the {@code copilot} executable, the npm loader script, or {@code null} for env
 *                           {@code COPILOT_CLI_PATH}, else {@code copilot} on {@code PATH}
 * @param mode               {@link Mode#TCP} (random loopback port, random connection token) or {@link Mode#STDIO}
 * @param extraArgs          appended after our own flags
 * @param environment        added to (or, with {@code inheritEnvironment=false}, instead of) this process's environment
 * @param workingDirectory   the server's working directory, {@code null} for ours
 * @param startTimeout       how long the server may take to say it is listening
 * @param logSink            receives the server's stderr (and stdout in TCP mode) line by line, secrets masked
 */
public record CliLaunchOptions(
        Path cliPath,
        Mode mode,
        List<String> extraArgs,
        Map<String, String> environment,
        boolean inheritEnvironment,
        Path workingDirectory,
        Duration startTimeout,
        Consumer<String> logSink) {

    public enum Mode { TCP, STDIO }

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    public CliLaunchOptions {
        Objects.requireNonNull(mode, "mode");
        extraArgs = List.copyOf(extraArgs == null ? List.of() : extraArgs);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        logSink = logSink == null ? line -> { } : logSink;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Environment variable names only: their values may be secrets. */
    @Override
    public String toString() {
        return "CliLaunchOptions[cliPath=" + cliPath + ", mode=" + mode + ", extraArgs=" + extraArgs
                + ", environment=" + environment.keySet() + ", inheritEnvironment=" + inheritEnvironment
                + ", workingDirectory=" + workingDirectory + ", startTimeout=" + startTimeout + "]";
    }

    public static final class Builder {
        private Path cliPath;
        private Mode mode = Mode.TCP;
        private final List<String> extraArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean inheritEnvironment = true;
        private Path workingDirectory;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Consumer<String> logSink;

        public Builder cliPath(Path cliPath) {
            this.cliPath = cliPath;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder extraArgs(List<String> args) {
            this.extraArgs.addAll(args);
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment.putAll(env);
            return this;
        }

        public Builder env(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        public Builder inheritEnvironment(boolean inherit) {
            this.inheritEnvironment = inherit;
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder logSink(Consumer<String> sink) {
            this.logSink = sink;
            return this;
        }

        public CliLaunchOptions build() {
            return new CliLaunchOptions(cliPath, mode, extraArgs, environment, inheritEnvironment, workingDirectory,
                    startTimeout, logSink);
        }
    }
}
