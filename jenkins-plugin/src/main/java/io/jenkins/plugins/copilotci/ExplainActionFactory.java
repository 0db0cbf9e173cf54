package io.jenkins.plugins.copilotci;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Action;
import hudson.model.Result;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import jenkins.YesNoMaybe;
import jenkins.model.TransientActionFactory;

/** "Explain with Copilot" on the page of every finished build that did not succeed; no pipeline change needed. */
@Extension(dynamicLoadable = YesNoMaybe.YES)
@SuppressWarnings("rawtypes") // core's TransientActionFactory<Run> is declared on the raw type by plugins too
public final class ExplainActionFactory extends TransientActionFactory<Run> {
    /** Initialises (and so registers) the plugin's permissions when this extension loads. */
    static final Permission EXPLAIN = CopilotPermissions.EXPLAIN;

    private final Supplier<FailureExplainer> explainer;

    public ExplainActionFactory() {
        this(() -> ExtensionList.lookupSingleton(FailureExplainer.class));
    }

    ExplainActionFactory(Supplier<FailureExplainer> explainer) {
        this.explainer = explainer;
    }

    @Override
    public Class<Run> type() {
        return Run.class;
    }

    @Override
    public Collection<? extends Action> createFor(Run target) {
        return offered(target) ? List.of(new ExplainAction(target, explainer)) : List.of();
    }

    /** Completed and not a success (failure, unstable, aborted, not built). */
    static boolean offered(Run<?, ?> run) {
        Result result = run.getResult();
        return !run.isBuilding() && result != null && result.isWorseThan(Result.SUCCESS);
    }
}
