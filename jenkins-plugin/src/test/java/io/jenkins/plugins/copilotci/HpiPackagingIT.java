package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Opens the packaged {@code target/copilot-ci.hpi} (runs in {@code integration-test}, after {@code package}) and checks
 * what Jenkins' plugin manager relies on: the manifest, {@code WEB-INF/lib/copilot-ci.jar} with the SezPoz, @Symbol and
 * Stapler indexes matching the classes actually in it, the bundled libraries, and the absence of any compile-only
 * Jenkins API stub. Expected indexes are derived from the packaged classes by reflection, so the test keeps holding as
 * the plugin's classes change.
 */
class HpiPackagingIT {
    private static final String SHORT_NAME = "copilot-ci";
    private static final String PLUGIN_JAR = "WEB-INF/lib/" + SHORT_NAME + ".jar";
    private static final String EXTENSION_INDEX = "META-INF/annotations/hudson.Extension";
    private static final String SYMBOL_INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";
    private static final String PLUGIN_PACKAGE = "io/jenkins/plugins/copilotci/";

    /** Class/resource prefixes of the Jenkins API (stubbed or provided): none may be packaged. */
    private static final List<String> JENKINS_API_PREFIXES = List.of(
            "hudson/", "jenkins/", "org/jenkinsci/plugins/workflow/", "org/jenkinsci/Symbol",
            "org/jenkinsci/remoting/", "org/jenkinsci/plugins/plaincredentials/", "com/cloudbees/plugins/credentials/",
            "org/kohsuke/stapler/", "org/jvnet/hudson/annotation_indexer/", "org/jenkins/ui/", "net/java/sezpoz/",
            "net/sf/json/", "dev/copilotci/stubs/", "com/codahale/");

    /** Provided or test-only artifacts that must never be bundled. */
    private static final Pattern FORBIDDEN_LIB = Pattern.compile(
            "(jenkins-api-stubs|jenkins-core|remoting|stapler|sezpoz|annotation-indexer|symbol-annotation|"
                    + "workflow-step-api|workflow-api|credentials|structs|guava|spring-|jakarta\\.|json-lib|localizer|spotbugs|"
                    + "jsr305|junit|opentest4j|apiguardian|copilot-test-support|commons-io|metrics-core).*\\.jar");

    private static Path hpi;
    private static Path pluginJar;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void extractPluginJar() throws IOException {
        String location = System.getProperty("copilotci.hpi");
        // Set by the failsafe configuration (integration-test phase, after package). Only a surefire run selected by
        // -Dtest can lack it; that run is reported as skipped instead of checking a stale or missing archive.
        assumeTrue(location != null, "HpiPackagingIT runs under maven-failsafe after the .hpi is packaged");
        hpi = Path.of(location);
        assertTrue(Files.isRegularFile(hpi), "packaged plugin " + hpi);
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry entry = zip.getEntry(PLUGIN_JAR);
            assertNotNull(entry, PLUGIN_JAR + " in " + hpi);
            pluginJar = tmp.resolve(SHORT_NAME + ".jar");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, pluginJar);
            }
        }
    }

    @Test
    void manifestDeclaresThePluginForJenkins2479() throws IOException {
        Attributes main;
        try (JarFile jar = new JarFile(hpi.toFile())) {
            main = jar.getManifest().getMainAttributes();
        }
        assertEquals(SHORT_NAME, main.getValue("Short-Name"));
        assertEquals("Copilot for CI", main.getValue("Long-Name"));
        assertEquals("dev.copilotci", main.getValue("Group-Id"));
        assertEquals(SHORT_NAME, main.getValue("Artifact-Id"));
        assertEquals(System.getProperty("copilotci.pluginVersion"), main.getValue("Plugin-Version"));
        assertEquals("2.479.3", main.getValue("Jenkins-Version"));
        assertEquals("2.479.3", main.getValue("Hudson-Version"));
        assertEquals("workflow-step-api:710.v3e456cc85233,workflow-api:1373.v7b_813f10efa_b_,credentials:1453.v9b_a_29777a_b_fd,"
                        + "plain-credentials:199.v9f8e1f741799,structs:362.va_b_695ef4fdf9,cloudbees-folder:6.1023.v4fcb_72152519,"
                        + "metrics:4.2.32-476.v5042e1c1edd7;resolution:=optional",
                main.getValue("Plugin-Dependencies"));
        assertTrue(main.getValue("Url").startsWith("https://"), "Url: " + main.getValue("Url"));
        assertEquals("true", main.getValue("Support-Dynamic-Loading"));
        // The informational keys maven-hpi-plugin's AbstractJenkinsManifestMojo adds (update center, plugin manager).
        assertEquals("Copilot for CI maintainers:copilotci:", main.getValue("Plugin-Developers"), "name:id:email");
        assertTrue(main.getValue("Plugin-ScmUrl").startsWith("https://github.com/"), main.getValue("Plugin-ScmUrl"));
        assertTrue(main.getValue("Plugin-ScmConnection").startsWith("scm:git:"), main.getValue("Plugin-ScmConnection"));
        assertTrue(main.getValue("Implementation-Build").matches("[0-9a-f]{40}"),
                "git HEAD: " + main.getValue("Implementation-Build"));
        assertEquals(System.getProperty("copilotci.pluginVersion"), main.getValue("Implementation-Version"));
        assertEquals("Copilot for CI :: Jenkins plugin", main.getValue("Implementation-Title"));
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            Attributes hpiOwn = new Attributes(main);
            hpiOwn.remove(new Attributes.Name("Ant-Version")); // added by the Ant jar task that zips the .hpi
            assertEquals(jar.getManifest().getMainAttributes(), hpiOwn, "one manifest in the .hpi and its jar");
        }
        // maven-hpi-plugin only writes Plugin-Class when META-INF/services/hudson.Plugin exists; we have none.
        assertNull(main.getValue("Plugin-Class"));
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            assertNull(jar.getEntry("META-INF/services/hudson.Plugin"));
        }
    }

    @Test
    void bundlesThePluginJarTheEngineAndJacksonOnly() throws IOException {
        List<String> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                assertFalse(e.getName().startsWith("WEB-INF/classes/"), "unpacked classes: " + e.getName());
                if (e.getName().startsWith("WEB-INF/lib/") && !e.isDirectory()) {
                    libs.add(e.getName().substring("WEB-INF/lib/".length()));
                }
            }
        }
        assertTrue(libs.contains(SHORT_NAME + ".jar"), "libs: " + libs);
        for (String required : List.of("copilot-client-", "copilot-job-", "jackson-databind-", "jackson-core-", "jackson-annotations-")) {
            assertTrue(libs.stream().anyMatch(l -> l.startsWith(required) && l.endsWith(".jar")),
                    required + "*.jar bundled; libs: " + libs);
        }
        for (String lib : libs) {
            assertFalse(FORBIDDEN_LIB.matcher(lib).matches(), "provided/test artifact bundled: " + lib);
        }
    }

    @Test
    void noJenkinsApiClassesAnywhereInTheHpi() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                checkEntry(hpi.getFileName() + "!/", e.getName(), offenders);
                if (e.getName().endsWith(".jar")) {
                    try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(e))) {
                        for (ZipEntry n = nested.getNextEntry(); n != null; n = nested.getNextEntry()) {
                            checkEntry(e.getName() + "!/", n.getName(), offenders);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static void checkEntry(String container, String name, List<String> offenders) {
        if (name.endsWith("/")) {
            return;
        }
        for (String prefix : JENKINS_API_PREFIXES) {
            if (name.startsWith(prefix)) {
                offenders.add(container + name);
            }
        }
    }

    @Test
    void extensionIndexIsRealSezpozAndListsExactlyTheAnnotatedElements() throws Exception {
        byte[] index;
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            ZipEntry entry = jar.getEntry(EXTENSION_INDEX);
            assertNotNull(entry, EXTENSION_INDEX + " in " + PLUGIN_JAR);
            try (InputStream in = jar.getInputStream(entry)) {
                index = in.readAllBytes();
            }
        }
        // SezPoz's index is a Java serialization stream (magic AC ED 00 05), not the informational .txt twin.
        assertArrayEquals(new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05}, Arrays.copyOf(index, 4));

        try (URLClassLoader loader = jarOnlyLoader()) {
            Set<String> indexed = new TreeSet<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(key(item.kind(), item.className(), item.memberName()));
                // Support-Dynamic-Loading: true (manifest) is only right if every extension says YES, the rule
                // maven-hpi-plugin applies when it computes the attribute.
                assertEquals(YesNoMaybe.YES, item.annotation().dynamicLoadable(),
                        item.className() + " must be @Extension(dynamicLoadable = YesNoMaybe.YES)");
            }
            Set<String> annotated = new TreeSet<>();
            for (Class<?> c : pluginClasses(loader)) {
                if (c.isAnnotationPresent(Extension.class)) {
                    annotated.add(key(ElementType.TYPE, c.getName(), null));
                }
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Extension.class)) {
                        annotated.add(key(ElementType.FIELD, c.getName(), f.getName()));
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Extension.class)) {
                        annotated.add(key(ElementType.METHOD, c.getName(), m.getName()));
                    }
                }
            }
            assertFalse(annotated.isEmpty(), "the plugin declares @Extension elements");
            assertEquals(annotated, indexed);
        }
    }

    /**
     * The metrics plugin is an optional dependency: without it, only the extension marked {@code optional = true}
     * ({@link CopilotMetrics}, which Jenkins then skips) may fail to link; every other class, its signatures included,
     * must load, or the plugin would break where the metrics plugin is not installed.
     */
    @Test
    void withoutTheMetricsPluginOnlyTheOptionalExtensionFailsToLink() throws Exception {
        List<String> unlinkable = new ArrayList<>();
        try (URLClassLoader loader = jarOnlyLoader(List.of("jenkins.metrics.", "com.codahale.metrics."));
             ZipFile jar = new ZipFile(pluginJar.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - 6).replace('/', '.');
                try {
                    Class<?> c = Class.forName(className, false, loader);
                    c.getDeclaredMethods();
                    c.getDeclaredFields();
                    c.getDeclaredConstructors();
                } catch (LinkageError | ClassNotFoundException x) {
                    unlinkable.add(className);
                }
            }
            assertEquals(List.of(CopilotMetrics.class.getName()), unlinkable);
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, jarOnlyLoader())) {
                assertEquals(unlinkable.contains(item.className()), item.annotation().optional(),
                        item.className() + ": optional exactly when it needs the metrics plugin");
            }
        }
    }

    @Test
    void symbolIndexListsExactlyTheSymbolClasses() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            ZipEntry entry = jar.getEntry(SYMBOL_INDEX);
            if (entry != null) {
                try (InputStream in = jar.getInputStream(entry)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(indexed::add);
                }
            }
        }
        Set<String> annotated = new TreeSet<>();
        try (URLClassLoader loader = jarOnlyLoader()) {
            for (Class<?> c : pluginClasses(loader)) {
                if (c.isAnnotationPresent(Symbol.class)) {
                    annotated.add(c.getName());
                }
            }
        }
        assertEquals(annotated, indexed);
    }

    @Test
    void dataBoundConstructorsHaveStaplerParameterNames() throws Exception {
        List<String> missing = new ArrayList<>();
        try (URLClassLoader loader = jarOnlyLoader(); ZipFile jar = new ZipFile(pluginJar.toFile())) {
            for (Class<?> c : pluginClasses(loader)) {
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (!k.isAnnotationPresent(DataBoundConstructor.class)) {
                        continue;
                    }
                    // Written by stapler's ConstructorProcessor; parameter names also survive via javac -parameters.
                    String resource = c.getName().replace('.', '/').replace('$', '/') + ".stapler";
                    if (jar.getEntry(resource) == null) {
                        missing.add(resource);
                    }
                    for (var p : k.getParameters()) {
                        assertTrue(p.isNamePresent(), "compiled with -parameters: " + k);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void resourcesAndWebappFilesArePackagedUnchanged() throws IOException {
        List<String> problems = new ArrayList<>();
        try (ZipFile jar = new ZipFile(pluginJar.toFile()); ZipFile zip = new ZipFile(hpi.toFile())) {
            compareTree(Path.of(System.getProperty("copilotci.resourcesDir")), jar, problems);
            compareTree(Path.of(System.getProperty("copilotci.webappDir")), zip, problems);
        }
        assertEquals(List.of(), problems);
    }

    private static void compareTree(Path root, ZipFile archive, List<String> problems) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = root.relativize(f).toString().replace('\\', '/');
                ZipEntry e = archive.getEntry(name);
                if (e == null) {
                    problems.add("missing " + name + " in " + archive.getName());
                    return;
                }
                try (InputStream in = archive.getInputStream(e)) {
                    if (!Arrays.equals(Files.readAllBytes(f), in.readAllBytes())) {
                        problems.add("changed " + name + " in " + archive.getName());
                    }
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
    }

    private static String key(ElementType kind, String className, String member) {
        return kind + " " + className + (member == null ? "" : "#" + member);
    }

    /** Every class packaged in copilot-ci.jar, loaded from that jar (never from target/classes). */
    private static List<Class<?>> pluginClasses(ClassLoader loader) throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    assertEquals(loader, c.getClassLoader(), "loaded from the packaged jar: " + c);
                    classes.add(c);
                }
            }
        }
        return classes;
    }

    /**
     * Loads the plugin's classes and annotation indexes from the packaged jar only; everything else (Jenkins API, engine,
     * Jackson) from the test class path, as the plugin class loader would get them from core and its dependencies.
     */
    private static URLClassLoader jarOnlyLoader() throws IOException {
        return jarOnlyLoader(List.of());
    }

    /** As {@link #jarOnlyLoader()}, with the classes of {@code absentPackages} missing (a plugin not installed). */
    private static URLClassLoader jarOnlyLoader(List<String> absentPackages) throws IOException {
        ClassLoader testLoader = HpiPackagingIT.class.getClassLoader();
        ClassLoader parent = new ClassLoader(testLoader) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(PLUGIN_PACKAGE.replace('/', '.')) || absentPackages.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }

            @Override
            public URL getResource(String name) {
                return hidden(name) ? null : super.getResource(name);
            }

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
            }

            private boolean hidden(String name) {
                return name.startsWith("META-INF/annotations/") || name.startsWith("META-INF/services/annotations/")
                        || name.startsWith(PLUGIN_PACKAGE);
            }
        };
        return new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, parent);
    }
}
