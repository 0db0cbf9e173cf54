package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Static checks of our views, as Jenkins' injected tests would do them: jelly well-formed and escaping by default,
 * no inline script, every step parameter and global setting documented, every form field backed by a getter.
 */
class PluginResourcesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path VIEWS = RESOURCES.resolve("io/jenkins/plugins/copilotci");
    private static final List<Class<?>> STEPS = List.of(CopilotPromptStep.class, WithCopilotStep.class,
            CopilotExplainFailureStep.class, CopilotReviewStep.class);
    /** Freestyle build steps (post-build action and builder): the same documentation rules as the Pipeline steps. */
    private static final List<Class<?>> FREESTYLE = List.of(CopilotExplainFailureRecorder.class,
            AskCopilotBuilder.class);

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void everyJellyAndHelpFileIsWellFormedAndEscapesByDefault() throws Exception {
        List<Path> jelly = files(".jelly");
        assertTrue(jelly.size() >= 7, jelly.toString());
        for (Path p : jelly) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
            String text = Files.readString(p);
            assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), p + " must escape by default");
            assertFalse(text.contains("<script"), p + ": no inline script");
            assertFalse(Pattern.compile("\\son[a-z]+=").matcher(text).find(), p + ": no inline event handlers");
        }
        for (Path p : files(".html")) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
        }
    }

    /** Data-bound parameters of a step class: constructor parameters and setters. */
    private static List<String> parameters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (var p : c.getParameters()) {
                    assertTrue(p.isNamePresent(), "compile with -parameters so Stapler can bind " + type);
                    names.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    private static boolean hasHelp(Class<?> type, String field) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (Files.isRegularFile(VIEWS.resolve(c.getSimpleName()).resolve("help-" + field + ".html"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyStepParameterAndGlobalSettingHasHelp() {
        for (Class<?> step : STEPS) {
            List<String> params = parameters(step);
            assertTrue(params.size() >= 10, step + " " + params);
            for (String p : params) {
                assertTrue(hasHelp(step, p), "missing help-" + p + ".html for " + step.getSimpleName());
            }
            assertTrue(Files.isRegularFile(VIEWS.resolve(step.getSimpleName()).resolve("help.html")),
                    step.getSimpleName() + " needs help.html");
            assertTrue(Files.isRegularFile(VIEWS.resolve(step.getSimpleName()).resolve("config.jelly")),
                    step.getSimpleName() + " needs config.jelly (Snippet Generator)");
        }
        for (Class<?> step : FREESTYLE) {
            List<String> params = parameters(step);
            assertTrue(params.size() >= 5, step + " " + params);
            for (String p : params) {
                assertTrue(hasHelp(step, p), "missing help-" + p + ".html for " + step.getSimpleName());
            }
            assertTrue(Files.isRegularFile(VIEWS.resolve(step.getSimpleName()).resolve("help.html")),
                    step.getSimpleName() + " needs help.html");
        }
        for (String p : parameters(CopilotGlobalConfiguration.class)) {
            assertTrue(hasHelp(CopilotGlobalConfiguration.class, p), "missing global help-" + p + ".html");
        }
        List<String> folder = parameters(CopilotFolderProperty.class);
        assertTrue(folder.size() >= 9, "folder property " + folder);
        for (String p : folder) {
            assertTrue(hasHelp(CopilotFolderProperty.class, p), "missing folder help-" + p + ".html");
        }
        assertTrue(Files.isRegularFile(VIEWS.resolve("CopilotFolderProperty").resolve("help.html")));
    }

    /**
     * The reverse: every help-FIELD.html documents a parameter that exists, on its class or a subclass (a step's
     * shared help lives beside {@code CopilotStep}). A renamed or removed parameter would otherwise leave help behind
     * that describes a field nobody can set.
     */
    @Test
    void everyHelpFileDocumentsARealParameter() throws IOException {
        List<Class<?>> bound = new ArrayList<>(STEPS);
        bound.addAll(FREESTYLE);
        bound.add(CopilotGlobalConfiguration.class);
        bound.add(CopilotFolderProperty.class);
        List<String> orphans = new ArrayList<>();
        int helpFiles = 0;
        try (Stream<Path> views = Files.walk(VIEWS)) {
            for (Path help : views.filter(p -> p.getFileName().toString().matches("help-[A-Za-z]+\\.html")).toList()) {
                helpFiles++;
                String field = help.getFileName().toString().replaceAll("^help-|\\.html$", "");
                String className = VIEWS.relativize(help.getParent()).toString().replace('/', '.').replace('$', '.');
                Class<?> owner;
                try {
                    owner = Class.forName(PluginResourcesTest.class.getPackageName() + "." + className);
                } catch (ClassNotFoundException e) {
                    orphans.add(className + "/" + help.getFileName() + " (no such class)");
                    continue;
                }
                boolean real = bound.stream().filter(owner::isAssignableFrom)
                        .anyMatch(type -> parameters(type).contains(field));
                if (!real) {
                    orphans.add(className + "/" + help.getFileName());
                }
            }
        }
        assertTrue(helpFiles >= 50, "help files found: " + helpFiles);
        assertEquals(List.of(), orphans, "help files for parameters that do not exist");
    }

    /**
     * Every {@code field="…"} of every config.jelly has a help file where Jenkins looks for it: help-FIELD.html beside
     * the view's class, else beside a superclass's (Descriptor.getHelpFile walks the class hierarchy).
     */
    @Test
    void everyFieldOfEveryConfigJellyHasAHelpFile() throws Exception {
        Pattern field = Pattern.compile("\\bfield=\"([A-Za-z]+)\"");
        List<String> missing = new ArrayList<>();
        int fields = 0;
        try (Stream<Path> views = Files.walk(VIEWS)) {
            for (Path jelly : views.filter(p -> p.getFileName().toString().equals("config.jelly")).toList()) {
                String className = VIEWS.relativize(jelly.getParent()).toString().replace('/', '.').replace('$', '.');
                Class<?> type = Class.forName(PluginResourcesTest.class.getPackageName() + "." + className);
                Matcher m = field.matcher(Files.readString(jelly));
                while (m.find()) {
                    fields++;
                    if (!hasHelp(type, m.group(1))) {
                        missing.add(type.getSimpleName() + "/help-" + m.group(1) + ".html");
                    }
                }
            }
        }
        assertTrue(fields >= 50, "fields found: " + fields);
        assertEquals(List.of(), missing);
    }

    /**
     * The README's configuration examples use real names: every key under {@code unclassified: copilot:} is a
     * data-bound name of the global configuration (what JCasC binds), every call inside a Job DSL {@code copilot { }}
     * block one of the folder property.
     */
    @Test
    void readmeConfigurationExamplesUseRealFieldNames() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        Pattern globalKey = Pattern.compile("(?m)^    ([A-Za-z]+):");
        Pattern folderBlock = Pattern.compile("copilot \\{(.*?)\\n\\s*}", Pattern.DOTALL);
        Pattern folderCall = Pattern.compile("(?m)^\\s*([A-Za-z]+)\\(");
        List<String> global = parameters(CopilotGlobalConfiguration.class);
        List<String> folder = parameters(CopilotFolderProperty.class);
        List<String> unknown = new ArrayList<>();
        int globalExamples = 0;
        int folderKeys = 0;
        while (yaml.find()) {
            String block = yaml.group(1);
            if (block.contains("unclassified:\n  copilot:\n")) {
                globalExamples++;
                Matcher key = globalKey.matcher(block);
                while (key.find()) {
                    if (!global.contains(key.group(1))) {
                        unknown.add("copilot: " + key.group(1));
                    }
                }
            }
            Matcher dsl = folderBlock.matcher(block);
            while (dsl.find()) {
                Matcher call = folderCall.matcher(dsl.group(1));
                while (call.find()) {
                    folderKeys++;
                    if (!folder.contains(call.group(1))) {
                        unknown.add("folder copilot { " + call.group(1) + " }");
                    }
                }
            }
        }
        assertTrue(globalExamples >= 5, "one example per feature but folders: " + globalExamples);
        assertTrue(folderKeys >= 5, "the folder example: " + folderKeys);
        assertEquals(List.of(), unknown);
    }

    @Test
    void everyFormFieldHasAGetter() throws IOException {
        Pattern field = Pattern.compile("field=\"([A-Za-z]+)\"");
        List<Class<?>> configurable = new ArrayList<>(STEPS);
        configurable.addAll(FREESTYLE);
        configurable.add(CopilotGlobalConfiguration.class);
        configurable.add(CopilotFolderProperty.class);
        for (Class<?> type : configurable) {
            String jelly = Files.readString(VIEWS.resolve(type.getSimpleName()).resolve("config.jelly"));
            Matcher m = field.matcher(jelly);
            int count = 0;
            while (m.find()) {
                count++;
                String name = m.group(1);
                String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                boolean getter = Stream.of(type.getMethods()).anyMatch(x -> x.getParameterCount() == 0
                        && (x.getName().equals("get" + cap) || x.getName().equals("is" + cap)));
                assertTrue(getter, type.getSimpleName() + " has no getter for form field " + name);
            }
            assertTrue(count > 0, type + " config.jelly has fields");
        }
    }

    /**
     * A freestyle step's symbol is also a Pipeline function name (through the {@code step} metastep): it must not be
     * one of our Pipeline steps' names, or {@code copilotExplainFailure()} would become ambiguous.
     */
    @Test
    void freestyleSymbolsDoNotClashWithPipelineStepNames() {
        List<String> functions = List.of(new CopilotPromptStep.DescriptorImpl().getFunctionName(),
                new WithCopilotStep.DescriptorImpl().getFunctionName(),
                new CopilotExplainFailureStep.DescriptorImpl().getFunctionName(),
                new CopilotReviewStep.DescriptorImpl().getFunctionName());
        List<String> symbols = new ArrayList<>();
        for (Class<?> step : FREESTYLE) {
            for (Class<?> nested : step.getDeclaredClasses()) {
                org.jenkinsci.Symbol symbol = nested.getAnnotation(org.jenkinsci.Symbol.class);
                if (symbol != null) {
                    symbols.addAll(List.of(symbol.value()));
                }
            }
        }
        assertEquals(List.of("copilotExplainFailureRecorder", "askCopilot"), symbols);
        for (String s : symbols) {
            assertFalse(functions.contains(s), s + " is also a Pipeline step's name: " + functions);
        }
    }

    @Test
    void stepLabelsNeverShowTheWholePrompt() {
        String longPrompt = "Explain this failure in detail. ".repeat(50);
        String label = new CopilotPromptStep.DescriptorImpl().argumentsToString(java.util.Map.of("prompt", longPrompt));
        assertTrue(label.length() <= 61, label);
        assertEquals("copilotPrompt", new CopilotPromptStep.DescriptorImpl().getFunctionName());
        assertTrue(new WithCopilotStep.DescriptorImpl().takesImplicitBlockArgument());
    }
}
