package io.jenkins.plugins.copilotci;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import java.io.IOException;
import java.util.function.Supplier;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * The "Explain with Copilot" page of a finished, non-successful build ({@code <build>/copilot-explain/}): a button
 * whose POST queues an explanation and redirects to the build's Copilot page. POST only (Stapler's {@code @POST}
 * rejects GET, and Jenkins then checks the CSRF crumb); needs Item/Read and Copilot/Explain on the build.
 */
public final class ExplainAction implements Action {
    static final String URL_NAME = "copilot-explain";
    private final Run<?, ?> run;
    private final Supplier<FailureExplainer> explainer;

    ExplainAction(Run<?, ?> run, Supplier<FailureExplainer> explainer) {
        this.run = run;
        this.explainer = explainer;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** For the page's layout: only those who may use the button see it (checked against the build). */
    public Permission getExplainPermission() {
        return CopilotPermissions.EXPLAIN;
    }

    /** Hidden from the side panel of users who may not use it (the URL still answers with a permission error). */
    @Override
    public String getIconFileName() {
        return run.hasPermission(CopilotPermissions.EXPLAIN) ? "symbol-help-circle" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ExplainAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @POST
    public void doExplain(StaplerResponse2 rsp) throws IOException {
        run.checkPermission(Item.READ);
        run.checkPermission(CopilotPermissions.EXPLAIN);
        explainer.get().request(run);
        // From <build>/copilot-explain/explain to <build>/copilot/, which shows "explaining…" until the answer is in.
        rsp.sendRedirect("../" + CopilotRunAction.URL_NAME + "/");
    }
}
