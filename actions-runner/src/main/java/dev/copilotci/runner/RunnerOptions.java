package dev.copilotci.runner;

import dev.copilotci.client.PermissionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything the command line said, parsed and checked; see {@code help.txt} for the meaning of each. */
record RunnerOptions(
        String command,
        List<String> cliUrls,
        Path cliPath,
        String model,
        String providerType,
        String providerBaseUrl,
        String providerApiKeyEnv,
        String prompt,
        Path promptFile,
        String sessionId,
        boolean keepSession,
        Duration timeout,
        Duration inactivityTimeout,
        PermissionPolicy permissions,
        Path workingDirectory,
        Path diffFile,
        String base,
        Path logFile,
        Path findingsFile,
        Path responseFile,
        String post,
        String failOn,
        int maxLogChars,
        int benchN,
        int benchConcurrency,
        boolean overhead,
        boolean verbose,
        String instructions) {
}
