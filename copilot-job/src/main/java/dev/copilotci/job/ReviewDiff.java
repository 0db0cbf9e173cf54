package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import java.util.ArrayList;
import java.util.List;

/**
 * A diff cut to fit the review prompt.
 *
 * <p>{@link #fit(String, int, int)} keeps the diff in file order and marks what it leaves out with lines starting
 * with "… " (a diff line never does): binary files are reduced to their header and a note, a file's diff longer than
 * the per-file budget is cut at a line boundary, files that no longer fit the total budget are listed at the end,
 * lines longer than {@value #MAX_LINE_CHARS} characters are shortened. Text is cleaned with
 * {@link UntrustedText#forPrompt(String)} (no escape sequences, control characters or lone surrogates).
 *
 * @param text the diff to send, at most the total budget long
 * @param notes human-readable notes on what was left out (for logs and summaries; paths are untrusted)
 * @param truncated whether anything was left out or shortened
 */
public record ReviewDiff(String text, List<String> notes, boolean truncated) {

    public static final int DEFAULT_MAX_CHARS = 60_000;
    public static final int DEFAULT_MAX_CHARS_PER_FILE = 15_000;
    static final int MAX_LINE_CHARS = 2_000;
    /** Room kept for a note line inside a file's budget and for the final list of omitted files. */
    private static final int NOTE_RESERVE = 300;
    private static final int OMITTED_LIST_RESERVE = 1_200;
    private static final int MIN_SECTION = 400;

    public ReviewDiff {
        text = text == null ? "" : text;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The diff within the default budget. */
    public static ReviewDiff of(String diff) {
        return fit(diff, DEFAULT_MAX_CHARS, DEFAULT_MAX_CHARS_PER_FILE);
    }

    /** Whether there is nothing to review. */
    public boolean isEmpty() {
        return text.isBlank();
    }

    /**
     * The diff within {@code maxChars} in total (at least 2000) and {@code maxCharsPerFile} per file (at least 500).
     */
    public static ReviewDiff fit(String diff, int maxChars, int maxCharsPerFile) {
        if (maxChars < 2_000) {
            throw new IllegalArgumentException("maxChars must be at least 2000, was " + maxChars);
        }
        if (maxCharsPerFile < 500) {
            throw new IllegalArgumentException("maxCharsPerFile must be at least 500, was " + maxCharsPerFile);
        }
        UnifiedDiff parsed = UnifiedDiff.parse(diff == null ? "" : diff);
        List<String> lines = parsed.lines();
        List<UnifiedDiff.FilePatch> files = parsed.files();
        Writer w = new Writer(maxChars - OMITTED_LIST_RESERVE);
        int preambleEnd = files.isEmpty() ? lines.size() : files.get(0).firstLine();
        if (preambleEnd > 0) {
            w.section(lines, 0, preambleEnd, Math.min(maxCharsPerFile, w.remaining()), "the text before the diff");
        }
        List<String> omitted = new ArrayList<>();
        for (UnifiedDiff.FilePatch f : files) {
            String path = UntrustedText.singleLine(f.displayPath(), 200);
            if (w.remaining() < MIN_SECTION) {
                omitted.add(path);
                continue;
            }
            if (f.binary()) {
                int headerEnd = f.firstLine();
                while (headerEnd < f.endLine() && !isBinaryMarker(lines.get(headerEnd))) {
                    headerEnd++;
                }
                w.section(lines, f.firstLine(), headerEnd, Math.min(maxCharsPerFile, w.remaining()), path);
                w.note("… binary file " + path + ": content not shown …", "binary file skipped: " + path);
            } else {
                w.section(lines, f.firstLine(), f.endLine(), Math.min(maxCharsPerFile, w.remaining()), path);
            }
        }
        if (!omitted.isEmpty()) {
            StringBuilder names = new StringBuilder();
            int listed = 0;
            for (String name : omitted) {
                if (names.length() + name.length() > OMITTED_LIST_RESERVE - 200) {
                    break;
                }
                names.append(listed == 0 ? "" : ", ").append(name);
                listed++;
            }
            String rest = listed < omitted.size() ? " and " + (omitted.size() - listed) + " more" : "";
            String what = omitted.size() + (omitted.size() == 1 ? " more file" : " more files")
                    + " not shown (diff budget exhausted): " + names + rest;
            w.note("… " + what + " …", what);
        }
        return new ReviewDiff(w.text(), w.notes, w.truncated);
    }

    private static boolean isBinaryMarker(String line) {
        return line.equals("GIT binary patch") || (line.startsWith("Binary files ") && line.endsWith(" differ"));
    }

    /** Accumulates the output within the budget. */
    private static final class Writer {
        private final int budget;
        private final StringBuilder out = new StringBuilder();
        private final List<String> notes = new ArrayList<>();
        private boolean truncated;
        private boolean noteLongLines = true;

        Writer(int budget) {
            this.budget = budget;
        }

        int remaining() {
            return budget - out.length();
        }

        /** Appends lines {@code [from, to)} within {@code sectionBudget} characters, noting a cut. */
        void section(List<String> lines, int from, int to, int sectionBudget, String what) {
            int limit = sectionBudget - NOTE_RESERVE;
            int used = 0;
            for (int i = from; i < to; i++) {
                String line = UntrustedText.forPrompt(lines.get(i));
                if (line.length() > MAX_LINE_CHARS) {
                    int cut = MAX_LINE_CHARS;
                    if (Character.isHighSurrogate(line.charAt(cut - 1))) {
                        cut--;
                    }
                    line = line.substring(0, cut) + " … [" + (line.length() - cut) + " more chars]";
                    truncated = true;
                    if (noteLongLines) {
                        notes.add("long lines shortened to " + MAX_LINE_CHARS + " characters");
                        noteLongLines = false;
                    }
                }
                if (used + line.length() + 1 > limit) {
                    int left = to - i;
                    note("… " + left + (left == 1 ? " more line of " : " more lines of ") + what + " not shown …",
                            "diff of " + what + " cut: " + left + " of " + (to - from) + " lines not shown");
                    return;
                }
                out.append(line).append('\n');
                used += line.length() + 1;
            }
        }

        void note(String line, String note) {
            out.append(line).append('\n');
            notes.add(note);
            truncated = true;
        }

        String text() {
            int end = out.length();
            return end > 0 && out.charAt(end - 1) == '\n' ? out.substring(0, end - 1) : out.toString();
        }
    }
}
