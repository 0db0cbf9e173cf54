package io.jenkins.plugins.copilotci;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.ClassRule;
import org.junit.Rule;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the JenkinsRule tests share (profile {@code jenkins} only): a fresh Jenkins per test, every build's log on the
 * test output, and the offline Copilot stack (scripted model, real CLI server). JUnit 4 applies inherited rules.
 */
public abstract class CopilotJenkinsTestCase {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public OfflineCopilotRule copilot = new OfflineCopilotRule();

    /** A sandboxed Pipeline that prints a compiler error and fails: what an explanation is asked about. */
    static WorkflowJob failingPipeline(JenkinsRule r, String name) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(
                "echo '[ERROR] App.java:[3,8] cannot find symbol: class Foo'\nerror 'compilation failed'", true));
        return p;
    }
}
