package dev.copilotci.runner.github;

import dev.copilotci.job.MarkdownFence;
import dev.copilotci.client.text.UntrustedText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * can swallow them. Inline code spans become {@code <code>} elements with fully escaped content, and backticks this
 * class does not pair are escaped, so the renderer sees no backtick it could pair differently.
 *
 * <p>The output is also inert towards GitHub's post-processing, so model text cannot act on anyone's behalf:
 * <ul>
 * <li>No images: a {@code !} before {@code [} is escaped, so {@code ![x](url)} and {@code ![x][ref]} render as a
 * plain link. An image makes every viewer's browser (through GitHub's camo proxy) fetch a URL the model chose, which
 * can carry data out of the job; a link needs a click. All images go, including GitHub-hosted ones: the model has no
 * need for any, and no host check can be wrong that way.</li>
 * <li>No mentions: GitHub turns {@code @user} and {@code @org/team} in text (not in code) into notifications;
 * those become {@code <code>@user</code>}. An {@code @} after a letter or digit (an e-mail address) is no mention and
 * stays as it is.</li>
 * <li>No character references: {@code &} becomes {@code &amp;}, so {@code &#64;user} cannot spell a mention after
 * the parser has run.</li>
 * <li>No rendered diagrams or maps: code blocks tagged {@code mermaid}, {@code geojson}, {@code topojson} or
 * {@code stl} are shown as plain code.</li>
 * </ul>
 * Our hidden markers ({@code <!-- copilot-ci:KEY -->}) cannot be forged: {@code <} from the model never stays
 * live.
 */
public final class MarkdownText {

    private static final Pattern FENCE_LIKE = Pattern.compile("( {0,3})(?=```|~~~)");
    /** Info strings GitHub renders as something other than code (diagrams, maps, 3D models). */
    private static final Set<String> RENDERED_LANGUAGES = Set.of("mermaid", "geojson", "topojson", "stl");

    private MarkdownText() {
    }

    /**
     * Literal inline text: line breaks become spaces and every ASCII punctuation character is backslash-escaped, so
     * nothing in it is Markdown or HTML, except that mentions are wrapped in {@code <code>} (see the class comment).
     * Safe inside table cells ({@code |} becomes {@code \|}).
     */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String s = UntrustedText.forLog(text).replace('\n', ' ').replace('\t', ' ');
        StringBuilder sb = new StringBuilder(s.length() + 16);
        boolean wordBefore = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int mention = wordBefore ? -1 : mentionEnd(s, i);
            if (mention > 0) {
                appendCode(sb, s.substring(i, mention));
                wordBefore = false;
                i = mention;
                continue;
            }
            if (isAsciiPunctuation(c)) {
                sb.append('\\');
            }
            sb.append(c);
            wordBefore = isAsciiAlphanumeric(c);
            i++;
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
        if (RENDERED_LANGUAGES.contains(lang.toLowerCase(Locale.ROOT))) {
            lang = "";
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

    /**
     * Escapes {@code <} and {@code &}, turns backtick code spans into {@code <code>} elements with escaped content,
     * wraps mentions in {@code <code>} and escapes the {@code !} of image syntax.
     */
    static String inline(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        int n = s.length();
        int i = 0;
        // Whether the text node being written ends in a letter or digit: then an "@" is part of a word (an e-mail
        // address), not a mention. Elements we write (<code>) end the text node.
        boolean wordBefore = false;
        while (i < n) {
            char c = s.charAt(i);
            int at = c == '@' ? i : c == '\\' && i + 1 < n && s.charAt(i + 1) == '@' ? i + 1 : -1;
            int mention = at < 0 || wordBefore ? -1 : mentionEnd(s, at);
            if (mention > 0) {
                appendCode(sb, s.substring(at, mention));
                wordBefore = false;
                i = mention;
            } else if (c == '\\' && i + 1 < n && isAsciiPunctuation(s.charAt(i + 1))) {
                char next = s.charAt(i + 1);
                if (next == '<') {
                    sb.append("&lt;");
                } else {
                    sb.append('\\').append(next);
                }
                wordBefore = false;
                i += 2;
            } else if (c == '`') {
                int runEnd = runEnd(s, i, '`');
                int runLength = runEnd - i;
                int close = findClosingRun(s, runEnd, runLength);
                if (close < 0) {
                    // Escaped, so the renderer cannot pair it with a backtick inside one of our <code> elements and
                    // swallow that element's opening tag (its content would then be live text again).
                    sb.append("\\`".repeat(runLength));
                    i = runEnd;
                } else {
                    appendCode(sb, s.substring(runEnd, close));
                    i = close + runLength;
                }
                wordBefore = false;
            } else if (c == '<') {
                sb.append("&lt;");
                wordBefore = false;
                i++;
            } else if (c == '&') {
                sb.append("&amp;");
                wordBefore = false;
                i++;
            } else if (c == '!' && i + 1 < n && s.charAt(i + 1) == '[') {
                sb.append("\\!");
                wordBefore = false;
                i++;
            } else {
                sb.append(c);
                wordBefore = isAsciiAlphanumeric(c);
                i++;
            }
        }
        return sb.toString();
    }

    /**
     * The end of a mention GitHub would link ({@code @user}, {@code @org/team}) starting at {@code at}, or -1. Wider
     * than GitHub's own pattern on purpose: wrapping a non-mention in code is harmless.
     */
    private static int mentionEnd(String s, int at) {
        if (at + 1 >= s.length() || s.charAt(at) != '@' || !isAsciiAlphanumeric(s.charAt(at + 1))) {
            return -1;
        }
        int end = at + 1;
        while (end < s.length() && (isAsciiAlphanumeric(s.charAt(end)) || s.charAt(end) == '-')) {
            end++;
        }
        if (end + 1 < s.length() && s.charAt(end) == '/' && isSlugChar(s.charAt(end + 1))) {
            end++;
            while (end < s.length() && isSlugChar(s.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    private static void appendCode(StringBuilder sb, String raw) {
        sb.append("<code>").append(codeContent(raw)).append("</code>");
    }

    private static boolean isSlugChar(char c) {
        return isAsciiAlphanumeric(c) || c == '-' || c == '_';
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
