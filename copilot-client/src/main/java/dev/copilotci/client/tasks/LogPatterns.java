package dev.copilotci.client.tasks;

import java.util.regex.Pattern;

/** What makes a build-log line interesting; shared, immutable. */
final class LogPatterns {

    /** Lines that report a failure. Case matters where lower case would match ordinary prose. */
    private static final Pattern TRIGGER = Pattern.compile(String.join("|",
            "\\bERROR\\b",
            "\\bFATAL\\b",
            "\\bFAIL(?:ED|URE|S)?\\b", // BUILD FAILED/FAILURE, FAILED tests, jest "FAIL", go "--- FAIL:"
            "(?i:\\b(?:error|fatal)(?:\\[[\\w-]+])?:)", // error:, Error:, error[E0308]:, fatal:, file:1: error:
            "\\b[\\w.$]*(?:Exception|Error|Throwable)\\b", // java.io.IOException, TypeError, make "Error 2"
            "Caused by:",
            "Traceback \\(most recent call last\\)",
            "^npm (?:ERR!|error)",
            "\\(\\d+,\\d+\\): error\\b", // tsc, msbuild: file.ts(3,5): error TS2322
            "^\\s*\\d+:\\d+\\s+error\\b", // eslint
            "(?i:\\bexit(?:ed)? (?:with )?(?:code|status)[ :=]*[1-9])",
            "(?i:non-zero exit)",
            "(?i:\\b(?:segmentation fault|core dumped|out of memory|OOMKilled)\\b)",
            "^panic: ",
            "\\b(?:Failures|Errors): [1-9]", // surefire "Tests run: 5, Failures: 1, Errors: 0"
            "(?i:\\b[1-9]\\d* (?:failed|failing|failures?|errors?)\\b)", // pytest "1 failed", mocha "2 failing"
            "^\\s*[\u2717\u2715\u2716\u00D7] ", // ✗ ✕ ✖ × test-runner failure marks
            "(?i:\\bcommand failed\\b)",
            "(?i:\\bassertion(?:error)? failed\\b)"));

    /** Lines that continue a stack trace (Java, JVM languages, .NET, JavaScript, Python, Go). */
    private static final Pattern FRAME = Pattern.compile(String.join("|",
            "^\\s+at \\S",
            "^\\s*\\.\\.\\. \\d+ (?:more|common frames omitted)",
            "^\\s*Suppressed: ",
            "^\\s+File \".*\", line \\d+",
            "^\\t\\S+\\.go:\\d+"));

    private static final Pattern PYTHON_TRACEBACK = Pattern.compile("Traceback \\(most recent call last\\)");

    /** Leading timestamps (GitHub "2024-01-02T03:04:05.1234567Z", Jenkins timestamper "[12:34:56]", ...). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\s*\\[?(?:\\d{4}-\\d{2}-\\d{2}[T ])?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?]?\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private LogPatterns() {
    }

    static boolean isTrigger(String line) {
        return TRIGGER.matcher(line).find();
    }

    static boolean isFrame(String line, boolean inPythonTraceback) {
        if (inPythonTraceback && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
            return true; // "  File ..., line N" and the source line under it
        }
        return FRAME.matcher(line).find();
    }

    static boolean startsPythonTraceback(String line) {
        return PYTHON_TRACEBACK.matcher(line).find();
    }

    /** The key under which repeated error lines are recognised: no timestamp, whitespace collapsed. */
    static String dedupKey(String line) {
        return SPACES.matcher(TIMESTAMP.matcher(line).replaceFirst("")).replaceAll(" ").strip();
    }
}
