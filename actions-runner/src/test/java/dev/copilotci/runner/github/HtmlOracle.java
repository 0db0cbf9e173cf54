package dev.copilotci.runner.github;

import java.util.List;
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
}
