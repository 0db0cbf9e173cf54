package io.jenkins.plugins.copilotci;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricSet;
import hudson.Extension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import jenkins.YesNoMaybe;
import jenkins.metrics.api.MetricProvider;

/**
 * The controller-wide {@link CopilotUsage} totals for the Metrics plugin ({@code copilot.explanations}, …), when it is
 * installed. {@code optional = true}: without the metrics plugin this class cannot link and Jenkins skips it; it is
 * the only class that names a metrics type, so nothing else fails to load. Gauges read the persisted counters on each
 * report rather than being Dropwizard counters of their own, so the values survive a restart like the usage page's.
 */
@Extension(optional = true, dynamicLoadable = YesNoMaybe.YES)
public final class CopilotMetrics extends MetricProvider {
    private final Supplier<CopilotUsage> usage;

    public CopilotMetrics() {
        this(CopilotUsageLink::lookup);
    }

    CopilotMetrics(Supplier<CopilotUsage> usage) {
        this.usage = usage;
    }

    @Override
    public MetricSet getMetricSet() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("copilot.explanations", gauge(CopilotUsage.Counters::explanations));
        metrics.put("copilot.prompts", gauge(CopilotUsage.Counters::prompts));
        metrics.put("copilot.model.calls", gauge(CopilotUsage.Counters::modelCalls));
        metrics.put("copilot.tokens.input", gauge(CopilotUsage.Counters::inputTokens));
        metrics.put("copilot.tokens.output", gauge(CopilotUsage.Counters::outputTokens));
        metrics.put("copilot.failures", gauge(CopilotUsage.Counters::failures));
        metrics.put("copilot.skips.rateLimited", gauge(CopilotUsage.Counters::rateLimitedSkips));
        Map<String, Metric> fixed = Map.copyOf(metrics);
        return () -> fixed;
    }

    /** Reads the current total on every report; 0 before the usage counters exist. */
    private Gauge<Long> gauge(ToLongFunction<CopilotUsage.Counters> field) {
        return () -> {
            CopilotUsage counters = usage.get();
            return counters == null ? 0L : field.applyAsLong(counters.total());
        };
    }
}
