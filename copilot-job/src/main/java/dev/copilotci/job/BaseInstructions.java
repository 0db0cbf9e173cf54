package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The repository's instruction files as they are on the base ref, read with git, never from the checkout: a pull
 * request can add or edit them, the base ref it cannot. The same files the Copilot CLI 1.0.102 discovers (its
 * {@code copilot instruction list}): {@code .github/copilot-instructions.md}, {@code AGENTS.md}, {@code CLAUDE.md},
 * {@code GEMINI.md} at the root (any case) and {@code .github/instructions/**}{@code /*.instructions.md}.
 * At most {@link #MAX_CHARS} characters in all, with a note when cut.
 */
public final class BaseInstructions {
    public static final int MAX_CHARS = 16 * 1024;
    private static final String REPO_FILE = ".github/copilot-instructions.md";
    private static final List<String> ROOT_FILES = List.of("AGENTS.md", "CLAUDE.md", "GEMINI.md");
    private static final String SCOPED_DIR = ".github/instructions/";
    private static final String SCOPED_SUFFIX = ".instructions.md";

    private BaseInstructions() {
    }

    /**
     * The text to append to the system message, or "" when the base ref has none of the files.
     *
     * @throws IOException when git cannot list or read the base ref
     */
    public static String read(GitCommand git, String baseRef) throws IOException {
        if (baseRef == null || baseRef.isBlank() || baseRef.startsWith("-")) {
            throw new IllegalArgumentException("the base must be a git ref, not an option or empty: '" + baseRef + "'");
        }
        List<String> paths = instructionPaths(git, baseRef);
        if (paths.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Repository instructions, as they are on the base ref "
                + UntrustedText.singleLine(baseRef, 200) + " (the change under review cannot alter them):\n");
        for (String path : paths) {
            String body = UntrustedText.forPrompt(git.run(List.of("cat-file", "blob", baseRef + ":" + path))).strip();
            String section = "\n## " + UntrustedText.singleLine(path, 200) + "\n\n" + body + "\n";
            if (out.length() + section.length() > MAX_CHARS) {
                String note = "\n[Instructions truncated: the base ref's instruction files exceed " + MAX_CHARS
                        + " characters; the rest was left out.]\n";
                int room = Math.max(0, MAX_CHARS - out.length() - note.length());
                out.append(cut(section, room)).append(note);
                return out.toString();
            }
            out.append(section);
        }
        return out.toString();
    }

    /** The instruction files on the ref, in the CLI's order. Only the root and .github are listed, not the tree. */
    static List<String> instructionPaths(GitCommand git, String baseRef) throws IOException {
        List<String> root = names(git.run(List.of("ls-tree", "-z", "--name-only", baseRef, "--")));
        List<String> github = names(git.run(List.of("ls-tree", "-r", "-z", "--name-only", baseRef, "--",
                ".github/")));
        List<String> paths = new ArrayList<>();
        if (github.contains(REPO_FILE)) {
            paths.add(REPO_FILE);
        }
        for (String wanted : ROOT_FILES) {
            root.stream().filter(n -> n.equalsIgnoreCase(wanted)).sorted().findFirst()
                    .ifPresent(paths::add);
        }
        github.stream().filter(n -> n.startsWith(SCOPED_DIR) && n.endsWith(SCOPED_SUFFIX))
                .sorted(Comparator.naturalOrder()).forEach(paths::add);
        return paths;
    }

    private static List<String> names(String nulSeparated) {
        List<String> names = new ArrayList<>();
        for (String n : nulSeparated.split("\0")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    /** At most {@code max} chars, never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
