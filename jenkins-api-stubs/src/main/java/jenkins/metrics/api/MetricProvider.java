package jenkins.metrics.api;

import com.codahale.metrics.MetricSet;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;

/**
 * Stub of the metrics plugin's {@code MetricProvider} (subset: the abstract {@link #getMetricSet()}; the protected
 * static {@code metric}/{@code metrics} helpers are omitted; implicit constructor as real). The metrics plugin
 * registers every provider's set in its {@code MetricRegistry}.
 */
public abstract class MetricProvider implements ExtensionPoint {
    @NonNull
    public abstract MetricSet getMetricSet();
}
