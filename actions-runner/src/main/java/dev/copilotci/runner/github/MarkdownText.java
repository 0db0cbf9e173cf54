package dev.copilotci.runner.github;

import dev.copilotci.job.MarkdownFence;
import dev.copilotci.client.text.UntrustedText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns untrusted text (model output) into GitHub-flavoured Markdown that renders as text: it cannot open raw HTML
 * ({@code <script>}, {@code <img onerror>}, {@code <details>}), cannot break out of a table cell and cannot carry
 * terminal control characters.
 *
 * <p>{@link #block} keeps the model's Markdown (headings, lists, code) readable. Its invariant: every {@code <} from
 * the model is emitted as {@code &lt;} except inside fenced code blocks that this class itself writes at column 0
 * with a fence longer than any backtick run in their content, so no content line can close them and no container
 * can swallow them. Inline code spans become {@code <code>} elements with fully escaped content; if the renderer
 * pairs backticks differently than this class, the result is cosmetic, never live HTML.
 */
public final class MarkdownText {

    private static final Pattern FENCE_LIKE = Pattern.compile("( {0,3})(?=```|~~~)");

    private MarkdownText() {
    }

    /**
     * Literal inline text: line breaks become spaces and every ASCII punctuation character is backslash-escaped, so
     * nothing in it is Markdown or HTML. Safe inside table cells ({@code |} becomes {@code \|}).
     */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String s = UntrustedText.forLog(text).replace('\n', ' ').replace('\t', ' ');
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isAsciiPunctuation(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@link #plain} of at most {@code maxChars} characters of the text, marked with an ellipsis when cut. */
    public static String plain(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        if (text.length() <= maxChars) {
            return plain(text);
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return plain(text.substring(0, end)) + "\u2026";
    }

    /** The model's Markdown made inert with respect to HTML; see the class comment. */
    public static String block(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        String[] lines = UntrustedText.forLog(markdown).split("\n", -1);
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        List<String> text = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Fence fence = Fence.opening(lines[i]);
            if (fence == null) {
                text.add(lines[i]);
                i++;
                continue;
            }
            appendText(out, text);
            text.clear();
            i++;
            List<String> content = new ArrayList<>();
            while (i < lines.length && !fence.closedBy(lines[i])) {
                content.add(fence.stripIndent(lines[i]));
                i++;
            }
            if (i < lines.length) {
                i++;
            }
            appendSeparated(out, codeBlock(String.join("\n", content), fence.info));
        }
        appendText(out, text);
        return out.toString();
    }

    /**
     * A fenced code block showing {@code text} verbatim: the fence is longer than any backtick run in the text, and
     * the info string is reduced to a plain language word.
     */
    public static String codeBlock(String text, String info) {
        String body = text == null ? "" : UntrustedText.forLog(text);
        String fence = MarkdownFence.fenceFor(body);
        String lang = info == null ? "" : info.strip().split("\\s+", 2)[0].replaceAll("[^A-Za-z0-9_+.#-]", "");
        if (lang.length() > 30) {
            lang = lang.substring(0, 30);
        }
        StringBuilder sb = new StringBuilder(body.length() + 2 * fence.length() + lang.length() + 4);
        sb.append(fence).append(lang).append('\n');
        if (!body.isEmpty()) {
            sb.append(body);
            if (!body.endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.append(fence).toString();
    }

    /** Encoded length in UTF-8, the unit of GitHub's file-size limits. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding fits {@code maxBytes}, never splitting a code point. */
    public static String truncateUtf8(String s, int maxBytes) {
        if (maxBytes <= 0) {
            return "";
        }
        if (s.length() <= maxBytes / 3 || utf8Length(s) <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        String result = s.substring(0, i);
        assert result.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
        return result;
    }

    // ---- text segments: HTML escaped, inline code spans converted ----

    private static void appendText(StringBuilder out, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder segment = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                flushParagraph(segment, paragraph);
                segment.append('\n');
            } else {
                paragraph.add(defuseFenceLike(line));
            }
        }
        flushParagraph(segment, paragraph);
        if (!segment.toString().isBlank()) {
            appendSeparated(out, trimBlankLines(segment.toString()));
        }
    }

    /**
     * Drops blank lines at both ends but keeps the first line's indentation: stripping it could turn an indented
     * line (e.g. a tab before a fence) into a fence opener.
     */
    private static String trimBlankLines(String s) {
        int start = 0;
        int lineStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                start = i + 1;
                lineStart = start;
            } else if (c != ' ' && c != '\t') {
                start = lineStart;
                break;
            }
        }
        return s.substring(start).stripTrailing();
    }

    /**
     * A text line that starts like a backtick fence was not one only because its info string has a backtick; code
     * span conversion could remove that backtick and turn the line into a fence that swallows our own fences.
     * Escaping the first backtick rules that out.
     */
    private static String defuseFenceLike(String line) {
        Matcher m = FENCE_LIKE.matcher(line);
        return m.lookingAt() ? m.group(1) + "\\" + line.substring(m.group(1).length()) : line;
    }

    private static void flushParagraph(StringBuilder segment, List<String> paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        segment.append(inline(String.join("\n", paragraph))).append('\n');
        paragraph.clear();
    }

    /** Escapes {@code <} and turns backtick code spans into {@code <code>} elements with escaped content. */
    static String inline(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && isAsciiPunctuation(s.charAt(i + 1))) {
                char next = s.charAt(i + 1);
                if (next == '<') {
                    sb.append("&lt;");
                } else {
                    sb.append('\\').append(next);
                }
                i += 2;
            } else if (c == '`') {
                int runEnd = runEnd(s, i, '`');
                int runLength = runEnd - i;
                int close = findClosingRun(s, runEnd, runLength);
                if (close < 0) {
                    sb.append(s, i, runEnd);
                    i = runEnd;
                } else {
                    sb.append("<code>").append(codeContent(s.substring(runEnd, close))).append("</code>");
                    i = close + runLength;
                }
            } else if (c == '<') {
                sb.append("&lt;");
                i++;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String codeContent(String raw) {
        String content = raw.replace('\n', ' ');
        if (content.length() >= 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
            content = content.substring(1, content.length() - 1);
        }
        StringBuilder sb = new StringBuilder(content.length() + 16);
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (isAsciiPunctuation(c)) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private static int findClosingRun(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int end = runEnd(s, i, '`');
                if (end - i == length) {
                    return i;
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int runEnd(String s, int from, char c) {
        int i = from;
        while (i < s.length() && s.charAt(i) == c) {
            i++;
        }
        return i;
    }

    /** Blocks we write are surrounded by blank lines, which also end any paragraph or container laziness. */
    private static void appendSeparated(StringBuilder out, String block) {
        if (out.length() > 0) {
            out.append("\n\n");
        }
        out.append(block);
    }

    static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** A CommonMark fence opened at the top level of the model's text (indent of at most three spaces). */
    private static final class Fence {
        final char ch;
        final int length;
        final int indent;
        final String info;

        private Fence(char ch, int length, int indent, String info) {
            this.ch = ch;
            this.length = length;
            this.indent = indent;
            this.info = info;
        }

        static Fence opening(String line) {
            int indent = leadingSpaces(line);
            if (indent > 3 || indent >= line.length()) {
                return null;
            }
            char c = line.charAt(indent);
            if (c != '`' && c != '~') {
                return null;
            }
            int end = runEnd(line, indent, c);
            if (end - indent < 3) {
                return null;
            }
            String info = line.substring(end);
            if (c == '`' && info.indexOf('`') >= 0) {
                return null;
            }
            return new Fence(c, end - indent, indent, info.strip());
        }

        boolean closedBy(String line) {
            int spaces = leadingSpaces(line);
            if (spaces > 3) {
                return false;
            }
            int end = runEnd(line, spaces, ch);
            return end - spaces >= length && line.substring(end).isBlank();
        }

        String stripIndent(String line) {
            int remove = Math.min(indent, leadingSpaces(line));
            return line.substring(remove);
        }

        private static int leadingSpaces(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }
}
