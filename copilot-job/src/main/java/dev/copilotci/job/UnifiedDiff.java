package dev.copilotci.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a unified diff (git or plain {@code diff -u}) into per-file patches. Hunks are consumed by their line
 * counts, so content lines such as {@code "--- x"} (a removed {@code "-- x"}) are never mistaken for headers.
 * Tolerant: unknown lines are kept inside the current file's range and otherwise ignored.
 */
final class UnifiedDiff {

    /** One hunk's new-side range: lines {@code newStart .. newStart + newCount - 1}. */
    record Hunk(int newStart, int newCount) {
    }

    /**
     * One file of the diff.
     *
     * @param oldPath path before, {@code null} for an added file
     * @param newPath path after, {@code null} for a deleted file
     * @param binary a binary change ("Binary files ... differ", "GIT binary patch")
     * @param firstLine index of its first line in {@link #lines()}
     * @param endLine index after its last line
     * @param firstHunkLine index of its first hunk header, or {@code endLine} if none
     */
    record FilePatch(String oldPath, String newPath, boolean binary, int firstLine, int endLine, int firstHunkLine,
            List<Hunk> hunks, List<DiffFiles.LineRange> addedLines) {

        /** The path to show: the new one, or the old one for a deleted file. */
        String displayPath() {
            return newPath != null ? newPath : oldPath != null ? oldPath : "(unknown)";
        }
    }

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final Pattern BINARY = Pattern.compile("^Binary files (.+) and (.+) differ$");

    private final List<String> lines;
    private final List<FilePatch> files;

    private UnifiedDiff(List<String> lines, List<FilePatch> files) {
        this.lines = lines;
        this.files = files;
    }

    List<String> lines() {
        return lines;
    }

    List<FilePatch> files() {
        return files;
    }

    static UnifiedDiff parse(String diff) {
        List<String> lines = splitLines(diff == null ? "" : diff);
        List<FilePatch> files = new ArrayList<>();
        Builder cur = null;
        int n = lines.size();
        int i = 0;
        while (i < n) {
            String l = lines.get(i);
            if (l.startsWith("diff --git ") || l.startsWith("diff --cc ") || l.startsWith("diff --combined ")) {
                finish(cur, i, files);
                cur = new Builder(i);
                cur.gitHeaderPaths(l.substring(l.indexOf(' ', 5) + 1));
                i++;
                continue;
            }
            if (l.startsWith("--- ") && i + 1 < n && lines.get(i + 1).startsWith("+++ ")
                    && (cur == null || cur.sawHunk || cur.sawHeader)) {
                finish(cur, i, files); // a plain "diff -u" file, or the next file of one
                cur = new Builder(i);
            }
            if (cur == null) {
                i++; // preamble (commit message, "Index:" lines, ...)
                continue;
            }
            if (l.startsWith("--- ") && !cur.sawHunk && i + 1 < n && lines.get(i + 1).startsWith("+++ ")) {
                cur.oldPath = headerPath(l.substring(4), "a/");
                cur.newPath = headerPath(lines.get(i + 1).substring(4), "b/");
                cur.sawHeader = true;
                i += 2;
                continue;
            }
            Matcher hunk = HUNK.matcher(l);
            if (hunk.matches()) {
                i = cur.hunk(lines, i, hunk);
                continue;
            }
            if (!cur.sawHunk) {
                cur.headerLine(l);
            }
            i++;
        }
        finish(cur, n, files);
        return new UnifiedDiff(lines, files);
    }

    private static void finish(Builder b, int end, List<FilePatch> into) {
        if (b != null) {
            into.add(b.build(end));
        }
    }

    /** Lines split on '\n' (git's line break); a trailing '\r' is dropped, a final empty line is not a line. */
    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int eol = text.indexOf('\n', start);
            int end = eol < 0 ? n : eol;
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(start, stop));
            start = end + 1;
        }
        return out;
    }

    private static final class Builder {
        final int firstLine;
        String oldPath;
        String newPath;
        boolean binary;
        boolean deleted;
        boolean sawHeader;
        boolean sawHunk;
        int firstHunkLine = -1;
        final List<Hunk> hunks = new ArrayList<>();
        /** Added lines as ranges: a hostile hunk header cannot make this allocate by line number. */
        final List<DiffFiles.LineRange> added = new ArrayList<>();

        Builder(int firstLine) {
            this.firstLine = firstLine;
        }

        void gitHeaderPaths(String rest) {
            List<String> quoted = new ArrayList<>();
            if (rest.startsWith("\"")) {
                int[] end = new int[1];
                String a = unquote(rest, 0, end);
                String tail = rest.substring(Math.min(rest.length(), end[0])).stripLeading();
                String b = tail.startsWith("\"") ? unquote(tail, 0, new int[1]) : tail;
                quoted.add(a);
                quoted.add(b);
            } else if (rest.length() >= 5 && rest.length() % 2 == 1 && rest.charAt((rest.length() - 1) / 2) == ' ') {
                int half = (rest.length() - 1) / 2; // "a/P b/P": both halves equal apart from the prefix
                String a = rest.substring(0, half);
                String b = rest.substring(half + 1);
                if (a.length() > 2 && b.length() > 2 && a.substring(2).equals(b.substring(2))) {
                    quoted.add(a);
                    quoted.add(b);
                }
            }
            if (quoted.isEmpty()) {
                int split = rest.indexOf(" b/");
                if (split > 0) {
                    quoted.add(rest.substring(0, split));
                    quoted.add(rest.substring(split + 1));
                }
            }
            if (quoted.size() == 2) {
                oldPath = stripPrefix(quoted.get(0), "a/");
                newPath = stripPrefix(quoted.get(1), "b/");
            }
        }

        void headerLine(String l) {
            Matcher binaryLine = BINARY.matcher(l);
            if (binaryLine.matches()) {
                binary = true;
                if (!sawHeader) {
                    oldPath = headerPath(binaryLine.group(1), "a/");
                    newPath = headerPath(binaryLine.group(2), "b/");
                }
            } else if (l.equals("GIT binary patch")) {
                binary = true;
            } else if (l.startsWith("rename to ") || l.startsWith("copy to ")) {
                newPath = headerPath(l.substring(l.indexOf(" to ") + 4), "");
            } else if (l.startsWith("rename from ") || l.startsWith("copy from ")) {
                oldPath = headerPath(l.substring(l.indexOf(" from ") + 6), "");
            } else if (l.startsWith("deleted file mode")) {
                deleted = true;
            } else if (l.startsWith("new file mode")) {
                oldPath = null;
            }
        }

        /** Consumes a hunk starting at {@code i}; returns the index after it. */
        int hunk(List<String> lines, int i, Matcher header) {
            if (!sawHunk) {
                firstHunkLine = i;
            }
            sawHunk = true;
            int newStart = parseCount(header.group(1), 0);
            int newCount = header.group(2) == null ? 1 : parseCount(header.group(2), 0);
            int oldRemaining = oldCount(lines.get(i));
            int newRemaining = newCount;
            int newLine = newStart;
            int j = i + 1;
            while (j < lines.size() && (oldRemaining > 0 || newRemaining > 0)) {
                String l = lines.get(j);
                char c = l.isEmpty() ? ' ' : l.charAt(0); // some tools strip the space of empty context lines
                if (c == ' ') {
                    oldRemaining--;
                    newRemaining--;
                    newLine++;
                } else if (c == '+') {
                    markAdded(newLine);
                    newRemaining--;
                    newLine++;
                } else if (c == '-') {
                    oldRemaining--;
                } else if (c != '\\') {
                    break; // malformed: the hunk ended early
                }
                j++;
            }
            while (j < lines.size() && lines.get(j).startsWith("\\")) {
                j++; // "\ No newline at end of file"
            }
            hunks.add(new Hunk(newStart, newCount));
            return j;
        }

        private void markAdded(int line) {
            if (line <= 0) {
                return;
            }
            int last = added.size() - 1;
            if (last >= 0 && added.get(last).last() == line - 1) {
                added.set(last, new DiffFiles.LineRange(added.get(last).first(), line));
            } else {
                added.add(new DiffFiles.LineRange(line, line));
            }
        }

        FilePatch build(int end) {
            return new FilePatch(oldPath, deleted ? null : newPath, binary, firstLine, end,
                    firstHunkLine < 0 ? end : firstHunkLine, List.copyOf(hunks), List.copyOf(added));
        }

        private static int oldCount(String header) {
            int comma = header.indexOf(',');
            int space = header.indexOf(' ', 4);
            if (comma < 0 || space < 0 || comma > space) {
                return 1;
            }
            return parseCount(header.substring(comma + 1, space), 1);
        }
    }

    private static int parseCount(String digits, int fallback) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return fallback; // absurdly large numbers in a hostile diff
        }
    }

    /** A path from a ---/+++/Binary/rename line: unquoted, timestamp after a tab dropped, prefix removed. */
    static String headerPath(String raw, String prefix) {
        String s = raw;
        if (s.startsWith("\"")) {
            s = unquote(s, 0, new int[1]);
        } else {
            int tab = s.indexOf('\t');
            if (tab >= 0) {
                s = s.substring(0, tab);
            }
            s = s.stripTrailing();
        }
        if (s.equals("/dev/null")) {
            return null;
        }
        return stripPrefix(s, prefix);
    }

    private static String stripPrefix(String s, String prefix) {
        return !prefix.isEmpty() && s.startsWith(prefix) && s.length() > prefix.length()
                ? s.substring(prefix.length()) : s;
    }

    /**
     * Git's C-style quoted path starting at {@code from} (a '"'): {@code \\ \" \t \n \r} and octal bytes
     * ({@code \303\244}) decoded as UTF-8. {@code end[0]} receives the index after the closing quote.
     */
    static String unquote(String s, int from, int[] end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int value = 0;
                    while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        value = value * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    bytes.write(value & 0xFF);
                    i = j;
                    continue;
                }
                char decoded;
                switch (e) {
                    case 'n': decoded = '\n'; break;
                    case 't': decoded = '\t'; break;
                    case 'r': decoded = '\r'; break;
                    case 'a': decoded = '\u0007'; break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'v': decoded = '\u000B'; break;
                    default: decoded = e;
                }
                bytes.writeBytes(String.valueOf(decoded).getBytes(StandardCharsets.UTF_8));
                i += 2;
                continue;
            }
            int cp = s.codePointAt(i);
            bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        end[0] = i;
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
