package dev.copilotci.runner.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders Markdown with an independent CommonMark + GFM tables implementation (commonmark-java) and reports which
 * HTML elements came out, so tests can prove that model text produced no element of its own.
 */
final class HtmlOracle {

    /** Elements Markdown itself (or our own templates) produce. Anything else came from raw HTML. */
    static final Set<String> MARKDOWN_ELEMENTS = Set.of("p", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
            "ul", "ol", "li", "em", "strong", "a", "blockquote", "hr", "br", "img", "table", "thead", "tbody", "tr",
            "th", "td", "sub");

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build();
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^>\"'])*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\s*/?\\s*([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`]+))?\\s*/?");

    /** GitHub's mention filter: "@name" or "@org/team" at the start of a text node or after a non-word character. */
    private static final Pattern MENTION =
            Pattern.compile("(?:^|[^A-Za-z0-9_])(@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)?)");
    /** Elements whose text GitHub's mention filter leaves alone. */
    private static final Set<String> MENTION_FREE = Set.of("code", "pre", "a");
    private static final Pattern IMG_SRC =
            Pattern.compile("<img\\s[^>]*?src=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private HtmlOracle() {
    }

    static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Element names in the rendered HTML. */
    static Set<String> elements(String html) {
        Set<String> names = new TreeSet<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            names.add(m.group(2).toLowerCase());
        }
        return names;
    }

    /** Attribute names in the rendered HTML (values skipped, so text inside a quoted value does not count). */
    static Set<String> attributes(String html) {
        Set<String> names = new TreeSet<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            Matcher a = ATTRIBUTE.matcher(m.group(3));
            int at = 0;
            while (a.find(at) && a.start() == at) {
                names.add(a.group(1).toLowerCase());
                at = a.end();
            }
        }
        return names;
    }

    /**
     * Mentions GitHub would turn into a notification: matches of its mention pattern in text nodes outside
     * {@code <code>}, {@code <pre>} and {@code <a>}, after character references are decoded.
     */
    static List<String> liveMentions(String html) {
        List<String> found = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        int depth = 0;
        int textStart = 0;
        while (true) {
            boolean more = tag.find();
            int textEnd = more ? tag.start() : html.length();
            if (depth == 0) {
                Matcher m = MENTION.matcher(decode(html.substring(textStart, textEnd)));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
            if (!more) {
                return found;
            }
            if (MENTION_FREE.contains(tag.group(2).toLowerCase(Locale.ROOT))) {
                depth = Math.max(0, depth + (tag.group(1).isEmpty() ? 1 : -1));
            }
            textStart = tag.end();
        }
    }

    /** The {@code src} of every {@code <img>} element. */
    static List<String> imageSources(String html) {
        List<String> sources = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            sources.add(decode(m.group(1)));
        }
        return sources;
    }

    private static String decode(String text) {
        Matcher m = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot);").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String ch = switch (ref) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> Character.toString(ref.startsWith("#x") || ref.startsWith("#X")
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1)));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(ch));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
