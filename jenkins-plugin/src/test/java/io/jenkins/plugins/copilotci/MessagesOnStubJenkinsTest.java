package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user-visible text lives in Messages.properties and reaches the code through the class localizer-maven-plugin
 * generates from it: the accessor returns the file's text, the classes show it, no key is left unused, and no text is
 * mangled by MessageFormat (which every accessor goes through).
 */
class MessagesOnStubJenkinsTest {
    private static final Path MESSAGES = Path.of("src/main/resources/io/jenkins/plugins/copilotci/Messages.properties");
    private static final Path SOURCES = Path.of("src/main/java");
    /** A call of a generated accessor: Messages.Key_Name( or Messages._Key_Name( (the Localizable form). */
    private static final Pattern CALL = Pattern.compile("\\bMessages\\._?([A-Za-z0-9_]+)\\(");

    private static Properties messages() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(MESSAGES)) {
            p.load(in);
        }
        return p;
    }

    /** The generator turns each '.' of a key into '_'. */
    private static String accessor(String key) {
        return key.replace('.', '_');
    }

    @Test
    void theGeneratedAccessorsReturnTheFilesText() throws Exception {
        Properties p = messages();
        assertEquals(p.getProperty("ExplainAction.DisplayName"), Messages.ExplainAction_DisplayName());
        assertEquals("Copilot: the prompt of 'Ask Copilot' is empty", Messages.AskCopilotBuilder_EmptyPrompt());
        assertEquals("copilotReview: diffFile needs a workspace: call the step inside node { }",
                Messages.CopilotReviewStep_NeedsWorkspace());
        assertEquals("copilotPrompt: diff file 'a.diff' not found in the workspace",
                Messages.ReadInsideWorkspace_NotFound("copilotPrompt: diff file", "a.diff"));
        // One generated method per key (and its Localizable twin), none left over from a deleted key.
        Set<String> generated = new TreeSet<>();
        for (Method m : Messages.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                    && !m.getName().startsWith("_")) {
                generated.add(m.getName());
            }
        }
        Set<String> keys = new TreeSet<>();
        p.stringPropertyNames().forEach(k -> keys.add(accessor(k)));
        assertEquals(keys, generated);
    }

    @Test
    void theClassesShowTheMessagesText() {
        assertEquals(Messages.CopilotPromptStep_DisplayName(), new CopilotPromptStep.DescriptorImpl().getDisplayName());
        assertEquals(Messages.WithCopilotStep_DisplayName(), new WithCopilotStep.DescriptorImpl().getDisplayName());
        assertEquals(Messages.CopilotReviewStep_DisplayName(), new CopilotReviewStep.DescriptorImpl().getDisplayName());
        assertEquals(Messages.CopilotExplainFailureStep_DisplayName(),
                new CopilotExplainFailureStep.DescriptorImpl().getDisplayName());
        assertEquals("Run a block with a job-scoped Copilot session",
                new WithCopilotStep.DescriptorImpl().getDisplayName());
        // Permissions carry Localizables, rendered per viewer by core.
        assertEquals("Copilot", CopilotPermissions.GROUP.title.toString());
        assertEquals(Messages.CopilotPermissions_ExplainDescription(),
                CopilotPermissions.EXPLAIN.description.toString());
        assertTrue(CopilotPermissions.EXPLAIN.description.toString().contains("\"Explain with Copilot\""));
        // The permission choices of every form come from the same keys.
        assertEquals(Messages.PermissionChoice_ReadOnly(), CopilotStepDescriptor.permissionItems().get(2).name);
    }

    @Test
    void everyKeyIsUsedByTheCode() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CALL.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertFalse(used.isEmpty(), "no Messages call found under " + SOURCES.toAbsolutePath());
        Set<String> dead = new TreeSet<>();
        for (String key : messages().stringPropertyNames()) {
            if (!used.contains(accessor(key))) {
                dead.add(key);
            }
        }
        assertEquals(Set.of(), dead, "keys in Messages.properties that no class uses");
    }

    /**
     * MessageFormat drops a lone quote ("provider's" becomes "providers") and rejects a bare brace: quotes must be
     * doubled, literal braces quoted ('{ }').
     */
    @Test
    void everyTextSurvivesMessageFormat() throws IOException {
        Properties p = messages();
        for (String key : p.stringPropertyNames()) {
            String text = p.getProperty(key);
            String unquoted = text.replace("''", "").replaceAll("'[{}][^']*'", "");
            assertFalse(unquoted.contains("'"), key + ": a lone quote (write '') in " + text);
            assertFalse(unquoted.replaceAll("\\{\\d+}", "").matches(".*[{}].*"),
                    key + ": a literal brace must be quoted in " + text);
        }
    }
}
