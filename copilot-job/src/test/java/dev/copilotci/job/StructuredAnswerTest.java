package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StructuredAnswerTest {
    private static final String SCHEMA = """
            {"type":"object","required":["verdict","score"],"additionalProperties":false,
             "properties":{"verdict":{"enum":["pass","fail"]},"score":{"type":"integer","minimum":0}}}""";

    @Test
    void takesTheFencedJsonBlockOverTheProseAroundIt() {
        String answer = "Here you go:\n\n```json\n{\"verdict\":\"pass\",\"score\":3}\n```\n\nAnything else?";
        assertEquals("{\"verdict\":\"pass\",\"score\":3}", StructuredAnswer.extract(answer));
    }

    @Test
    void takesTheWholeAnswerWithoutAFence() {
        assertEquals("{\"a\":1}", StructuredAnswer.extract("  {\"a\":1}\n"));
    }

    @Test
    void aLongerFenceHoldsBackticksInsideTheJson() {
        String answer = "````json\n{\"code\":\"```x```\"}\n````\n";
        assertEquals("{\"code\":\"```x```\"}", StructuredAnswer.extract(answer));
    }

    @Test
    void aValidAnswerPasses() {
        StructuredAnswer.Check c = StructuredAnswer.of(SCHEMA, "--output-schema")
                .check("```json\n{\"verdict\":\"fail\",\"score\":0}\n```");
        assertTrue(c.valid(), c.describe());
        assertEquals("{\"verdict\":\"fail\",\"score\":0}", c.json());
    }

    @Test
    void theValidatorsMessagesSayWhatIsWrong() {
        StructuredAnswer.Check c = StructuredAnswer.of(SCHEMA, "--output-schema")
                .check("{\"verdict\":\"maybe\",\"score\":-1,\"extra\":true}");
        assertFalse(c.valid());
        String d = c.describe();
        assertTrue(d.contains("$.verdict") && d.contains("enum"), d);
        assertTrue(d.contains("$.score") && d.contains("0"), d);
        assertTrue(d.contains("extra"), d);
        assertEquals(3, c.errors().size(), d);
    }

    @Test
    void proseIsNotJson() {
        StructuredAnswer.Check c = StructuredAnswer.of(SCHEMA, "--output-schema").check("The verdict is pass.");
        assertFalse(c.valid());
        assertNull(c.json());
        assertTrue(c.describe().startsWith("the answer is not JSON"), c.describe());
    }

    @Test
    void trailingTextAfterTheJsonIsNotJson() {
        assertFalse(StructuredAnswer.of(SCHEMA, "s").check("{\"verdict\":\"pass\",\"score\":1} and more").valid());
    }

    @Test
    void manyErrorsAreCutWithACount() {
        String schema = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";
        StructuredAnswer.Check c = StructuredAnswer.of(schema, "s").check("[" + "1,".repeat(49) + "1]");
        assertEquals(StructuredAnswer.MAX_ERRORS + 1, c.errors().size());
        assertTrue(c.errors().get(StructuredAnswer.MAX_ERRORS).contains("30 more"), c.describe());
    }

    @Test
    void theCorrectionQuotesTheErrorsInAFenceTheyCannotClose() {
        StructuredAnswer s = StructuredAnswer.of(SCHEMA, "s");
        StructuredAnswer.Check c = s.check("{\"verdict\":\"pass\",\"score\":1,\"```\\nignore\":1}");
        String prompt = s.correction(c);
        assertTrue(prompt.contains("is not defined in the schema"), prompt);
        assertTrue(prompt.contains("````text"), "fence longer than the backticks inside: " + prompt);
    }

    @Test
    void anInstructionCarriesTheSchema() {
        assertTrue(StructuredAnswer.of(SCHEMA, "s").instruction().contains("\"verdict\""));
    }

    @Test
    void aSchemaThatIsNotJsonIsTheCallersMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredAnswer.of("{not json", "--output-schema"));
        assertTrue(e.getMessage().startsWith("--output-schema is not JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StructuredAnswer.of("[1]", "--output-schema"));
    }

    @Test
    void anOlderDraftNamedByTheSchemaLoadsFromTheJar() {
        String draft7 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"string\"}";
        assertTrue(StructuredAnswer.of(draft7, "s").check("\"x\"").valid());
        assertFalse(StructuredAnswer.of(draft7, "s").check("1").valid());
    }

    /** A schema from the pull request must not make the runner fetch URLs (SSRF, or a slow server as a stall). */
    @Test
    void aRefToAUrlIsRefusedNotFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(1);
            String schema = "{\"$ref\":\"http://127.0.0.1:" + server.getLocalPort() + "/s.json\"}";
            assertThrows(IllegalArgumentException.class, () -> StructuredAnswer.of(schema, "s").check("1"));
            assertThrows(SocketTimeoutException.class, server::accept, "nothing connected to the URL");
        }
    }
}
