package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReviewFindingsParserTest {

    private static final String ONE = "[{\"file\":\"src/A.java\",\"line\":12,\"severity\":\"error\","
            + "\"title\":\"NPE\",\"message\":\"x may be null\"}]";

    @Test
    void jsonFenceAsRequested() {
        ParsedReview r = ReviewFindingsParser.parse("```json\n" + ONE + "\n```");
        assertTrue(r.structured());
        assertEquals(List.of(new ReviewFinding("src/A.java", 12, Severity.ERROR, "x may be null", "NPE")),
                r.findings());
        assertEquals("", r.commentary());
    }

    @Test
    void proseAroundTheFenceBecomesCommentary() {
        ParsedReview r = ReviewFindingsParser.parse("Here is my review.\n\n```json\n" + ONE
                + "\n```\n\nOverall the change looks fine.");
        assertEquals(1, r.findings().size());
        assertEquals("Here is my review.\n\nOverall the change looks fine.", r.commentary());
    }

    @Test
    void bareArrayWithTrailingProse() {
        ParsedReview r = ReviewFindingsParser.parse(ONE + "\nLet me know if you need more. [1] {x}");
        assertTrue(r.structured());
        assertEquals(1, r.findings().size());
        assertEquals("Let me know if you need more. [1] {x}", r.commentary());
    }

    @Test
    void objectWithFindingsArrayAndOtherContainerNames() {
        assertEquals(1, ReviewFindingsParser.parse("{\"findings\": " + ONE + ", \"summary\": \"ok\"}")
                .findings().size());
        assertEquals(1, ReviewFindingsParser.parse("{\"comments\": " + ONE + "}").findings().size());
        assertEquals(1, ReviewFindingsParser.parse("{\"review\": {\"issues\": " + ONE + "}}").findings().size());
    }

    @Test
    void emptyArrayMeansNothingToReport() {
        ParsedReview r = ReviewFindingsParser.parse("```json\n[]\n```\nNo issues found.");
        assertTrue(r.structured());
        assertTrue(r.findings().isEmpty());
        assertEquals("No issues found.", r.commentary());
        assertTrue(ReviewFindingsParser.parse("{\"findings\": []}").structured());
    }

    @Test
    void numbersAsStringsAndOtherLineSpellings() {
        String json = "[{\"path\":\"a.py\",\"line\":\"42\",\"severity\":\"high\",\"body\":\"m1\"},"
                + "{\"file\":\"b.py\",\"line\":\"L7\",\"message\":\"m2\"},"
                + "{\"file\":\"c.py\",\"start_line\":\"10-14\",\"message\":\"m3\"},"
                + "{\"file\":\"d.py\",\"lineNumber\":3.0,\"message\":\"m4\"},"
                + "{\"file\":\"e.py\",\"line\":[5, 9],\"message\":\"m5\"},"
                + "{\"file\":\"f.py\",\"line\":-3,\"message\":\"m6\"},"
                + "{\"file\":\"g.py\",\"line\":\"n/a\",\"message\":\"m7\"},"
                + "{\"location\":{\"path\":\"h.py\",\"startLine\":8},\"description\":\"m8\"},"
                + "{\"file\":\"i.py\",\"line\":99999999999,\"message\":\"m9\"}]";
        List<ReviewFinding> f = ReviewFindingsParser.parse(json).findings();
        assertEquals(9, f.size());
        assertEquals(new ReviewFinding("a.py", 42, Severity.ERROR, "m1", null), f.get(0));
        assertEquals(7, f.get(1).line());
        assertEquals(10, f.get(2).line());
        assertEquals(3, f.get(3).line());
        assertEquals(5, f.get(4).line());
        assertEquals(0, f.get(5).line());
        assertEquals(0, f.get(6).line());
        assertEquals("h.py", f.get(7).file());
        assertEquals(8, f.get(7).line());
        assertEquals("m8", f.get(7).message());
        assertTrue(f.get(8).line() > 0, "huge numbers are clamped, not an error");
    }

    @Test
    void missingFieldsGetDefaults() {
        List<ReviewFinding> f = ReviewFindingsParser.parse("[{\"message\":\"general remark\"},"
                + "{\"title\":\"only a title\"},{\"file\":\"x\",\"suggestion\":\"use y\"},{},{\"file\":\"z\"},"
                + "{\"message\":\"with fix\",\"fix\":\"do this\"}]").findings();
        assertEquals(4, f.size());
        assertEquals(new ReviewFinding(null, 0, Severity.WARNING, "general remark", null), f.get(0));
        assertEquals("only a title", f.get(1).message());
        assertEquals("only a title", f.get(1).title());
        assertEquals("use y", f.get(2).message());
        assertEquals("with fix\n\nSuggested fix: do this", f.get(3).message());
    }

    @Test
    void sloppyJson() {
        String sloppy = "```json\n[\n  // the main problem\n  {file: 'a.js', line: 3, severity: 'Medium',"
                + " message: 'first\nsecond line',},\n]\n```";
        ParsedReview r = ReviewFindingsParser.parse(sloppy);
        assertTrue(r.structured());
        assertEquals(new ReviewFinding("a.js", 3, Severity.WARNING, "first\nsecond line", null), r.findings().get(0));
    }

    @Test
    void fenceWithoutLanguageAndTildeFence() {
        assertEquals(1, ReviewFindingsParser.parse("```\n" + ONE + "\n```").findings().size());
        assertEquals(1, ReviewFindingsParser.parse("~~~json\n" + ONE + "\n~~~").findings().size());
        assertEquals(1, ReviewFindingsParser.parse("````json\n" + ONE + "\n````").findings().size());
    }

    @Test
    void unclosedFence() {
        ParsedReview r = ReviewFindingsParser.parse("```json\n" + ONE);
        assertTrue(r.structured());
        assertEquals(1, r.findings().size());
    }

    @Test
    void jsonFencePreferredOverOtherBlocks() {
        String answer = "```java\nint[] a = {1, 2};\n```\n```json\n" + ONE + "\n```";
        ParsedReview r = ReviewFindingsParser.parse(answer);
        assertEquals(1, r.findings().size());
        assertTrue(r.commentary().contains("int[] a = {1, 2};"));
    }

    @Test
    void messageContainingAFenceStillParses() {
        String answer = "```json\n[{\"file\":\"a.py\",\"line\":1,\"message\":\"Use:\\n```python\\nx = 1\\n```\\n\"}]"
                + "\n```";
        // The inner ``` is inside a JSON string (escaped newlines), so the block is intact.
        ParsedReview r = ReviewFindingsParser.parse(answer);
        assertEquals(1, r.findings().size());
        assertTrue(r.findings().get(0).message().contains("```python"));
        // With raw newlines the inner fence closes the outer one early; the bare scan still finds the array.
        String raw = "```json\n[{\"file\":\"a.py\",\"line\":1,\"message\":\"Use:\n```python\nx = 1\n```\n\"}]\n```";
        ParsedReview r2 = ReviewFindingsParser.parse(raw);
        assertTrue(r2.structured());
        assertEquals(1, r2.findings().size());
        assertTrue(r2.findings().get(0).message().contains("x = 1"));
    }

    @Test
    void garbageFallsBackToPlainText() {
        for (String garbage : new String[] {"Looks good to me!", "[1, 2, 3]", "{\"a\": 1}", "[[[[", "{{{{}",
            "```json\nnot json at all\n```", "[\"just\", \"strings\"]", "null", "```json\n{\"findings\": 3}\n```",
            "\u0000\uD800\u001B[31m", "[{}]", "[{\"file\": \"x\"}]"}) {
            ParsedReview r = ReviewFindingsParser.parse(garbage);
            assertFalse(r.structured(), garbage);
            assertTrue(r.findings().isEmpty(), garbage);
            assertEquals(garbage.strip(), r.commentary(), garbage);
        }
    }

    @Test
    void stringsInAJsonFenceAreGeneralFindings() {
        ParsedReview r = ReviewFindingsParser.parse("```json\n[\"Missing tests\"]\n```");
        assertEquals(List.of(new ReviewFinding(null, 0, Severity.WARNING, "Missing tests", null)), r.findings());
    }

    @Test
    void nullAndBlank() {
        assertFalse(ReviewFindingsParser.parse(null).structured());
        assertEquals("", ReviewFindingsParser.parse(null).commentary());
        assertFalse(ReviewFindingsParser.parse("   ").structured());
    }

    @Test
    void singleFindingObject() {
        ParsedReview r = ReviewFindingsParser.parse("{\"file\":\"a\",\"line\":1,\"message\":\"m\"}");
        assertEquals(1, r.findings().size());
    }

    @Test
    void hostileFieldsAreBounded() {
        String longMessage = "m".repeat(50_000);
        String json = "[{\"file\":\"./src/\\u001b[31mA.java\\nextra\",\"title\":\"t\\nsecond " + "x".repeat(500)
                + "\",\"message\":\"" + longMessage + "\"}]";
        ReviewFinding f = ReviewFindingsParser.parse(json).findings().get(0);
        assertEquals("src/A.java extra", f.file());
        assertFalse(f.title().contains("\n"));
        assertTrue(f.title().length() <= ReviewFindingsParser.MAX_TITLE_CHARS);
        assertTrue(f.message().length() <= ReviewFindingsParser.MAX_MESSAGE_CHARS);
    }

    @Test
    void tooManyFindingsAreCapped() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 1_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"file\":\"f\",\"line\":").append(i).append(",\"message\":\"m\"}");
        }
        assertEquals(ReviewFindingsParser.MAX_FINDINGS,
                ReviewFindingsParser.parse(sb.append("]").toString()).findings().size());
    }

    @Test
    void deepNestingAndHugeGarbageDoNotThrowOrHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertFalse(ReviewFindingsParser.parse("[".repeat(100_000)).structured());
            assertFalse(ReviewFindingsParser.parse("{\"a\":".repeat(50_000)).structured());
            assertFalse(ReviewFindingsParser.parse("[{".repeat(200_000)).structured());
            Random random = new Random(3);
            char[] alphabet = "[]{}\",:\\ntrue0-`json\n".toCharArray();
            for (int i = 0; i < 2_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(200);
                for (int j = 0; j < n; j++) {
                    sb.append(alphabet[random.nextInt(alphabet.length)]);
                }
                ReviewFindingsParser.parse(sb.toString()); // must not throw
            }
        });
    }

    @Test
    void toMapForPipelines() {
        ReviewFinding f = new ReviewFinding("a", 3, Severity.NOTICE, "m", null, true);
        Map<String, Object> m = f.toMap();
        assertEquals("a", m.get("file"));
        assertEquals(3, m.get("line"));
        assertEquals("notice", m.get("severity"));
        assertNull(m.get("title"));
        assertEquals("m", m.get("message"));
        assertEquals(true, m.get("inDiff"));
        assertEquals(List.of("file", "line", "severity", "title", "message", "inDiff"), List.copyOf(m.keySet()));
    }

    @Test
    void findingNormalisation() {
        ReviewFinding f = new ReviewFinding("  ", -5, null, null, " ");
        assertNull(f.file());
        assertEquals(0, f.line());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("", f.message());
        assertNull(f.title());
        assertFalse(f.inDiff());
        assertTrue(f.withInDiff(true).inDiff());
    }
}
