package jenkins.scm;

import hudson.model.Job;
import hudson.model.Run;

/** Stub of core {@code jenkins.scm.RunWithSCM} (type only). */
public interface RunWithSCM<JobT extends Job<JobT, RunT>,
        RunT extends Run<JobT, RunT> & RunWithSCM<JobT, RunT>> {
}
