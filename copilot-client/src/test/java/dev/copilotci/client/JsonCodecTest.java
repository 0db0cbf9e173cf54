package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Our mapper-free codec must read and write exactly what Jackson's ObjectMapper does for the protocol's trees. */
class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec();
    private final ObjectMapper reference = new ObjectMapper();

    private static final String DOCUMENT = "{\"jsonrpc\":\"2.0\",\"id\":9007199254740993,\"method\":\"session.event\","
            + "\"params\":{\"sessionId\":\"job-42\",\"event\":{\"type\":\"assistant.message\",\"ephemeral\":false,"
            + "\"data\":{\"content\":\"Zeile 1\\nline \\\"2\\\" \\u00e9\\u2713 \\ud83d\\ude80 <b>&amp;\","
            + "\"toolRequests\":[],\"n\":-7,\"ratio\":0.25,\"big\":123456789012345678901234567890,"
            + "\"missing\":null,\"flags\":[true,false,null,[{}]]}}}}";

    @Test
    void decodesLikeObjectMapper() throws Exception {
        byte[] json = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        JsonNode ours = codec.decode(json);
        assertEquals(reference.readTree(json), ours);
        assertTrue(ours.path("id").isLong(), "a long stays a long");
        assertEquals(new BigInteger("123456789012345678901234567890"),
                ours.path("params").path("event").path("data").path("big").bigIntegerValue());
        assertEquals("Zeile 1\nline \"2\" é✓ \uD83D\uDE80 <b>&amp;",
                ours.path("params").path("event").path("data").path("content").asText());
    }

    @Test
    void encodesByteForByteLikeObjectMapper() throws Exception {
        JsonNode tree = reference.readTree(DOCUMENT);
        assertArrayEquals(reference.writeValueAsBytes(tree), codec.encode(tree));

        ObjectNode built = JsonCodec.object().put("prompt", "a\u0000b\tc").put("n", 1.5f).put("ok", true);
        built.putArray("list").add(1).add("two").addNull();
        built.put("bytes", new byte[] {1, 2, 3});
        assertArrayEquals(reference.writeValueAsBytes(built), codec.encode(built));
    }

    @Test
    void roundTripsItsOwnOutput() throws Exception {
        JsonNode tree = codec.decode(DOCUMENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(tree, codec.decode(codec.encode(tree)));
    }

    @Test
    void rejectsWhatIsNotAJsonDocument() {
        for (String bad : new String[] {"", "   ", "{\"a\":", "[1,2", "{a:1}", "nul"}) {
            assertThrows(IOException.class, () -> codec.decode(bad.getBytes(StandardCharsets.UTF_8)),
                    "rejected: " + bad);
        }
    }

    @Test
    void likeObjectMapperWhatFollowsTheDocumentIsIgnoredAndPojoNodesAreWritten() throws Exception {
        byte[] trailing = "{\"a\":1} {}".getBytes(StandardCharsets.UTF_8);
        assertEquals(reference.readTree(trailing), codec.decode(trailing));
        ObjectNode withPojo = JsonCodec.object();
        withPojo.putPOJO("when", java.util.Map.of("day", 21));
        assertArrayEquals(reference.writeValueAsBytes(withPojo), codec.encode(withPojo));
    }

    @Test
    void scalarDocumentsAreTrees() throws Exception {
        assertEquals(reference.readTree("42"), codec.decode("42".getBytes(StandardCharsets.UTF_8)));
        assertEquals(reference.readTree("\"x\""), codec.decode("\"x\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals(reference.readTree("null"), codec.decode("null".getBytes(StandardCharsets.UTF_8)));
    }
}
