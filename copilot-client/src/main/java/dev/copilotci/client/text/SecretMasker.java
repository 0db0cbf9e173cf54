package dev.copilotci.client.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replaces every occurrence of known secret values with {@value #MASK}.
 *
 * <p>Values that are {@code null}, blank or shorter than {@value #MIN_SECRET_LENGTH} characters (after trimming)
 * are ignored: masking them would shred ordinary output (credentials-binding learned this with one-character
 * secrets). Besides each value itself, its trimmed form and, for multi-line values (PEM keys, JSON key files), each
 * of its lines (if long enough) are masked too, so that a multi-line secret printed line by line is masked line by
 * line.
 *
 * <p>Encoded forms are masked as well, because a secret leaves a job encoded as often as plain: its URL-encoding, and
 * its base64 form at each of the three byte alignments it can have inside a longer base64 string (HTTP basic auth,
 * or {@code actions/checkout}'s {@code AUTHORIZATION: basic base64(x-access-token:SECRET)} in {@code .git/config}).
 * For each alignment only the base64 characters that depend on the secret's bytes alone are kept, so the form is
 * found whatever precedes or follows it; these derived forms need at least {@value #MIN_ENCODED_LENGTH} characters.
 *
 * <p>Overlapping or adjacent occurrences (including one secret inside another) are masked as one run, so no
 * character of any occurrence leaks.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>{@link #mask(String)} on complete text, or on <em>whole lines</em> of a line-oriented output. A secret is
 *       masked wherever it occurs within one call. A single-line secret cannot span two whole lines, and the lines of
 *       a multi-line secret are masked individually, so line-by-line masking does not leak.</li>
 *   <li>{@link #streaming()} for arbitrary chunks (e.g. model deltas that may cut a token in half): feed chunks in
 *       order to {@link Streaming#accept(CharSequence)}, emit what it returns, and call {@link Streaming#flush()} at
 *       the end. The concatenated output is exactly {@code mask(concatenated input)}; at most (longest secret − 1)
 *       characters are held back between calls, and only while they could still be the start of a secret.</li>
 * </ul>
 * Instances are immutable and thread-safe; {@link Streaming} instances are not. {@link #toString()} never reveals
 * the values.
 */
public final class SecretMasker {

    /** The replacement for each masked run. */
    public static final String MASK = "****";
    /** Shorter values are not treated as secrets. */
    public static final int MIN_SECRET_LENGTH = 4;
    /** Shorter encoded forms are not masked: a few base64 characters occur by chance in ordinary text. */
    public static final int MIN_ENCODED_LENGTH = 8;

    private static final SecretMasker NONE = new SecretMasker(List.of());

    /**
     * Secrets grouped by their first {@value #MIN_SECRET_LENGTH} characters (packed into a long), longest first, so
     * the first hit at a position is the longest. Keying on four characters keeps the scan fast even when many
     * secrets share a first character.
     */
    private final Map<Long, String[]> byPrefix;
    /** Secrets by first character, longest first: only for a short remainder at the end of a streaming buffer. */
    private final Map<Character, String[]> byFirstChar;
    private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
    private final int count;
    private final int maxLength;

    private SecretMasker(Collection<String> values) {
        TreeSet<String> unique = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (String value : values) {
            addVariants(value, unique);
        }
        Map<Long, List<String>> byKey = new HashMap<>();
        Map<Character, List<String>> byChar = new HashMap<>();
        int longest = 0;
        for (String s : unique) { // iteration order: longest first
            byKey.computeIfAbsent(prefixKey(s, 0), k -> new ArrayList<>()).add(s);
            byChar.computeIfAbsent(s.charAt(0), k -> new ArrayList<>()).add(s);
            firstChars.set(s.charAt(0));
            longest = Math.max(longest, s.length());
        }
        Map<Long, String[]> prefixIndex = new HashMap<>();
        byKey.forEach((k, v) -> prefixIndex.put(k, v.toArray(new String[0])));
        Map<Character, String[]> charIndex = new HashMap<>();
        byChar.forEach((k, v) -> charIndex.put(k, v.toArray(new String[0])));
        this.byPrefix = prefixIndex;
        this.byFirstChar = charIndex;
        this.count = unique.size();
        this.maxLength = longest;
    }

    /** A masker for the given values (see the class comment for which values count). */
    public static SecretMasker of(Collection<String> values) {
        return values == null || values.isEmpty() ? NONE : new SecretMasker(values);
    }

    /** A masker for the given values (see the class comment for which values count). */
    public static SecretMasker of(String... values) {
        return values == null ? NONE : of(java.util.Arrays.asList(values));
    }

    /** A masker that masks nothing. */
    public static SecretMasker none() {
        return NONE;
    }

    /** Whether there is nothing to mask. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of distinct strings masked (values plus their trimmed and per-line variants). */
    public int size() {
        return count;
    }

    /** Masks every occurrence in {@code text}; {@code null} stays {@code null}. */
    public String mask(String text) {
        if (text == null || count == 0 || text.isEmpty()) {
            return text;
        }
        int first = firstMatchAt(text);
        if (first < 0) {
            return text; // the common case: no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        appendMasked(text, first, text.length(), false, 0, out);
        return out.toString();
    }

    private int firstMatchAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (firstChars.get(text.charAt(i)) && longestMatchAt(text, i) > 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The scan both {@link #mask} and {@link Streaming} use: appends {@code text[0, cut)} to {@code out} with each run
     * of overlapping or adjacent occurrences replaced by one {@link #MASK}; occurrences are looked for from
     * {@code from} on (none starts before it). When {@code continuing}, the text starts inside a run whose mask was
     * already emitted and that covers its first {@code carried} characters. Returns how far past {@code cut} the last
     * run reaches if it reaches {@code cut} (its mask is emitted), else -1.
     */
    private int appendMasked(String text, int from, int cut, boolean continuing, int carried, StringBuilder out) {
        int copied = 0;
        int runStart = -1;
        int runEnd = -1;
        boolean runEmitted = false;
        if (continuing) {
            runStart = 0;
            runEnd = carried;
            runEmitted = true;
        }
        for (int i = from; i < cut; i++) {
            if (!firstChars.get(text.charAt(i))) {
                continue;
            }
            int len = longestMatchAt(text, i);
            if (len == 0) {
                continue;
            }
            if (runStart >= 0 && i <= runEnd) {
                runEnd = Math.max(runEnd, i + len);
            } else {
                if (runStart >= 0) {
                    out.append(text, copied, runStart);
                    if (!runEmitted) {
                        out.append(MASK);
                    }
                    copied = runEnd;
                }
                runStart = i;
                runEnd = i + len;
                runEmitted = false;
            }
        }
        if (runStart >= 0) {
            out.append(text, copied, runStart);
            if (!runEmitted) {
                out.append(MASK);
            }
            if (runEnd >= cut) {
                return runEnd - cut;
            }
            copied = runEnd;
        }
        out.append(text, copied, cut);
        return -1;
    }

    /** A new stateful masker for chunked output; see the class comment. */
    public Streaming streaming() {
        return new Streaming();
    }

    @Override
    public String toString() {
        return "SecretMasker[" + count + " values]";
    }

    private int longestMatchAt(String text, int i) {
        if (text.length() - i < MIN_SECRET_LENGTH) {
            return 0;
        }
        String[] candidates = byPrefix.get(prefixKey(text, i));
        if (candidates == null) {
            return 0;
        }
        for (String s : candidates) {
            if (text.startsWith(s, i)) {
                return s.length();
            }
        }
        return 0;
    }

    /** Whether {@code text[i..]} (which is shorter than some secret) could still grow into a secret. */
    private boolean isProperPrefixAt(String text, int i) {
        int rest = text.length() - i;
        String[] candidates = rest >= MIN_SECRET_LENGTH ? byPrefix.get(prefixKey(text, i))
                : byFirstChar.get(text.charAt(i));
        if (candidates == null) {
            return false;
        }
        for (String s : candidates) {
            if (s.length() > rest && text.regionMatches(i, s, 0, rest)) {
                return true;
            }
        }
        return false;
    }

    /** The first four characters from {@code i}, packed; every stored secret has at least four. */
    private static long prefixKey(String s, int i) {
        return ((long) s.charAt(i) << 48) | ((long) s.charAt(i + 1) << 32) | ((long) s.charAt(i + 2) << 16)
                | s.charAt(i + 3);
    }

    private static void addVariants(String value, Collection<String> into) {
        if (value == null) {
            return;
        }
        addIfLongEnough(value, into);
        addIfLongEnough(value.strip(), into);
        addEncodedForms(value.strip(), into);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("\r\n|\r|\n")) {
                addIfLongEnough(line, into);
                addIfLongEnough(line.strip(), into);
            }
        }
    }

    private static void addEncodedForms(String value, Collection<String> into) {
        if (value.length() < MIN_SECRET_LENGTH) {
            return;
        }
        String urlEncoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        if (!urlEncoded.equals(value)) {
            into.add(urlEncoded);
        }
        byte[] secret = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder().withoutPadding();
        for (int pad = 0; pad < 3; pad++) {
            byte[] aligned = new byte[pad + secret.length];
            System.arraycopy(secret, 0, aligned, pad, secret.length);
            String encoded = base64.encodeToString(aligned);
            // Character k carries bits 6k..6k+5: keep those that lie wholly inside the secret's bits.
            int from = (8 * pad + 5) / 6;
            int to = (8 * (pad + secret.length)) / 6;
            if (to - from >= MIN_ENCODED_LENGTH) {
                into.add(encoded.substring(from, to));
            }
        }
    }

    private static void addIfLongEnough(String s, Collection<String> into) {
        if (s.strip().length() >= MIN_SECRET_LENGTH) {
            into.add(s);
        }
    }

    /**
     * Masks a stream of chunks; not thread-safe. Output of all {@link #accept} calls plus {@link #flush()} equals
     * {@link SecretMasker#mask(String)} of the whole input. After {@link #flush()} the instance starts afresh.
     */
    public final class Streaming {
        private final StringBuilder pending = new StringBuilder();
        /** How many leading chars of {@link #pending} belong to an occurrence whose mask was already emitted. */
        private int carriedCover;
        /** Whether the output so far ends with a mask whose run reaches the start of {@link #pending}. */
        private boolean maskOpen;

        private Streaming() {
        }

        /** Adds a chunk; returns the text that is now safe to emit (possibly empty). */
        public String accept(CharSequence chunk) {
            if (chunk == null || chunk.length() == 0) {
                return "";
            }
            if (count == 0) {
                return chunk.toString();
            }
            pending.append(chunk);
            return drain(false);
        }

        /** Emits everything still held back; call once at the end of the stream. */
        public String flush() {
            String out = pending.length() == 0 && !maskOpen ? "" : drain(true);
            carriedCover = 0;
            maskOpen = false;
            return out;
        }

        private String drain(boolean atEnd) {
            String buf = pending.toString();
            int cut = atEnd ? buf.length() : holdBackFrom(buf);
            StringBuilder out = new StringBuilder(cut + MASK.length());
            int reach = appendMasked(buf, 0, cut, maskOpen, carriedCover, out);
            maskOpen = reach >= 0;
            carriedCover = Math.max(reach, 0);
            pending.delete(0, cut);
            return out.toString();
        }

        /**
         * The first position whose remainder could still become a secret with more input; everything before it can
         * be decided now (any occurrence starting there lies entirely inside the buffer).
         */
        private int holdBackFrom(String buf) {
            int n = buf.length();
            for (int i = Math.max(0, n - maxLength + 1); i < n; i++) {
                if (firstChars.get(buf.charAt(i)) && isProperPrefixAt(buf, i)) {
                    return i;
                }
            }
            return n;
        }
    }
}
