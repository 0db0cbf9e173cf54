package dev.copilotci.job;

import dev.copilotci.client.text.UntrustedText;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a review answer into {@link ReviewFinding}s without trusting its shape.
 *
 * <p>Accepted: a JSON array of findings or an object holding one ({@code findings}, {@code comments},
 * {@code issues}, ...), inside a {@code ```json} fence (preferred), another fence, or bare in the text with prose
 * around it. JSON may be sloppy (comments, single quotes, unquoted keys, trailing commas, raw line breaks in
 * strings). Fields may be missing or differently named ({@code path} for {@code file}, {@code body} for
 * {@code message}, ...), numbers may be strings ({@code "12"}, {@code "L12"}, {@code "12-15"}), severities are
 * parsed leniently ({@link Severity#parseOrDefault}, default WARNING). Elements without any text are dropped.
 *
 * <p>Never throws: anything unusable gives {@code structured == false}, no findings and the whole answer as
 * commentary, to be shown as plain text. At most {@value #MAX_FINDINGS} findings are kept.
 */
public final class ReviewFindingsParser {

    static final int MAX_INPUT_CHARS = 1_000_000;
    static final int MAX_FINDINGS = 200;
    static final int MAX_MESSAGE_CHARS = 8_000;
    static final int MAX_TITLE_CHARS = 200;
    static final int MAX_FILE_CHARS = 1_000;
    private static final int MAX_PARSE_ATTEMPTS = 64;

    /** Configured once, then only read: ObjectMapper is thread-safe for reading. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})[ \\t]*([^`\\s]*)[^`]*$");
    private static final Pattern EMPTY_FENCE = Pattern.compile("(?m)^ {0,3}(`{3,}|~{3,})[^\n`]*\n\\s*\\1[ \t]*$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private static final Set<String> CONTAINER_KEYS = Set.of("findings", "comments", "issues", "results",
            "problems", "review", "reviewcomments", "items", "annotations");
    private static final String[] FILE_KEYS = {"file", "path", "filename", "filepath", "relativepath", "uri"};
    private static final String[] LINE_KEYS = {"line", "linenumber", "lineno", "startline", "start", "lines",
        "position"};
    private static final String[] SEVERITY_KEYS = {"severity", "level", "priority", "impact", "importance"};
    private static final String[] TITLE_KEYS = {"title", "summary", "name", "rule", "category", "headline"};
    private static final String[] MESSAGE_KEYS = {"message", "body", "description", "comment", "text", "details",
        "detail", "explanation", "issue", "problem", "reason", "finding"};
    private static final String[] SUGGESTION_KEYS = {"suggestion", "fix", "recommendation", "remediation",
        "suggestedfix"};
    private static final String[] REPLACEMENT_KEYS = {"replacement", "code", "newcode", "suggestedcode", "text",
        "lines", "content"};
    private static final String[] START_KEYS = {"startline", "start", "fromline", "line", "first"};
    private static final String[] END_KEYS = {"endline", "end", "toline", "last"};
    private static final String[] LOCATION_KEYS = {"location", "position", "range", "region"};

    private ReviewFindingsParser() {
    }

    /** Parses a review answer; see the class comment. Never throws. */
    public static ParsedReview parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return new ParsedReview(List.of(), false, answer == null ? "" : answer.strip());
        }
        try {
            ParsedReview parsed = parseStructured(answer.length() > MAX_INPUT_CHARS
                    ? answer.substring(0, MAX_INPUT_CHARS) : answer);
            if (parsed != null) {
                return parsed;
            }
        } catch (RuntimeException e) {
            // model garbage that slipped past the checks below: fall back to plain text
        }
        return new ParsedReview(List.of(), false, answer.strip());
    }

    private static ParsedReview parseStructured(String text) {
        List<Block> blocks = fencedBlocks(text);
        for (int pass = 0; pass < 2; pass++) {
            for (Block b : blocks) {
                boolean json = b.info().equalsIgnoreCase("json") || b.info().equalsIgnoreCase("jsonc")
                        || b.info().equalsIgnoreCase("json5");
                if (json != (pass == 0)) {
                    continue;
                }
                Found found = scan(b.content(), true);
                if (found != null) {
                    return new ParsedReview(found.findings(), true, without(text, b.start(), b.end()));
                }
            }
        }
        Found bare = scan(text, false);
        if (bare != null) {
            return new ParsedReview(bare.findings(), true, without(text, bare.start(), bare.end()));
        }
        return null;
    }

    private record Block(int start, int end, String info, String content) {
    }

    private record Found(List<ReviewFinding> findings, int start, int end) {
    }

    /** Fenced code blocks (``` or ~~~, any length ≥ 3); an unclosed fence runs to the end of the text. */
    private static List<Block> fencedBlocks(String text) {
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? n : eol;
            Matcher open = FENCE_OPEN.matcher(text.substring(pos, lineEnd).stripTrailing());
            if (!open.matches()) {
                pos = eol < 0 ? n : eol + 1;
                continue;
            }
            String fence = open.group(1);
            String info = open.group(2);
            int contentStart = eol < 0 ? n : eol + 1;
            int p = contentStart;
            int blockEnd = n;
            int contentEnd = n;
            while (p < n) {
                int e = text.indexOf('\n', p);
                int le = e < 0 ? n : e;
                String line = text.substring(p, le).strip();
                if (line.length() >= fence.length() && line.chars().allMatch(c -> c == fence.charAt(0))
                        && text.substring(p, le).indexOf(fence.charAt(0)) <= 3) {
                    contentEnd = p;
                    blockEnd = e < 0 ? n : e + 1;
                    break;
                }
                p = e < 0 ? n : e + 1;
            }
            blocks.add(new Block(pos, blockEnd, info, text.substring(contentStart, Math.max(contentStart, contentEnd))));
            pos = blockEnd;
        }
        return blocks;
    }

    /** Tries each '[' or '{' in turn as the start of a findings value; JSON after the value is ignored. */
    private static Found scan(String text, boolean fenced) {
        int attempts = 0;
        for (int i = 0; i < text.length() && attempts < MAX_PARSE_ATTEMPTS; i++) {
            char c = text.charAt(i);
            if (c != '[' && c != '{') {
                continue;
            }
            attempts++;
            String rest = text.substring(i);
            JsonNode node;
            int consumed;
            try (JsonParser parser = MAPPER.createParser(rest)) {
                node = MAPPER.readTree(parser);
                consumed = (int) Math.min(rest.length(), Math.max(1, parser.currentLocation().getCharOffset()));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            List<ReviewFinding> findings = findingsFrom(node, fenced, 0);
            if (findings != null) {
                return new Found(findings, i, i + consumed);
            }
        }
        return null;
    }

    /** Findings from a parsed value, or {@code null} if it does not look like findings. */
    private static List<ReviewFinding> findingsFrom(JsonNode node, boolean fenced, int depth) {
        if (node == null || depth > 2) {
            return null;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return List.of();
            }
            List<ReviewFinding> out = new ArrayList<>();
            for (JsonNode element : node) {
                if (out.size() >= MAX_FINDINGS) {
                    break;
                }
                ReviewFinding f = null;
                if (element.isObject()) {
                    f = toFinding(element);
                } else if (element.isTextual() && fenced && !element.asText().isBlank()) {
                    f = new ReviewFinding(null, 0, Severity.WARNING, limit(element.asText(), MAX_MESSAGE_CHARS),
                            null);
                }
                if (f != null) {
                    out.add(f);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = normalizedFields(node);
            for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
                if (CONTAINER_KEYS.contains(e.getKey()) && (e.getValue().isArray() || e.getValue().isObject())) {
                    List<ReviewFinding> inner = e.getValue().isArray() && e.getValue().isEmpty()
                            ? List.of() : findingsFrom(e.getValue(), fenced, depth + 1);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
            if (first(fields, MESSAGE_KEYS) != null && (first(fields, FILE_KEYS) != null
                    || first(fields, SEVERITY_KEYS) != null)) {
                ReviewFinding single = toFinding(node);
                return single == null ? null : List.of(single);
            }
        }
        return null;
    }

    private static ReviewFinding toFinding(JsonNode object) {
        Map<String, JsonNode> fields = normalizedFields(object);
        Map<String, JsonNode> location = null;
        for (String k : LOCATION_KEYS) {
            JsonNode l = fields.get(k);
            if (l != null && l.isObject()) {
                location = normalizedFields(l);
                break;
            }
        }
        String file = text(first(fields, FILE_KEYS));
        if (file == null && location != null) {
            file = text(first(location, FILE_KEYS));
        }
        JsonNode lineNode = first(fields, LINE_KEYS);
        int line = lineNode == null || lineNode.isObject() ? -1 : lineOf(lineNode);
        if (line < 0 && location != null) {
            line = lineOf(first(location, LINE_KEYS));
        }
        String title = text(first(fields, TITLE_KEYS));
        String message = text(first(fields, MESSAGE_KEYS));
        String suggestion = text(first(fields, SUGGESTION_KEYS));
        if (isBlank(message)) {
            if (!isBlank(title)) {
                message = title;
            } else {
                message = suggestion;
                suggestion = null;
            }
        }
        if (isBlank(message)) {
            return null;
        }
        message = message.strip();
        if (!isBlank(suggestion) && !message.contains(suggestion.strip())) {
            message = message + "\n\nSuggested fix: " + suggestion.strip();
        }
        if (file != null) {
            file = UntrustedText.singleLine(file, MAX_FILE_CHARS);
            while (file.startsWith("./")) {
                file = file.substring(2);
            }
        }
        return new ReviewFinding(file, Math.max(0, line),
                Severity.parseOrDefault(text(first(fields, SEVERITY_KEYS)), Severity.WARNING),
                limit(message, MAX_MESSAGE_CHARS),
                title == null ? null : UntrustedText.singleLine(title, MAX_TITLE_CHARS), false,
                suggestionOf(first(fields, SUGGESTION_KEYS), Math.max(0, line)));
    }

    /**
     * A structured suggestion ({@code {"startLine": 3, "endLine": 4, "replacement": "..."}}, lenient names, the
     * finding's line when no lines are given), or {@code null} when the value is not one or breaks a limit: an
     * oversized or malformed suggestion is dropped, never cut (a cut replacement would be wrong code).
     */
    private static ReviewSuggestion suggestionOf(JsonNode node, int findingLine) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, JsonNode> fields = normalizedFields(node);
        JsonNode replacementNode = first(fields, REPLACEMENT_KEYS);
        if (replacementNode == null || !(replacementNode.isTextual() || replacementNode.isArray())) {
            return null;
        }
        String replacement = replacementNode.isArray() ? joinLines(replacementNode) : replacementNode.asText();
        if (replacement == null || replacement.length() > ReviewSuggestion.MAX_CHARS) {
            return null;
        }
        // Same cleaning as any model text shown to people (control and bidi characters out), line breaks unified.
        replacement = UntrustedText.forPrompt(replacement.replace("\r\n", "\n").replace('\r', '\n'));
        if (replacement.endsWith("\n")) {
            replacement = replacement.substring(0, replacement.length() - 1);
        }
        int start = lineOf(first(fields, START_KEYS));
        int end = lineOf(first(fields, END_KEYS));
        if (start < 1) {
            start = end >= 1 ? end : findingLine;
        }
        if (end < 1) {
            end = start;
        }
        if (start < 1 || end < start || end - start >= ReviewSuggestion.MAX_LINES) {
            return null;
        }
        return new ReviewSuggestion(start, end, replacement);
    }

    /** Array elements as lines; {@code null} if any element is not text (a replacement must be exact). */
    private static String joinLines(JsonNode array) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return null;
            }
            lines.add(e.asText());
        }
        return String.join("\n", lines);
    }

    /** Field names lower-cased without '_', '-' and spaces, so {@code start_line} finds {@code startLine}. */
    private static Map<String, JsonNode> normalizedFields(JsonNode object) {
        Map<String, JsonNode> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", ""), e.getValue());
        }
        return out;
    }

    private static JsonNode first(Map<String, JsonNode> fields, String[] keys) {
        for (String k : keys) {
            JsonNode v = fields.get(k);
            if (v != null && !v.isNull() && !v.isMissingNode()) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isObject()) {
            return null;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) {
                String t = text(e);
                if (!isBlank(t)) {
                    parts.add(t);
                }
            }
            return parts.isEmpty() ? null : String.join("\n", parts);
        }
        return v.asText();
    }

    /** A line number from 12, 12.0, "12", "L12", "12-15", [12, 15]; -1 if none. */
    private static int lineOf(JsonNode v) {
        if (v == null || v.isNull()) {
            return -1;
        }
        if (v.isArray()) {
            return v.isEmpty() ? -1 : lineOf(v.get(0));
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return Double.isNaN(d) || d < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.floor(d));
        }
        if (v.isTextual()) {
            Matcher m = DIGITS.matcher(v.asText());
            return m.find() ? Integer.parseInt(m.group()) : -1;
        }
        return -1;
    }

    private static String without(String text, int start, int end) {
        String rest = text.substring(0, start) + text.substring(Math.min(end, text.length()));
        // A fence left empty by taking the JSON out of it (when the JSON itself contained a fence).
        rest = EMPTY_FENCE.matcher(rest).replaceAll("");
        return rest.replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String limit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "…";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
