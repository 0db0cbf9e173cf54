package org.jvnet.hudson.annotation_indexer;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Stub of annotation-indexer 1.17 {@code Indexed} (that artifact is not on Maven Central). Annotations carrying it are
 * indexed by {@code dev.copilotci.stubs.indexer.IndexedAnnotationProcessor}, which writes the same text format and
 * location as the real {@code AnnotationProcessorImpl}.
 */
@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
