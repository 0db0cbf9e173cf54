package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prompt --output-schema}: the answer's JSON is checked against the schema, corrected once in the same session
 * with the validator's errors, then the run fails naming them. Real CLI, scripted model.
 */
@Timeout(240)
class OutputSchemaEndToEndTest {
    private static final String SCHEMA = """
            {"type":"object","required":["verdict","score"],"additionalProperties":false,
             "properties":{"verdict":{"enum":["pass","fail"]},"score":{"type":"integer","minimum":0}}}""";
    private static final String VALID = "{\"verdict\":\"pass\",\"score\":7}";
    private static final String INVALID = "```json\n{\"verdict\":\"maybe\",\"score\":7}\n```";

    @TempDir
    Path dir;

    private List<String> args(RunnerWorld w, String schemaFile) {
        List<String> args = new ArrayList<>(List.of("prompt", "--prompt", "grade it", "--output-schema", schemaFile,
                "--working-directory", dir.toString()));
        args.addAll(w.modelArgs());
        return args;
    }

    @Test
    void aValidFirstAnswerIsTheJsonOutput() throws Exception {
        Files.writeString(dir.resolve("schema.json"), SCHEMA);
        Path output = Files.createFile(dir.resolve("output"));
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text("Sure.\n\n```json\n" + VALID + "\n```\n"));
            RunnerWorld.Result r = w.run(w.env(Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", output.toString(),
                    "RUNNER_TEMP", dir.toString())), "", args(w, "schema.json"));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(1, w.provider.requests().size());
            assertTrue(w.provider.requests().get(0).lastUserPrompt().contains("\"verdict\""),
                    "the schema is in the prompt");
            assertTrue(r.stdout().contains(VALID), r.stdout());
            assertFalse(r.stderr().contains("SLF4J"), "the validator's logging stays silent: " + r.stderr());
            assertTrue(Files.readString(output).contains(VALID), "output json: " + Files.readString(output));
        }
    }

    @Test
    void anInvalidAnswerIsCorrectedOnceWithTheErrors() throws Exception {
        Files.writeString(dir.resolve("schema.json"), SCHEMA);
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.enqueue(ScriptedResponse.text(INVALID), ScriptedResponse.text(VALID));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", args(w, "schema.json"));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(VALID, r.stdout().strip());
            List<RecordedRequest> requests = w.provider.requests();
            assertEquals(2, requests.size());
            String correction = requests.get(1).lastUserPrompt();
            assertTrue(correction.contains("$.verdict") && correction.contains("enumeration"), correction);
            assertTrue(requests.get(1).messages().toString().contains("grade it"), "the same session continues");
        }
    }

    @Test
    void twoInvalidAnswersFailNamingTheErrors() throws Exception {
        Files.writeString(dir.resolve("schema.json"), SCHEMA);
        try (RunnerWorld w = new RunnerWorld()) {
            w.provider.respondWith(r -> ScriptedResponse.text(INVALID));
            RunnerWorld.Result r = w.run(w.env(Map.of()), "", args(w, "schema.json"));
            assertEquals(1, r.exitCode(), r.stderr());
            assertEquals(2, w.provider.requests().size(), "exactly one correction");
            assertTrue(r.stderr().contains("not valid against --output-schema"), r.stderr());
            assertTrue(r.stderr().contains("$.verdict: does not have a value in the enumeration"), r.stderr());
            assertFalse(r.stdout().contains("maybe"), "no invalid JSON as the result: " + r.stdout());
        }
    }
}
