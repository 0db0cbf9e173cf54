package dev.copilotci.client.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksEveryOccurrence() {
        SecretMasker m = SecretMasker.of("ghp_secret123");
        assertEquals("token=**** and again ****!", m.mask("token=ghp_secret123 and again ghp_secret123!"));
    }

    @Test
    void ignoresNullBlankAndShortValues() {
        SecretMasker m = SecretMasker.of(null, "", "   ", "abc", " ab ", "a");
        assertTrue(m.isEmpty());
        String text = "abc a ab";
        assertSame(text, m.mask(text));
        assertTrue(SecretMasker.of((String[]) null).isEmpty());
        assertTrue(SecretMasker.of(List.of()).isEmpty());
        assertTrue(SecretMasker.none().isEmpty());
        assertEquals(1, SecretMasker.of("abcd").size());
    }

    @Test
    void nullAndEmptyText() {
        SecretMasker m = SecretMasker.of("secret");
        assertNull(m.mask(null));
        assertEquals("", m.mask(""));
    }

    @Test
    void textWithoutSecretsIsReturnedAsIs() {
        SecretMasker m = SecretMasker.of("secret-value");
        String text = "nothing sensitive here, just secrets and values";
        assertSame(text, m.mask(text));
    }

    @Test
    void trimmedVariantIsMaskedToo() {
        SecretMasker m = SecretMasker.of("tok-12345\n"); // e.g. read from a file with a trailing newline
        assertEquals("Authorization: Bearer ****", m.mask("Authorization: Bearer tok-12345"));
    }

    @Test
    void secretInsideAnotherAndOverlapsLeakNothing() {
        SecretMasker m = SecretMasker.of("abcd", "abcdefgh", "efghij");
        assertEquals("x****y", m.mask("xabcdefghijy"));
        assertEquals("****-****", m.mask("abcd-abcdefgh"));
        SecretMasker overlap = SecretMasker.of("aaaa");
        assertEquals("****", overlap.mask("aaaaaa"));
        assertEquals("****b****", overlap.mask("aaaabaaaa"));
        SecretMasker adjacent = SecretMasker.of("wxyz");
        assertEquals("****", adjacent.mask("wxyzwxyz"));
    }

    @Test
    void multiLineSecretIsMaskedWholeAndLineByLine() {
        String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END KEY-----";
        SecretMasker m = SecretMasker.of(pem);
        assertEquals("key: ****.", m.mask("key: " + pem + "."));
        // printed line by line (whole lines): no line of it survives
        for (String line : pem.split("\n")) {
            assertEquals("****", m.mask(line));
        }
        // CRLF rendering of the same secret
        String crlf = m.mask(pem.replace("\n", "\r\n"));
        assertFalse(crlf.contains("MIIEvQIBADANBgkq"), crlf);
    }

    @Test
    void unicodeSecrets() {
        SecretMasker m = SecretMasker.of("pässwörd😀");
        assertEquals("x **** y", m.mask("x pässwörd😀 y"));
    }

    @Test
    void toStringDoesNotRevealSecrets() {
        SecretMasker m = SecretMasker.of("super-secret-token");
        assertFalse(m.toString().contains("super"));
        assertFalse(m.streaming().toString().contains("super"));
    }

    @Test
    void streamingMasksASecretSplitAcrossChunks() {
        SecretMasker m = SecretMasker.of("ghp_ABCDEFGH");
        SecretMasker.Streaming s = m.streaming();
        StringBuilder out = new StringBuilder();
        out.append(s.accept("token: ghp_AB"));
        assertFalse(out.toString().contains("ghp_"), "a possible secret prefix is held back: " + out);
        out.append(s.accept("CDEFGH done\n"));
        out.append(s.flush());
        assertEquals("token: **** done\n", out.toString());
    }

    @Test
    void streamingEmitsPromptlyWhenNothingCouldBeASecret() {
        SecretMasker.Streaming s = SecretMasker.of("zzzz-secret").streaming();
        assertEquals("hello world\n", s.accept("hello world\n"));
        assertEquals("ab", s.accept("ab"));
        assertEquals("zz", s.accept("zz") + s.flush());
    }

    @Test
    void streamingHoldsBackAtMostLongestSecretMinusOne() {
        String secret = "0123456789";
        SecretMasker.Streaming s = SecretMasker.of(secret).streaming();
        String out = s.accept("abc012345678");
        assertEquals("abc", out);
        assertEquals("012345678x", s.accept("x") + s.flush());
    }

    @Test
    void streamingOutputEqualsWholeTextMaskingForRandomChunking() {
        Random random = new Random(42);
        String alphabet = "ab\nc";
        for (int round = 0; round < 2_000; round++) {
            List<String> secrets = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                secrets.add(randomString(random, alphabet, 4 + random.nextInt(4)));
            }
            String text = randomString(random, alphabet, random.nextInt(60));
            SecretMasker m = SecretMasker.of(secrets);
            String expected = m.mask(text);
            SecretMasker.Streaming s = m.streaming();
            StringBuilder out = new StringBuilder();
            int pos = 0;
            while (pos < text.length()) {
                int len = Math.min(text.length() - pos, random.nextInt(8));
                out.append(s.accept(text.substring(pos, pos + len)));
                pos += len;
            }
            out.append(s.flush());
            assertEquals(expected, out.toString(), () -> "secrets=" + secrets + " text=" + text.replace("\n", "\\n"));
        }
    }

    @Test
    void wholeTextMaskingNeverLeaksAnOccurrence() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<String> secrets = List.of(randomString(random, "xy", 4 + random.nextInt(3)),
                    randomString(random, "xy", 4 + random.nextInt(3)));
            String text = randomString(random, "xy-", random.nextInt(40));
            String masked = SecretMasker.of(secrets).mask(text);
            for (String secret : secrets) {
                assertFalse(masked.contains(secret), secrets + " in " + masked);
            }
        }
    }

    @Test
    void streamingIsReusableAfterFlush() {
        SecretMasker.Streaming s = SecretMasker.of("abcdef").streaming();
        assertEquals("****", s.accept("abcdef") + s.flush());
        assertEquals("abc", s.accept("abc") + s.flush());
    }

    @Test
    void streamingWithNoSecretsPassesThrough() {
        SecretMasker.Streaming s = SecretMasker.none().streaming();
        assertEquals("abc", s.accept("abc"));
        assertEquals("", s.accept(""));
        assertEquals("", s.accept(null));
        assertEquals("", s.flush());
    }

    @Test
    void efficientForManyLinesAndManySecrets() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            secrets.add("secret-value-" + i + "-xyz");
        }
        SecretMasker m = SecretMasker.of(secrets);
        char[] filler = new char[120];
        Arrays.fill(filler, 's'); // starts like the secrets: worst case for first-character dispatch
        String line = new String(filler) + " secret-value-17-xyz end\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SecretMasker.Streaming s = m.streaming();
            long masked = 0;
            for (int i = 0; i < 100_000; i++) {
                String out = m.mask(line);
                String streamed = s.accept(line);
                if (out.contains("****") && !streamed.contains("secret-value-17")) {
                    masked++;
                }
            }
            assertEquals(100_000, masked);
        });
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
