package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Stub of annotation-indexer {@code Validator} (validators are not run by the stub processor). */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
