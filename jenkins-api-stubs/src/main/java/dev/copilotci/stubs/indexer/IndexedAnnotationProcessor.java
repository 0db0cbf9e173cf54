package dev.copilotci.stubs.indexer;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the annotation index that the real {@code org.jenkins-ci:annotation-indexer} 1.17 processor writes, because
 * that artifact is not on Maven Central. For every annotation type meta-annotated with
 * {@code @org.jvnet.hudson.annotation_indexer.Indexed} (in Jenkins: {@code @org.jenkinsci.Symbol}, {@code @Initializer}
 * ...), it writes {@code META-INF/services/annotations/<annotation binary name>}: UTF-8 text, one line per annotated
 * class (binary name; for a method/field/constructor its enclosing class; for a package {@code pkg.*}), sorted, merged
 * with an existing index in the output directory. {@code Index.list} (used by structs' {@code SymbolLookup}) reads
 * this location. Format and location verified against annotation-indexer-1.17 {@code AnnotationProcessorImpl}/
 * {@code Index}; validators are not run.
 */
@SupportedAnnotationTypes("*")
public final class IndexedAnnotationProcessor extends AbstractProcessor {
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
    static final String INDEX_DIR = "META-INF/services/annotations/";

    /** Annotation binary name to the set of indexed names and the elements they came from. */
    private final Map<String, Use> uses = new LinkedHashMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        if (roundEnv.errorRaised()) {
            return false;
        }
        if (roundEnv.processingOver()) {
            uses.values().forEach(Use::write);
            uses.clear();
            return false;
        }
        for (TypeElement annotation : annotations) {
            if (!isIndexed(annotation)) {
                continue;
            }
            String name = processingEnv.getElementUtils().getBinaryName(annotation).toString();
            Use use = uses.computeIfAbsent(name, Use::new);
            for (Element e : roundEnv.getElementsAnnotatedWith(annotation)) {
                use.add(e);
            }
        }
        return false;
    }

    private boolean isIndexed(TypeElement annotation) {
        for (AnnotationMirror m : processingEnv.getElementUtils().getAllAnnotationMirrors(annotation)) {
            TypeElement type = (TypeElement) m.getAnnotationType().asElement();
            if (processingEnv.getElementUtils().getBinaryName(type).contentEquals(INDEXED)) {
                return true;
            }
        }
        return false;
    }

    private final class Use {
        private final String annotationName;
        private final Set<String> names = new TreeSet<>();
        private final Set<Element> origins = new HashSet<>();

        Use(String annotationName) {
            this.annotationName = annotationName;
            names.addAll(loadExisting());
        }

        void add(Element e) {
            origins.add(e);
            switch (e.getKind()) {
                case CLASS, INTERFACE, ANNOTATION_TYPE, ENUM, RECORD ->
                    names.add(binaryName((TypeElement) e));
                case METHOD, FIELD, CONSTRUCTOR -> names.add(binaryName((TypeElement) e.getEnclosingElement()));
                case PACKAGE -> names.add(((PackageElement) e).getQualifiedName() + ".*");
                default -> { /* other kinds are not indexed, as upstream */ }
            }
        }

        private String binaryName(TypeElement t) {
            return processingEnv.getElementUtils().getBinaryName(t).toString();
        }

        private Set<String> loadExisting() {
            Set<String> existing = new TreeSet<>();
            try {
                FileObject in = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", fileName());
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(in.openInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        existing.add(line);
                    }
                }
            } catch (FileNotFoundException | NoSuchFileException absent) {
                // first compilation: nothing to merge
            } catch (IOException x) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, x.toString());
            }
            return existing;
        }

        private String fileName() {
            return INDEX_DIR + annotationName;
        }

        void write() {
            try {
                FileObject out = processingEnv.getFiler().createResource(
                        StandardLocation.CLASS_OUTPUT, "", fileName(), origins.toArray(new Element[0]));
                StringBuilder text = new StringBuilder();
                names.forEach(n -> text.append(n).append('\n'));
                try (OutputStream os = out.openOutputStream()) {
                    os.write(text.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException x) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, x.toString());
            }
        }
    }
}
