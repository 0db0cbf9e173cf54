package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Picks the part of a build log worth showing to the model, within a character and line budget.
 *
 * <p>The log is read once, line by line; memory is bounded by the budget (plus one line of at most a few times
 * {@link Builder#maxLineLength(int)} characters), never by the size of the log. Selected are:
 * <ul>
 *   <li>lines reporting a failure (ERROR, FAILED/FAILURE, exceptions, {@code Caused by:}, {@code npm ERR!}, compiler
 *       errors such as {@code File.java:12: error:}, test-failure summaries, non-zero exit codes, ...) with a few lines
 *       of context before and after; a repeated error line (same text, ignoring timestamps) is kept once;</li>
 *   <li>the stack trace following such a line, up to {@link Builder#maxFramesPerTrace(int)} frames;</li>
 *   <li>the end of the log, at least {@link Builder#tailLines(int)} lines, and more if the error lines leave room.</li>
 * </ul>
 * Error lines are kept in log order until their share of the budget is used up (the first errors usually name the
 * root cause; the tail shows how the build ended). Gaps are marked "… N lines omitted …". Lines are cleaned with
 * {@link UntrustedText#forLog(String)} (ANSI escapes, Jenkins console notes, control characters) and cut to
 * {@link Builder#maxLineLength(int)}. Bytes are decoded leniently: malformed input becomes U+FFFD. The result is
 * deterministic and its text never exceeds the character budget.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LogSelector {

    public static final int DEFAULT_MAX_CHARS = 20_000;
    public static final int DEFAULT_MAX_LINES = 300;

    /** Upper bound of one gap marker line including its line break. */
    static final int MARKER_RESERVE = 48;

    private final int maxChars;
    private final int maxLines;
    private final int tailLines;
    private final int contextBefore;
    private final int contextAfter;
    private final int maxLineLength;
    private final int maxFramesPerTrace;

    private LogSelector(Builder b) {
        this.maxChars = b.maxChars;
        this.maxLines = b.maxLines;
        this.tailLines = b.tailLines > 0 ? b.tailLines : Math.max(1, b.maxLines / 4);
        this.contextBefore = b.contextBefore;
        this.contextAfter = b.contextAfter;
        this.maxLineLength = b.maxLineLength;
        this.maxFramesPerTrace = b.maxFramesPerTrace;
        if (tailLines > maxLines) {
            throw new IllegalArgumentException("tailLines (" + tailLines + ") must not exceed maxLines (" + maxLines
                    + ")");
        }
    }

    /** A selector with the default budget. */
    public static LogSelector defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxChars() {
        return maxChars;
    }

    public int maxLines() {
        return maxLines;
    }

    /** Selects from a log file (decoded as UTF-8, leniently). */
    public FailureLogExcerpt select(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return select(in);
        }
    }

    /** Selects from UTF-8 bytes, leniently decoded; the stream is read to its end but not closed. */
    public FailureLogExcerpt select(InputStream in) throws IOException {
        return select(in, StandardCharsets.UTF_8);
    }

    /** Selects from bytes in {@code charset}, leniently decoded; the stream is read to its end but not closed. */
    public FailureLogExcerpt select(InputStream in, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return select(new InputStreamReader(in, decoder));
    }

    /** Selects from characters; the reader is read to its end but not closed. */
    public FailureLogExcerpt select(Reader in) throws IOException {
        Selection selection = new Selection();
        BoundedLineReader lines = new BoundedLineReader(in, rawLineCap());
        for (BoundedLineReader.Line line = lines.next(); line != null; line = lines.next()) {
            selection.accept(line);
        }
        return selection.finish();
    }

    /** Selects from a log already in memory. */
    public FailureLogExcerpt select(String log) {
        try {
            return select(new StringReader(log == null ? "" : log));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Raw characters kept per line before cleaning: room for escape sequences and console notes. */
    private int rawLineCap() {
        return maxLineLength * 4 + 8192;
    }

    /** One log line as it may appear in the excerpt. */
    private record Entry(long number, String text, boolean shortened) {
        int cost() {
            return text.length() + 1;
        }
    }

    /** The state of one pass over a log. */
    private final class Selection {
        private final long matchCharBudget;
        private final int matchLineBudget;
        private final long tailCharCap = maxChars;

        private long lineNumber;
        private final ArrayDeque<Entry> tail = new ArrayDeque<>();
        private long tailChars;
        private final List<Entry> matches = new ArrayList<>();
        private long matchChars;
        private long lastMatched;
        private boolean exhausted;
        private final Set<String> seen = new HashSet<>();

        private int afterRemaining;
        private boolean inTrace;
        private boolean pythonTrace;
        private boolean traceSuppressed;
        private int traceFrames;
        private final ArrayDeque<Entry> pythonFrames = new ArrayDeque<>();

        Selection() {
            // The tail's share, and never less than one full-length line: the last line is always kept.
            long tailReserve = Math.max((long) maxChars * tailLines / maxLines, maxLineLength + 64L);
            // Two extra markers: before the tail block and after the last line (if that ever is not selected).
            this.matchCharBudget = maxChars - tailReserve - 2L * MARKER_RESERVE;
            this.matchLineBudget = maxLines - tailLines;
        }

        void accept(BoundedLineReader.Line raw) {
            lineNumber++;
            String full = UntrustedText.forLog(raw.text());
            if (lineNumber == 1 && full.startsWith("\uFEFF")) {
                full = full.substring(1); // byte-order mark
            }
            Entry entry = shorten(full, raw.droppedChars());
            process(entry, full);
            tail.addLast(entry);
            tailChars += entry.cost();
            while (tail.size() > maxLines || tailChars > tailCharCap) {
                tailChars -= tail.removeFirst().cost();
            }
        }

        private Entry shorten(String full, long droppedRaw) {
            if (full.length() <= maxLineLength && droppedRaw == 0) {
                return new Entry(lineNumber, full, false);
            }
            int cut = Math.min(full.length(), maxLineLength);
            if (cut > 0 && Character.isHighSurrogate(full.charAt(cut - 1))) {
                cut--;
            }
            long more = full.length() - cut + droppedRaw;
            return new Entry(lineNumber, full.substring(0, cut) + " … [" + more + " more chars]", true);
        }

        private void process(Entry entry, String full) {
            // Frames are checked first: a frame line may name an exception class without reporting a new error.
            if (inTrace && LogPatterns.isFrame(full, pythonTrace)) {
                if (traceSuppressed) {
                    return;
                }
                if (pythonTrace) { // "most recent call last": the last frames matter, keep those
                    pythonFrames.addLast(entry);
                    if (pythonFrames.size() > maxFramesPerTrace) {
                        pythonFrames.removeFirst();
                    }
                } else if (traceFrames < maxFramesPerTrace && select(List.of(entry))) {
                    traceFrames++;
                }
                return;
            }
            endTrace();
            if (LogPatterns.isTrigger(full)) {
                inTrace = true;
                pythonTrace = LogPatterns.startsPythonTraceback(full);
                traceFrames = 0;
                // Every Python traceback starts with the same line, so that one is never treated as a repeat.
                String key = pythonTrace ? null : LogPatterns.dedupKey(full);
                List<Entry> block = new ArrayList<>(contextBefore + 1);
                if (!exhausted && (key == null || !seen.contains(key))) {
                    block.addAll(lastTailEntries(contextBefore));
                    block.add(entry);
                }
                if (!block.isEmpty() && select(block)) {
                    if (key != null) {
                        seen.add(key);
                    }
                    traceSuppressed = false;
                    afterRemaining = contextAfter;
                } else {
                    traceSuppressed = true; // a repeat: its trace and context are repeats too
                    afterRemaining = 0;
                }
                return;
            }
            if (afterRemaining > 0) {
                afterRemaining--;
                select(List.of(entry));
            }
        }

        private void endTrace() {
            if (!pythonFrames.isEmpty()) {
                select(new ArrayList<>(pythonFrames));
                pythonFrames.clear();
            }
            inTrace = false;
        }

        private List<Entry> lastTailEntries(int n) {
            List<Entry> out = new ArrayList<>(n);
            Iterator<Entry> it = tail.descendingIterator();
            while (out.size() < n && it.hasNext()) {
                out.add(0, it.next());
            }
            return out;
        }

        /** Adds the not yet selected entries of a block if the whole block fits the error-line budget. */
        private boolean select(List<Entry> block) {
            if (exhausted) {
                return false;
            }
            long cost = 0;
            int lines = 0;
            long previous = lastMatched;
            for (Entry e : block) {
                if (e.number() <= lastMatched) {
                    continue;
                }
                cost += e.cost() + (e.number() == previous + 1 ? 0 : MARKER_RESERVE);
                previous = e.number();
                lines++;
            }
            if (lines == 0) {
                return true;
            }
            if (matchChars + cost > matchCharBudget || matches.size() + lines > matchLineBudget) {
                exhausted = true;
                return false;
            }
            for (Entry e : block) {
                if (e.number() > lastMatched) {
                    matches.add(e);
                    lastMatched = e.number();
                }
            }
            matchChars += cost;
            return true;
        }

        FailureLogExcerpt finish() {
            endTrace();
            long[] matched = new long[matches.size()];
            for (int i = 0; i < matched.length; i++) {
                matched[i] = matches.get(i).number();
            }
            // The tail takes what the error lines left, from the last line backwards, without gaps.
            long usedChars = matchChars + 2L * MARKER_RESERVE;
            int usedLines = matches.size();
            ArrayDeque<Entry> tailPicked = new ArrayDeque<>();
            for (Iterator<Entry> it = tail.descendingIterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (Arrays.binarySearch(matched, e.number()) >= 0) {
                    continue;
                }
                if (usedChars + e.cost() > maxChars || usedLines + 1 > maxLines) {
                    break;
                }
                usedChars += e.cost();
                usedLines++;
                tailPicked.addFirst(e);
            }
            List<Entry> merged = new ArrayList<>(matches.size() + tailPicked.size());
            Iterator<Entry> a = matches.iterator();
            Iterator<Entry> b = tailPicked.iterator();
            Entry x = a.hasNext() ? a.next() : null;
            Entry y = b.hasNext() ? b.next() : null;
            while (x != null || y != null) {
                if (y == null || (x != null && x.number() < y.number())) {
                    merged.add(x);
                    x = a.hasNext() ? a.next() : null;
                } else {
                    merged.add(y);
                    y = b.hasNext() ? b.next() : null;
                }
            }
            StringBuilder text = new StringBuilder();
            long previous = 0;
            boolean shortened = false;
            for (Entry e : merged) {
                if (e.number() > previous + 1) {
                    appendGap(text, e.number() - previous - 1);
                }
                text.append(e.text()).append('\n');
                shortened |= e.shortened();
                previous = e.number();
            }
            if (previous < lineNumber) {
                appendGap(text, lineNumber - previous);
            }
            if (text.length() > 0) {
                text.setLength(text.length() - 1);
            }
            boolean truncated = shortened || merged.size() < lineNumber;
            return new FailureLogExcerpt(text.toString(), lineNumber, merged.size(), truncated);
        }

        private void appendGap(StringBuilder text, long omitted) {
            text.append("… ").append(omitted).append(omitted == 1 ? " line omitted …" : " lines omitted …")
                    .append('\n');
        }
    }

    /** Budget and shape of the selection. */
    public static final class Builder {
        private int maxChars = DEFAULT_MAX_CHARS;
        private int maxLines = DEFAULT_MAX_LINES;
        private int tailLines;
        private int contextBefore = 3;
        private int contextAfter = 3;
        private int maxLineLength = 500;
        private int maxFramesPerTrace = 15;

        private Builder() {
        }

        /** Most characters in the excerpt text (at least 1000). */
        public Builder maxChars(int maxChars) {
            if (maxChars < 1000) {
                throw new IllegalArgumentException("maxChars must be at least 1000, was " + maxChars);
            }
            this.maxChars = maxChars;
            return this;
        }

        /** Most log lines in the excerpt (gap markers not counted), at least 2. */
        public Builder maxLines(int maxLines) {
            if (maxLines < 2) {
                throw new IllegalArgumentException("maxLines must be at least 2, was " + maxLines);
            }
            this.maxLines = maxLines;
            return this;
        }

        /** Lines of the end of the log always kept (default: a quarter of maxLines). */
        public Builder tailLines(int tailLines) {
            if (tailLines < 1) {
                throw new IllegalArgumentException("tailLines must be at least 1, was " + tailLines);
            }
            this.tailLines = tailLines;
            return this;
        }

        /** Lines kept before and after each error line (0..50 each). */
        public Builder context(int before, int after) {
            if (before < 0 || after < 0 || before > 50 || after > 50) {
                throw new IllegalArgumentException("context lines must be within 0..50, were " + before + ", "
                        + after);
            }
            this.contextBefore = before;
            this.contextAfter = after;
            return this;
        }

        /** Longer lines are cut (40..10000). */
        public Builder maxLineLength(int maxLineLength) {
            if (maxLineLength < 40 || maxLineLength > 10_000) {
                throw new IllegalArgumentException("maxLineLength must be within 40..10000, was " + maxLineLength);
            }
            this.maxLineLength = maxLineLength;
            return this;
        }

        /** Stack-trace lines kept after each exception line ({@code Caused by:} starts a new count). */
        public Builder maxFramesPerTrace(int maxFramesPerTrace) {
            if (maxFramesPerTrace < 0) {
                throw new IllegalArgumentException("maxFramesPerTrace must be >= 0, was " + maxFramesPerTrace);
            }
            this.maxFramesPerTrace = maxFramesPerTrace;
            return this;
        }

        public LogSelector build() {
            if (maxLineLength > maxChars / 4) {
                throw new IllegalArgumentException("maxLineLength (" + maxLineLength
                        + ") must not exceed a quarter of maxChars (" + maxChars + ")");
            }
            return new LogSelector(this);
        }
    }
}
