package dev.copilotci.client.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    private static final String ESC = "\u001B";

    @Test
    void plainTextIsReturnedUnchanged() {
        String s = "Hello, world\n\tindented — ünïcödé 😀 日本語";
        assertSame(s, UntrustedText.forLog(s));
        assertSame(s, UntrustedText.forPrompt(s));
    }

    @Test
    void nullBecomesEmpty() {
        assertEquals("", UntrustedText.forLog(null));
        assertEquals("", UntrustedText.forPrompt(null));
        assertEquals("", UntrustedText.escapeHtml(null));
        assertEquals("", UntrustedText.stripConsoleNotes(null));
        assertEquals("", UntrustedText.replaceLoneSurrogates(null));
        assertEquals("", UntrustedText.singleLine(null, 10));
    }

    @Test
    void stripsSgrAndOtherCsiSequences() {
        assertEquals("red bold normal", UntrustedText.forLog(ESC + "[31mred" + ESC + "[0m " + ESC + "[1;4mbold"
                + ESC + "[m normal"));
        assertEquals("cleared", UntrustedText.forLog(ESC + "[2J" + ESC + "[Hcleared" + ESC + "[?25l"));
        assertEquals("x", UntrustedText.forLog("\u009B31mx")); // C1 CSI
    }

    @Test
    void stripsOscHyperlinksAndTitlesButKeepsTheirVisibleText() {
        String link = ESC + "]8;;https://evil.example/" + ESC + "\\click" + ESC + "]8;;" + ESC + "\\";
        assertEquals("click", UntrustedText.forLog(link));
        assertEquals("after", UntrustedText.forLog(ESC + "]0;window title\u0007after"));
    }

    @Test
    void unterminatedOscStopsAtTheLineEnd() {
        assertEquals("\nnext line", UntrustedText.forLog(ESC + "]0;never terminated\nnext line"));
    }

    @Test
    void stripsOtherEscapeSequencesAndStrayEsc() {
        assertEquals("AB", UntrustedText.forLog(ESC + "(BA" + ESC + "cB"));
        assertEquals("", UntrustedText.forLog(ESC));
        assertEquals("\u00E9", UntrustedText.forLog(ESC + "\u00E9")); // stray ESC before a non-ASCII char
        assertEquals("dcs gone", UntrustedText.forLog(ESC + "Pq#0;2;0;0;0" + ESC + "\\dcs gone"));
    }

    @Test
    void stripsJenkinsConsoleNotes() {
        String payload = Base64.getEncoder().encodeToString("a serialized hyperlink note".getBytes());
        String note = UntrustedText.CONSOLE_NOTE_PREAMBLE + payload + UntrustedText.CONSOLE_NOTE_POSTAMBLE;
        assertEquals("see here", UntrustedText.forLog("see " + note + "here"));
        assertEquals("see here", UntrustedText.stripConsoleNotes("see " + note + "here"));
        // unterminated: preamble and payload go
        assertEquals("x  y", UntrustedText.forLog("x " + UntrustedText.CONSOLE_NOTE_PREAMBLE + payload + " y"));
        assertEquals("x  y", UntrustedText.stripConsoleNotes("x " + UntrustedText.CONSOLE_NOTE_PREAMBLE + payload
                + " y"));
    }

    @Test
    void stripConsoleNotesLeavesOtherEscapesAlone() {
        String s = ESC + "[31mred" + ESC + "[0m";
        assertEquals(s, UntrustedText.stripConsoleNotes(s));
    }

    @Test
    void noEscapeCharacterSurvivesAnyInput() {
        String nasty = ESC + "[" + ESC + "]" + ESC + ESC + "[8mha:" + ESC + "[8mha:AAA" + ESC + "[0" + ESC + "P"
                + "\u009B\u009D" + ESC;
        // (the line break: "ESC t" or "ESC SP t" would be escape sequences themselves)
        String out = UntrustedText.forLog(nasty + "\ntext" + nasty);
        assertFalse(out.contains(ESC), out);
        assertFalse(out.contains("\u009B"), out);
        assertTrue(out.contains("text"), out);
    }

    @Test
    void removesControlCharactersButKeepsNewlineAndTab() {
        assertEquals("a\tb\nc", UntrustedText.forLog("a\u0000\tb\u0007\n\u0008c\u007F\u0085"));
    }

    @Test
    void carriageReturnHandling() {
        assertEquals("a\nb", UntrustedText.forLog("a\r\nb"));
        assertEquals("a\nb", UntrustedText.forLog("a\rb")); // log: a lone CR must not hide a new line
        assertEquals("a b", UntrustedText.forPrompt("a\rb")); // prompt: keep line numbering
        assertEquals("a\nb", UntrustedText.forPrompt("a\r\nb"));
        assertEquals("x\n::error::forged", UntrustedText.forLog("x\r::error::forged"));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        String emoji = "😀";
        assertEquals("a\uFFFDb" + emoji + "\uFFFD", UntrustedText.forLog("a\uD800b" + emoji + "\uDC00"));
        assertEquals("\uFFFD", UntrustedText.forLog("\uD83D")); // high surrogate at the end
        assertEquals("x\uFFFDy😀", UntrustedText.replaceLoneSurrogates("x\uDFFFy😀"));
        String ok = "pair 😀 only";
        assertSame(ok, UntrustedText.replaceLoneSurrogates(ok));
    }

    @Test
    void escapesHtml() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
                UntrustedText.escapeHtml("<script>alert(\"x\" & 'y')</script>"));
        String plain = "nothing to escape";
        assertSame(plain, UntrustedText.escapeHtml(plain));
    }

    @Test
    void singleLineCollapsesWhitespaceAndCuts() {
        assertEquals("a b c", UntrustedText.singleLine("  a\n\n b\t\u2028c \r\n", 100));
        assertEquals("abcd…", UntrustedText.singleLine("abcdefghij", 5));
        assertEquals("abc", UntrustedText.singleLine("abc", 3));
        // never cut inside a surrogate pair
        String cut = UntrustedText.singleLine("ab😀cdef", 4);
        assertEquals("ab…", cut);
        assertFalse(UntrustedText.singleLine(ESC + "[31mred" + ESC + "[0m", 50).contains(ESC));
    }
}
