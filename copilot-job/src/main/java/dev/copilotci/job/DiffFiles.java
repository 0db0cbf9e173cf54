package dev.copilotci.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files and lines of the new version a unified diff shows, to check where review findings point.
 *
 * <p>A line "is in the diff" when it lies in a hunk's new-side range (an added or a context line): those are the
 * lines GitHub accepts for inline review comments. Deleted files have no new version and are not in the diff; binary
 * files are, but only for file-level findings (line 0).
 *
 * <p>{@link #validate(ReviewFinding)} keeps every finding and sets {@link ReviewFinding#inDiff()}: only findings with
 * {@code inDiff == true} should become annotations or inline comments; the rest still belong in the summary. This is
 * the one answer to "is it in the diff?" (hunks are parsed only by {@link UnifiedDiff}): the front ends trust
 * {@code inDiff} and parse no diff of their own. It also
 * maps the model's spelling of a path ({@code b/src/A.java}, {@code ./src/A.java}, {@code src\A.java}, an absolute
 * workspace path, or a bare {@code A.java} when that is unambiguous) to the diff's path.
 */
public final class DiffFiles {

    /** Lines {@code first..last}, inclusive, 1-based. */
    public record LineRange(int first, int last) {
        public boolean contains(int line) {
            return line >= first && line <= last;
        }
    }

    /**
     * One file of the diff.
     *
     * @param path path in the new version (the old path for a deleted file)
     * @param oldPath path in the old version, {@code null} for an added file
     * @param binary whether the change is binary (no lines)
     * @param deleted whether the file no longer exists
     * @param hunks new-side ranges of the hunks (added and context lines)
     * @param addedLines ranges of added lines
     */
    public record ChangedFile(String path, String oldPath, boolean binary, boolean deleted, List<LineRange> hunks,
            List<LineRange> addedLines) {
        public ChangedFile {
            hunks = List.copyOf(hunks);
            addedLines = List.copyOf(addedLines);
        }
    }

    private static final Pattern LINE_SUFFIX = Pattern.compile(":\\d+(?::\\d+)?$");

    private final List<ChangedFile> files;
    /** Files that exist in the new version, by path (a path listed twice has its ranges merged). */
    private final Map<String, ChangedFile> existing;

    private DiffFiles(List<ChangedFile> files) {
        this.files = List.copyOf(files);
        Map<String, ChangedFile> map = new LinkedHashMap<>();
        for (ChangedFile f : files) {
            if (f.deleted()) {
                continue;
            }
            map.merge(f.path(), f, (a, b) -> new ChangedFile(a.path(), a.oldPath(), a.binary() || b.binary(), false,
                    concat(a.hunks(), b.hunks()), concat(a.addedLines(), b.addedLines())));
        }
        this.existing = Collections.unmodifiableMap(map);
    }

    /** Parses a unified diff (git or plain); never throws on malformed input, it just finds less. */
    public static DiffFiles parse(String unifiedDiff) {
        List<ChangedFile> out = new ArrayList<>();
        for (UnifiedDiff.FilePatch p : UnifiedDiff.parse(unifiedDiff).files()) {
            boolean deleted = p.newPath() == null;
            String path = deleted ? p.oldPath() : p.newPath();
            if (path == null || path.isEmpty()) {
                continue;
            }
            List<LineRange> hunks = new ArrayList<>();
            for (UnifiedDiff.Hunk h : p.hunks()) {
                if (h.newCount() > 0 && h.newStart() > 0) {
                    hunks.add(new LineRange(h.newStart(), (int) Math.min(Integer.MAX_VALUE,
                            (long) h.newStart() + h.newCount() - 1)));
                }
            }
            out.add(new ChangedFile(path, p.oldPath(), p.binary(), deleted, hunks, p.addedLines()));
        }
        return new DiffFiles(out);
    }

    /** Every file of the diff, in diff order, deleted ones included. */
    public List<ChangedFile> files() {
        return files;
    }

    /** Paths of the files that exist in the new version. */
    public Set<String> paths() {
        return existing.keySet();
    }

    /** Whether {@code path} (exactly) exists in the new version and is part of the diff. */
    public boolean containsFile(String path) {
        return path != null && existing.containsKey(path);
    }

    /** Whether {@code line} of {@code path} (exactly) is an added or context line of the diff. */
    public boolean containsLine(String path, int line) {
        ChangedFile f = path == null ? null : existing.get(path);
        return f != null && inAny(f.hunks(), line);
    }

    /** Whether {@code line} of {@code path} (exactly) was added by the diff. */
    public boolean isAddedLine(String path, int line) {
        ChangedFile f = path == null ? null : existing.get(path);
        return f != null && inAny(f.addedLines(), line);
    }

    /** The diff's path for a path as a model may write it; empty if none or ambiguous. */
    public Optional<String> resolvePath(String reported) {
        if (reported == null || reported.isBlank()) {
            return Optional.empty();
        }
        String p = reported.strip();
        while (p.length() >= 2 && "`'\"".indexOf(p.charAt(0)) >= 0 && p.charAt(p.length() - 1) == p.charAt(0)) {
            p = p.substring(1, p.length() - 1).strip();
        }
        p = p.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        Optional<String> found = resolveNormalized(p);
        if (found.isEmpty() && LINE_SUFFIX.matcher(p).find()) {
            found = resolveNormalized(LINE_SUFFIX.matcher(p).replaceFirst(""));
        }
        return found;
    }

    private Optional<String> resolveNormalized(String p) {
        if (p.isEmpty()) {
            return Optional.empty();
        }
        for (String candidate : new String[] {p, strip(p, "b/"), strip(p, "a/"), p.replaceFirst("^/+", "")}) {
            if (existing.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        String bare = p.replaceFirst("^/+", "");
        String match = null;
        for (String path : existing.keySet()) {
            // A short name for a longer path ("A.java" for "src/A.java") or an absolute one for it.
            if (path.endsWith("/" + bare) || p.endsWith("/" + path)) {
                if (match != null) {
                    return Optional.empty(); // ambiguous
                }
                match = path;
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * The finding with its path mapped to the diff's path (when found) and {@code inDiff} set: the file exists in
     * the new version and is in the diff, and the line is 0 (whole file) or in a hunk (binary files: 0 only).
     */
    public ReviewFinding validate(ReviewFinding finding) {
        Optional<String> path = resolvePath(finding.file());
        if (path.isEmpty()) {
            return finding.withInDiff(false).withSuggestion(null);
        }
        ChangedFile f = existing.get(path.get());
        boolean ok = finding.line() == 0 || (!f.binary() && inAny(f.hunks(), finding.line()));
        ReviewSuggestion s = finding.suggestion();
        // A suggestion replaces lines of the new version: GitHub applies it only to a comment range of right-side
        // lines within one hunk, so anything else (or a finding that is not itself in the diff) loses it.
        boolean keep = ok && s != null && !f.binary() && inOneHunk(f.hunks(), s.startLine(), s.endLine());
        return new ReviewFinding(path.get(), finding.line(), finding.severity(), finding.message(), finding.title(),
                ok, keep ? s : null);
    }

    private static boolean inOneHunk(List<LineRange> ranges, int first, int last) {
        if (first <= 0 || last < first) {
            return false;
        }
        for (LineRange r : ranges) {
            if (r.contains(first) && r.contains(last)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #validate(ReviewFinding)} for each finding, order kept, none dropped. */
    public List<ReviewFinding> validate(List<ReviewFinding> findings) {
        List<ReviewFinding> out = new ArrayList<>(findings.size());
        for (ReviewFinding f : findings) {
            out.add(validate(f));
        }
        return out;
    }

    private static boolean inAny(List<LineRange> ranges, int line) {
        if (line <= 0) {
            return false;
        }
        for (LineRange r : ranges) {
            if (r.contains(line)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static List<LineRange> concat(List<LineRange> a, List<LineRange> b) {
        List<LineRange> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
