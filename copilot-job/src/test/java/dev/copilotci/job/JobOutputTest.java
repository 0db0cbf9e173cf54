package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobOutputTest {
    private static final String TOKEN = "ghs_Secret0123456789abcdefXYZ";
    private final List<String> printed = new ArrayList<>();
    private final JobOutput out = JobOutput.masking(List.of(TOKEN), printed::add);

    @Test
    void cleansBeforeMasking() {
        String a = TOKEN.substring(0, 10);
        String b = TOKEN.substring(10);
        for (String hidden : List.of("\u0001", "\u001B[0m", "\u200B", "\u202E", "\u2066", "\uFEFF", "\u00AD")) {
            String safe = out.safe("x " + a + hidden + b + " y");
            assertEquals("x **** y", safe, "split by U+" + Integer.toHexString(hidden.charAt(0)));
        }
    }

    @Test
    void masksEncodedForms() {
        String header = Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String safe = out.safe("extraheader = AUTHORIZATION: basic " + header);
        assertFalse(safe.contains(header.substring(20, 50)), safe);
        for (int pad = 0; pad < 3; pad++) {
            String encoded = Base64.getEncoder().encodeToString(("p".repeat(pad) + TOKEN + "!").getBytes(StandardCharsets.UTF_8));
            String masked = out.safe(encoded);
            assertTrue(masked.contains("****"), "alignment " + pad + ": " + masked);
        }
        String odd = "p@ss w/rd+secret&more";
        JobOutput o = JobOutput.masking(List.of(odd), line -> { });
        assertEquals("q=****", o.safe("q=" + URLEncoder.encode(odd, StandardCharsets.UTF_8)));
    }

    @Test
    void ordinaryTextIsUntouched() {
        String text = "Build failed: expected 3 but was 4 (see AbstractFooTest.java:42) — ünïcødé ✓ 👍";
        assertEquals(text, out.safe(text));
    }

    @Test
    void linesGoToTheSinkCleanedAndMasked() {
        out.line("token " + TOKEN + "\u001B]8;;http://evil\u0007link");
        assertEquals(List.of("token ****link"), printed);
        assertEquals("use ****", out.toModel("use " + TOKEN));
    }

    @Test
    void aFindingIsCleanedAndMaskedAndASuggestionHoldingASecretIsDropped() {
        String a = TOKEN.substring(0, 10);
        String b = TOKEN.substring(10);
        ReviewFinding f = new ReviewFinding("src/" + TOKEN + ".java", 2, Severity.ERROR, "leaks " + a + "\u200B" + b,
                "title " + TOKEN, true);
        ReviewFinding safe = out.safe(f.withSuggestion(new ReviewSuggestion(2, 2,
                "key = \"" + a + "\u200B" + b + "\"")));
        assertEquals(new ReviewFinding("src/****.java", 2, Severity.ERROR, "leaks ****", "title ****", true), safe,
                "no suggestion: committing \"****\" (or the token) with one click is no fix");
        ReviewFinding kept = out.safe(f.withSuggestion(new ReviewSuggestion(2, 3, "fixed();\u202E\n```\nmore")));
        assertEquals(new ReviewSuggestion(2, 3, "fixed();\n```\nmore"), kept.suggestion(), "cleaned, else unchanged");
        assertNull(out.safe(new ReviewFinding(null, 0, null, null, null)).title());
    }
}
