package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.testsupport.CliServerFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bench --overhead} against the real CLI behind a connection token: the one JSON line benchmarks/run.py reads,
 * with both sides (the raw socket and the engine) past the token.
 */
@Timeout(120)
class BenchOverheadEndToEndTest {
    @Test
    void overheadPrintsOneJsonLineWithBothMedians() throws Exception {
        try (RunnerWorld w = new RunnerWorld();
             CliServerFixture server = CliServerFixture.builder().environment(w.offline).connectionToken("ov-1")
                     .start()) {
            RunnerWorld.Result r = w.run(w.env(Map.of("COPILOT_CONNECTION_TOKEN", "ov-1")), "", List.of("bench",
                    "--overhead", "--cli-url", server.url(), "--n", "100"));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(1, r.stdout().strip().lines().count(), r.stdout());
            JsonNode line = new ObjectMapper().readTree(r.stdout().strip());
            assertEquals(List.of("client", "mode", "n", "raw_median_us", "engine_median_us", "overhead_us"),
                    fieldNames(line));
            assertEquals("java", line.path("client").asText());
            assertEquals("overhead", line.path("mode").asText());
            assertEquals(100, line.path("n").asInt());
            assertTrue(line.path("raw_median_us").asLong() > 0, line.toString());
            assertTrue(line.path("engine_median_us").asLong() > 0, line.toString());
            assertEquals(line.path("engine_median_us").asLong() - line.path("raw_median_us").asLong(),
                    line.path("overhead_us").asLong());
        }
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
