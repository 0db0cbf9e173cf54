package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The documents stay true to the code in the ways a reader relies on without checking: every action input and output
 * is documented in the action's README, every runner flag in {@code --help}, and every test the project's documents
 * cite as proof exists (a renamed or deleted test would otherwise leave a claim with nothing behind it).
 */
@Timeout(30)
class DocumentationTest {

    /** The actions-runner module; the repository root is its parent. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();

    @Test
    void everyActionInputAndOutputIsDocumentedInTheActionsReadme() throws IOException {
        JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(MODULE.resolve("action.yml").toFile());
        String readme = Files.readString(MODULE.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String section : List.of("inputs", "outputs")) {
            assertFalse(action.path(section).isEmpty(), section);
            action.path(section).fieldNames().forEachRemaining(name -> {
                if (!readme.contains("`" + name + "`")) {
                    missing.add(section + "." + name);
                }
            });
        }
        assertEquals(List.of(), missing, "action.yml names missing from actions-runner/README.md (as `name`)");
    }

    @Test
    void everyFlagTheRunnerParsesIsInItsHelp() throws IOException {
        String parser = Files.readString(MODULE.resolve("src/main/java/dev/copilotci/runner/RunnerArguments.java"));
        String help = Files.readString(MODULE.resolve("src/main/resources/dev/copilotci/runner/help.txt"));
        TreeSet<String> flags = new TreeSet<>();
        Matcher m = Pattern.compile("\"(--[a-z-]+)\"").matcher(parser);
        while (m.find()) {
            flags.add(m.group(1));
        }
        assertFalse(flags.size() < 30, "the pattern no longer finds the parser's flags: " + flags);
        flags.removeIf(flag -> Pattern.compile(Pattern.quote(flag) + "(?![a-z-])").matcher(help).find());
        assertEquals(new TreeSet<>(), flags, "flags the runner parses but --help does not mention");
    }

    @Test
    void everyTestTheDocumentsCiteExists() throws IOException {
        TreeSet<String> testFiles = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().contains("/src/test") && p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> testFiles.add(p.toString()));
        }
        // `FooTest`, `FooTest.methodName` or a prefix `FooTest.method…` (RELIABILITY.md's tables)
        Pattern cited = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([A-Za-z0-9_]+)…?)?`");
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (String doc : List.of("README.md", "SECURITY.md", "RELIABILITY.md", "ARCHITECTURE.md", "BENCHMARKS.md",
                "actions-runner/README.md", "jenkins-api-stubs/README.md")) {
            Path path = ROOT.resolve(doc);
            if (!Files.exists(path)) {
                continue;
            }
            Matcher m = cited.matcher(Files.readString(path));
            while (m.find()) {
                seen++;
                String file = testFiles.stream().filter(f -> f.endsWith("/" + m.group(1) + ".java")).findFirst()
                        .orElse(null);
                if (file == null) {
                    missing.add(doc + ": " + m.group(1));
                } else if (m.group(2) != null
                        && !Files.readString(Path.of(file)).matches("(?s).*\\svoid " + m.group(2) + "\\w*\\(.*")) {
                    missing.add(doc + ": " + m.group(1) + "." + m.group(2));
                }
            }
        }
        assertFalse(seen < 20, "the pattern no longer finds the cited tests (" + seen + ")");
        assertEquals(List.of(), missing, "tests cited in the documents that do not exist");
    }
}
