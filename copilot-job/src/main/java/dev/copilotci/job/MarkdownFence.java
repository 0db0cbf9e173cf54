package dev.copilotci.job;

/**
 * Fenced code blocks that their content cannot close. In CommonMark a backtick fence is closed only by a line of at
 * least as many backticks, so a fence one longer than the longest backtick run inside the content (and at least
 * three) can never be closed early, whatever the content says.
 */
public final class MarkdownFence {

    private MarkdownFence() {
    }

    /** The backtick fence for {@code content}: at least three, one more than its longest backtick run. */
    public static String fenceFor(CharSequence content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '`') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /**
     * {@code content} in a fenced block with the given info string (e.g. {@code text}, {@code diff}; only letters,
     * digits and '-' are kept). The block ends with a line break.
     */
    public static String wrap(String content, String info) {
        String body = content == null ? "" : content;
        String fence = fenceFor(body);
        String safeInfo = info == null ? "" : info.replaceAll("[^A-Za-z0-9-]", "");
        StringBuilder out = new StringBuilder(body.length() + 2 * fence.length() + safeInfo.length() + 4);
        out.append(fence).append(safeInfo).append('\n').append(body);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            out.append('\n');
        }
        return out.append(fence).append('\n').toString();
    }
}
