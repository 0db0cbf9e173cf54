package dev.copilotci.runner;

import java.nio.file.Path;

/** The options only one command has; the rest of {@link RunnerOptions} is common to all commands. */
sealed interface CommandOptions {

    /**
     * {@code prompt}: exactly one of the text or the file ("-" for stdin); if a schema file is given, the answer must
     * be JSON valid against it.
     */
    record Prompt(String prompt, Path promptFile, Path outputSchema) implements CommandOptions {
    }

    /** {@code review}: a diff file (else the diff against the base ref); where findings go; the failing severity. */
    record Review(Path diffFile, Path findingsFile, String failOn) implements CommandOptions {
    }

    /** {@code explain-failure} (and {@code demo}, which explains its bundled log): the log and its budget. */
    record ExplainFailure(Path logFile, int maxLogChars, String runId) implements CommandOptions {
    }

    /** {@code bench}: lifecycles, concurrency, or the engine-overhead measurement. */
    record Bench(int n, int concurrency, boolean overhead) implements CommandOptions {
    }

    /** {@code health}: how long each URL may take. */
    record Health(java.time.Duration perUrl) implements CommandOptions {
    }

    /** {@code sessions list|prune}: which sessions (id prefix) and, to prune, how old. */
    record Sessions(String action, String prefix, java.time.Duration olderThan, java.time.Duration perUrl)
            implements CommandOptions {
    }

    /** {@code help}. */
    record None() implements CommandOptions {
    }
}
