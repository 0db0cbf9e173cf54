package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Stub of core {@code jenkins.model.RunAction2}. */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
