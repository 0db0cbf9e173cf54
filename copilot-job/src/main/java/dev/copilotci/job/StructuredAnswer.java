package dev.copilotci.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer that must be JSON valid against a JSON Schema, the same for every front end: the instruction that asks
 * for it, the JSON taken from the answer (a fenced {@code json} block, else the whole answer), the validator's
 * errors, and the one corrective prompt that quotes them.
 *
 * <p>Validation is networknt's json-schema-validator (every draft, {@code $ref}, formats): a solved problem. The
 * schema may come from the pull request, so it can only refer to the drafts' own meta-schemas bundled in that jar:
 * a {@code $ref} to a URL or a file is refused, never fetched.
 */
public final class StructuredAnswer {
    /** At most this many errors are quoted (to the model and in the log); the count says how many there were. */
    static final int MAX_ERRORS = 20;
    /** One error quoted at most this long: a message may repeat a long value of the answer. */
    static final int MAX_ERROR_CHARS = 300;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The first fenced json block: ```json (or ```JSON, ~~~json) … closing fence. */
    private static final Pattern JSON_FENCE = Pattern.compile(
            "(?m)^[ \\t]{0,3}(`{3,}|~{3,})[ \\t]*json[ \\t]*\\R(.*?)^[ \\t]{0,3}\\1[ \\t]*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String schemaText;
    private final JsonSchema schema;

    private StructuredAnswer(String schemaText, JsonSchema schema) {
        this.schemaText = schemaText;
        this.schema = schema;
    }

    /** The outcome of one check: the JSON text found (null if none) and what is wrong with it (empty: valid). */
    public record Check(String json, List<String> errors) {
        public Check {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return json != null && errors.isEmpty();
        }

        /** The errors as one text, one per line. */
        public String describe() {
            return String.join("\n", errors);
        }
    }

    /**
     * Parses and compiles the schema.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, not a schema, a reference we refuse)
     */
    public static StructuredAnswer of(String schemaText, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IllegalArgumentException(what + " is not a JSON Schema (an object or a boolean)");
        }
        // Draft 2020-12 unless the schema names its own; only the bundled meta-schemas load, nothing from the net.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.values(loaders -> loaders.add(0,
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
        try {
            JsonSchema schema = factory.getSchema(node);
            schema.initializeValidators(); // resolve every $ref now: a bad schema is the caller's mistake, found early
            return new StructuredAnswer(schemaText, schema);
        } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(what + " is not a usable JSON Schema: " + e.getMessage());
        }
    }

    /** What to add to the prompt so the model knows the form of its answer. */
    public String instruction() {
        return "Answer with JSON only, in one fenced ```json block, that is valid against this JSON Schema:\n"
                + MarkdownFence.wrap(schemaText, "json");
    }

    /** The JSON in an answer (already cleaned and masked by the job's boundary), checked against the schema. */
    public Check check(String answer) {
        String json = extract(answer);
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Check(null, List.of("the answer is not JSON: " + clip(e.getOriginalMessage())));
        }
        if (node == null || node.isMissingNode()) {
            return new Check(null, List.of("the answer is empty: no JSON found"));
        }
        List<String> messages = schema.validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> clip(m.getMessage()))
                .distinct()
                .toList();
        if (messages.size() > MAX_ERRORS) {
            int more = messages.size() - MAX_ERRORS;
            messages = new java.util.ArrayList<>(messages.subList(0, MAX_ERRORS));
            messages.add("… and " + more + " more error(s)");
        }
        return new Check(json, messages);
    }

    /** The follow-up prompt after an invalid answer: what was wrong, and the form again. */
    public String correction(Check failed) {
        return "Your answer is not valid against the JSON Schema. What is wrong:\n"
                + MarkdownFence.wrap(failed.describe(), "text")
                + "Answer again with the corrected JSON only, in one fenced ```json block.";
    }

    /** The first fenced json block's content, else the whole answer; stripped. */
    static String extract(String answer) {
        String text = answer == null ? "" : answer;
        Matcher m = JSON_FENCE.matcher(text);
        return (m.find() ? m.group(2) : text).strip();
    }

    /** One line, bounded: error text may quote values of the answer. */
    private static String clip(String message) {
        String line = (message == null ? "" : message).replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
