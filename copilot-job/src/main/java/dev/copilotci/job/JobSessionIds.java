package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Session ids for CI jobs. The Copilot CLI accepts only letters, digits, {@code -} and {@code _} (anything else is
 * rejected by {@code session.create}) and uses the id as a directory name, so ids are kept to
 * {@value #MAX_LENGTH} characters.
 *
 * <p>{@link #forJob(String, String, int)} gives {@code ci-<name>-<run>-<attempt>-<hash>}: a readable, sanitized and
 * possibly truncated job name and run id, plus 12 hex digits of a SHA-256 over the <em>original</em> identity, so
 * jobs whose sanitized names collide ({@code a/b} and {@code a_b}, or long names with a common prefix) still get
 * different ids. The same identity always gives the same id, which is what lets a job find its session again.
 */
public final class JobSessionIds {

    /** Longest id produced or accepted. */
    public static final int MAX_LENGTH = 128;

    static final String RULE = "1 to " + MAX_LENGTH + " characters, only letters A-Z a-z, digits 0-9, '-' and '_'";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final int HASH_CHARS = 12;
    private static final int RANDOM_CHARS = 20;
    private static final int MAX_RUN_CHARS = 24;
    /** Every job session id starts with it: what pruning a shared server of job sessions matches. */
    public static final String PREFIX = "ci-";

    private JobSessionIds() {
    }

    /**
     * The session id of one attempt of one run of a job.
     *
     * @param jobName the job's full name (Jenkins {@code Job.getFullName()}, GitHub {@code repo/workflow/job})
     * @param runId the run (build number, {@code GITHUB_RUN_ID})
     * @param attempt the attempt of that run, {@code >= 0} ({@code GITHUB_RUN_ATTEMPT}; 1 where there is none)
     * @throws IllegalArgumentException if the name or run id is blank or the attempt negative
     */
    public static String forJob(String jobName, String runId, int attempt) {
        if (jobName == null || jobName.isBlank()) {
            throw new IllegalArgumentException("jobName must not be blank");
        }
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, was " + attempt);
        }
        String run = sanitize(runId, MAX_RUN_CHARS, "run");
        String attemptText = Integer.toString(attempt);
        String hash = hash(jobName, runId, attempt);
        int nameBudget = MAX_LENGTH - PREFIX.length() - run.length() - attemptText.length() - HASH_CHARS - 3;
        String name = sanitize(jobName, nameBudget, "job");
        return requireValid(PREFIX + name + "-" + run + "-" + attemptText + "-" + hash);
    }

    /**
     * {@link #forJob(String, String, int)} plus {@value #RANDOM_CHARS} random hex digits (80 bits from a
     * {@link java.security.SecureRandom}): on a shared server every job's sessions sit side by side, and an id one
     * job can derive from another's name and run number would let it resume (read, steer) that job's session.
     * Whoever needs the session again keeps the id (the action's {@code session-id} output, the Jenkins block's
     * handle).
     */
    public static String forJobUnguessable(String jobName, String runId, int attempt) {
        byte[] random = new byte[RANDOM_CHARS / 2];
        new java.security.SecureRandom().nextBytes(random);
        String suffix = "-" + java.util.HexFormat.of().formatHex(random);
        String base = forJob(jobName, runId, attempt);
        if (base.length() + suffix.length() > MAX_LENGTH) {
            // Keep the hash (it tells jobs apart): cut the readable part in front of it.
            base = base.substring(0, MAX_LENGTH - suffix.length() - HASH_CHARS - 1) + base.substring(base.length() - HASH_CHARS - 1);
        }
        return requireValid(base + suffix);
    }

    /** Whether the CLI accepts {@code id} as a session id (and it fits {@value #MAX_LENGTH} characters). */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Returns {@code id} if valid.
     *
     * @throws IllegalArgumentException naming the rule otherwise
     */
    public static String requireValid(String id) {
        if (isValid(id)) {
            return id;
        }
        String shown = id == null ? "null" : id.isEmpty() ? "empty" : "'" + UntrustedText.singleLine(id, 60) + "'";
        throw new IllegalArgumentException("Invalid session id " + shown + ": a session id must have " + RULE
                + (id != null && id.length() > MAX_LENGTH ? " (it has " + id.length() + ")" : ""));
    }

    /**
     * Letters without accents, digits, '-' and '_'; every run of other characters becomes one '_'; no leading or
     * trailing separators; at most {@code max} characters.
     */
    static String sanitize(String raw, int max, String fallback) {
        String plain = COMBINING_MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder out = new StringBuilder(Math.min(plain.length(), max + 1));
        boolean pendingUnderscore = false;
        for (int i = 0; i < plain.length() && out.length() < max; i++) {
            char c = plain.charAt(i);
            boolean keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!keep) {
                pendingUnderscore = true; // covers '_' itself, so "a__b" and "a/b" read alike; the hash tells them apart
                continue;
            }
            if (pendingUnderscore && out.length() > 0) {
                out.append('_');
            }
            pendingUnderscore = false;
            if (out.length() < max) {
                out.append(c);
            }
        }
        int start = 0;
        int end = Math.min(out.length(), max);
        while (start < end && (out.charAt(start) == '-' || out.charAt(start) == '_')) {
            start++;
        }
        while (end > start && (out.charAt(end - 1) == '-' || out.charAt(end - 1) == '_')) {
            end--;
        }
        return start == end ? fallback : out.substring(start, end);
    }

    private static String hash(String jobName, String runId, int attempt) {
        // Length-prefixed so that no two identities share an encoding; UTF-16 is lossless for any Java string.
        String identity = jobName.length() + ":" + jobName + "|" + runId.length() + ":" + runId + "|" + attempt;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_16BE));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
