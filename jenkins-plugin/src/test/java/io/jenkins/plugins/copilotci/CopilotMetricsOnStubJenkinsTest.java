package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import dev.copilotci.offline.OfflineCliEnvironment;
import dev.copilotci.offline.ScriptedModelProvider;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.testsupport.CliServerFixture;
import hudson.model.Result;
import io.jenkins.plugins.copilotci.FailureExplainerOnStubJenkinsTest.TestGlobal;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Metrics plugin's view of our usage: the provider's gauges read the controller's {@link CopilotUsage} totals as
 * they change, here fed by automatic explanations answered by the REAL Copilot CLI (a shared server) from a scripted
 * model, and by a rate-limited skip.
 */
@Timeout(120)
class CopilotMetricsOnStubJenkinsTest {
    @TempDir
    Path home;

    private static Map<String, Object> values(Map<String, Metric> metrics) {
        Map<String, Object> values = new TreeMap<>();
        metrics.forEach((name, metric) -> values.put(name, ((Gauge<?>) metric).getValue()));
        return values;
    }

    private static Map<String, Object> expected(CopilotUsage.Counters c) {
        return new TreeMap<>(Map.of("copilot.explanations", c.explanations(), "copilot.prompts", c.prompts(),
                "copilot.model.calls", c.modelCalls(), "copilot.tokens.input", c.inputTokens(),
                "copilot.tokens.output", c.outputTokens(), "copilot.failures", c.failures(),
                "copilot.skips.rateLimited", c.rateLimitedSkips()));
    }

    @Test
    void gaugesFollowTheUsageCounters() throws Exception {
        CopilotUsage usage = new CopilotUsage(CopilotUsage.jsonFile(home.resolve("usage.json")));
        Map<String, Metric> metrics = new CopilotMetrics(() -> usage).getMetricSet().getMetrics();
        assertEquals(expected(CopilotUsage.Counters.ZERO), values(metrics), "registered before anything is counted");

        try (ScriptedModelProvider model = ScriptedModelProvider.start();
             OfflineCliEnvironment offline = OfflineCliEnvironment.create(model);
             CliServerFixture server = CliServerFixture.start(offline)) {
            TestGlobal global = StubJenkins.globalFor(server, model);
            global.setAutoExplain(true);
            global.setAutoExplainPerHour(2);
            GatedExecutor pool = new GatedExecutor();
            FailureExplainer explainer = StubJenkins.explainer(global, pool, home.resolve("pending.txt"));
            model.enqueue(ScriptedResponse.text("The class Foo is missing."));
            model.enqueue(ScriptedResponse.httpError(400, "{\"error\":{\"message\":\"bad request\"}}"));
            for (int n = 1; n <= 3; n++) {
                FakeRun run = new FakeRun(new FakeJob("team", "app"), n);
                run.addAction(new CopilotRunAction(usage));
                run.result = Result.FAILURE;
                run.log.add("[ERROR] cannot find symbol: class Foo");
                explainer.onCompleted(run); // the third is over the limit of 2
            }
            pool.release().get(90, TimeUnit.SECONDS);
        }

        CopilotUsage.Counters total = usage.total();
        assertEquals(List.of(1L, 2L, 1L, 1L), List.of(total.explanations(), total.prompts(), total.failures(),
                total.rateLimitedSkips()), total.toString());
        assertTrue(total.modelCalls() >= 1 && total.inputTokens() > 0 && total.outputTokens() > 0, total.toString());
        assertEquals(expected(total), values(metrics), "the same gauges, read again, show the new totals");
    }

    @Test
    void withoutTheUsageCountersTheGaugesReadZero() {
        Map<String, Metric> metrics = new CopilotMetrics(() -> null).getMetricSet().getMetrics();
        assertEquals(expected(CopilotUsage.Counters.ZERO), values(metrics));
    }
}
