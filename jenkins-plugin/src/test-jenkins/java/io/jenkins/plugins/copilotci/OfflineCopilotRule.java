package io.jenkins.plugins.copilotci;

import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.testsupport.CliServerFixture;
import hudson.model.Run;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.rules.ExternalResource;

/**
 * The offline Copilot stack of the JenkinsRule tests: the scripted model and the REAL Copilot CLI as a shared server
 * ({@code copilot --headless}) answering from it. It lives outside Jenkins, so it outlasts the sessions of a
 * {@link org.jvnet.hudson.test.JenkinsSessionRule} test (a restart keeps talking to the same server).
 */
public final class OfflineCopilotRule extends ExternalResource {
    /** The real CLI's first answer can take seconds on a loaded machine; an explanation runs off the build thread. */
    static final Duration EXPLANATION_TIMEOUT = Duration.ofSeconds(120);

    private ScriptedModelProvider model;
    private OfflineCliEnvironment offline;
    private CliServerFixture server;

    @Override
    protected void before() {
        model = ScriptedModelProvider.start();
        offline = OfflineCliEnvironment.create(model);
        server = CliServerFixture.start(offline);
    }

    @Override
    protected void after() {
        server.close();
        offline.close();
        model.close();
    }

    public ScriptedModelProvider model() {
        return model;
    }

    /** host:port of the shared CLI server. */
    public String cliUrl() {
        return server.url();
    }

    /**
     * Manage Jenkins → System → Copilot pointed at this server and model (saved to JENKINS_HOME, as the form would);
     * auto-explain stays as configured (off by default).
     */
    CopilotGlobalConfiguration configureGlobally() {
        CopilotGlobalConfiguration global = CopilotGlobalConfiguration.get();
        global.setCliUrls(cliUrl());
        global.setModel("test-model");
        global.setProviderBaseUrl(model.baseUrl());
        return global;
    }

    /**
     * Waits until the build's explanation has ended (an answer recorded, or the reason it did not run) and returns
     * the build's Copilot action. The build is looked up again on every check: after a restart the instance that
     * the explanation updates is the one Jenkins holds, not one the test loaded earlier.
     */
    static CopilotRunAction awaitExplanation(Supplier<? extends Run<?, ?>> build) throws InterruptedException {
        long deadline = System.nanoTime() + EXPLANATION_TIMEOUT.toNanos();
        while (true) {
            Run<?, ?> run = build.get();
            CopilotRunAction action = run == null ? null : CopilotRunAction.find(run);
            if (action != null && action.getExplaining() == null
                    && (!action.getRecords().isEmpty() || action.getExplanationSkipped() != null)) {
                return action;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no explanation of " + run + " within " + EXPLANATION_TIMEOUT + "; action: "
                        + (action == null ? "none" : "explaining=" + action.getExplaining() + ", records="
                        + action.getRecords().size() + ", skipped=" + action.getExplanationSkipped()));
            }
            Thread.sleep(100); // a poll interval only: the deadline above decides, not this pause
        }
    }
}
