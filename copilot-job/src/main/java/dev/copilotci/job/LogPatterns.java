package dev.copilotci.job;

import java.util.Locale;
import java.util.regex.Pattern;

/** What makes a build-log line interesting; shared, immutable. */
final class LogPatterns {

    // Lines that report a failure. Each rule is guarded by a plain substring test so the common line (no keyword at
    // all) costs a few indexOf calls instead of a regex with many alternatives. Case matters where lower case would
    // match ordinary prose.
    private static final Pattern WORD_ERROR = Pattern.compile("\\bERROR\\b");
    private static final Pattern WORD_FATAL = Pattern.compile("\\bFATAL\\b");
    private static final Pattern WORD_FAIL = Pattern.compile("\\bFAIL(?:ED|URE|S)?\\b"); // BUILD FAILED, jest FAIL
    /** error:, Error:, error[E0308]:, fatal:, File.java:12: error: */
    private static final Pattern ERROR_COLON = Pattern.compile("\\b(?:error|fatal)(?:\\[[\\w-]+])?:");
    /** java.io.IOException, TypeError, AssertionFailedError, make's "Error 2" (the class name may be qualified). */
    private static final Pattern THROWABLE = Pattern.compile("(?:Exception|Error|Throwable)\\b");
    private static final Pattern TSC_ERROR = Pattern.compile("\\(\\d+,\\d+\\): error\\b");
    private static final Pattern ESLINT_ERROR = Pattern.compile("^\\s*\\d+:\\d+\\s+error\\b");
    private static final Pattern EXIT_CODE = Pattern.compile("\\bexit(?:ed)? (?:with )?(?:code|status)[ :=]*[1-9]");
    private static final Pattern CRASH = Pattern.compile(
            "\\b(?:segmentation fault|core dumped|out of memory|oomkilled)\\b");
    private static final Pattern SUREFIRE_COUNTS = Pattern.compile("\\b(?:Failures|Errors): [1-9]");
    /** pytest "1 failed", mocha "2 failing", "3 errors". */
    private static final Pattern FAILED_COUNT = Pattern.compile(
            "\\b[1-9]\\d* (?:failed|failing|failures?|errors?)\\b");

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
        if (line.contains("ERROR") && WORD_ERROR.matcher(line).find()
                || line.contains("FATAL") && WORD_FATAL.matcher(line).find()
                || line.contains("FAIL") && WORD_FAIL.matcher(line).find()
                || line.contains("Caused by:")
                || line.contains("Traceback (most recent call last)")
                || line.startsWith("npm ERR!") || line.startsWith("npm error")
                || line.startsWith("panic: ")
                || (line.contains("Exception") || line.contains("Error") || line.contains("Throwable"))
                        && THROWABLE.matcher(line).find()
                || (line.contains("Failures: ") || line.contains("Errors: ")) && SUREFIRE_COUNTS.matcher(line).find()
                || startsWithFailureMark(line)) {
            return true;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        boolean error = lower.contains("error");
        boolean fail = lower.contains("fail");
        return error && (ERROR_COLON.matcher(lower).find() || TSC_ERROR.matcher(lower).find()
                        || ESLINT_ERROR.matcher(lower).find())
                || lower.contains("fatal:") && ERROR_COLON.matcher(lower).find()
                || lower.contains("exit") && (EXIT_CODE.matcher(lower).find() || lower.contains("non-zero exit"))
                || (error || fail) && FAILED_COUNT.matcher(lower).find()
                || fail && (lower.contains("command failed") || lower.contains("assertion failed")
                        || lower.contains("assertionerror failed"))
                || (lower.contains("fault") || lower.contains("dumped") || lower.contains("memory")
                        || lower.contains("oomkilled")) && CRASH.matcher(lower).find();
    }

    /** ✗ ✕ ✖ × as the first visible character: test-runner failure marks. */
    private static boolean startsWithFailureMark(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i + 1 >= line.length() || line.charAt(i + 1) != ' ') {
            return false;
        }
        char c = line.charAt(i);
        return c == '\u2717' || c == '\u2715' || c == '\u2716' || c == '\u00D7';
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
