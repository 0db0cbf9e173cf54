package io.jenkins.plugins.copilotci;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.console.ConsoleLogFilter;
import hudson.console.ConsoleNote;
import hudson.console.HyperlinkNote;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jenkins.YesNoMaybe;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * TEMPORARY COMPILE CHECK — not part of the plugin's behaviour; delete once the real classes exist.
 *
 * <p>Exercises the Jenkins API surface the plugin relies on, the way the plugin will use it, so that (1) the stubs in
 * {@code jenkins-api-stubs} are proven sufficient, (2) the same file compiles unchanged against real Jenkins with
 * {@code -Pjenkins}, and (3) the real SezPoz / stapler / @Symbol processors produce their indexes in the plugin jar.
 * The "ApiUsageCheck" prefixes keep these names from ever colliding with real step or symbol names.
 */
public final class ApiUsageCheck {
    private ApiUsageCheck() {}

    /** One-shot step: a network call on a background thread (SynchronousNonBlockingStepExecution). */
    public static final class PromptStep extends Step {
        private final String prompt;
        private String model;
        private String credentialsId;

        @DataBoundConstructor
        public PromptStep(String prompt) {
            this.prompt = prompt;
        }

        public String getPrompt() {
            return prompt;
        }

        public String getModel() {
            return model;
        }

        @DataBoundSetter
        public void setModel(String model) {
            this.model = model == null || model.isBlank() ? null : model;
        }

        public String getCredentialsId() {
            return credentialsId;
        }

        @DataBoundSetter
        public void setCredentialsId(String credentialsId) {
            this.credentialsId = credentialsId;
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            return new Execution(this, context);
        }

        /** In the real plugin step descriptors need no @Symbol (getFunctionName names the step); exercised here. */
        @Extension(dynamicLoadable = YesNoMaybe.YES)
        @Symbol("apiUsageCheckPrompt")
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "apiUsageCheckPrompt";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return "API usage check: prompt";
            }

            @CheckForNull
            @Override
            public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
                Object p = namedArgs.get("prompt");
                return p == null ? null : String.valueOf(p).lines().findFirst().orElse("");
            }
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<String> {
            private static final long serialVersionUID = 1L;
            private final transient PromptStep step;

            Execution(PromptStep step, StepContext context) {
                super(context);
                this.step = step;
            }

            @Override
            protected String run() throws Exception {
                Run<?, ?> run = getContext().get(Run.class);
                TaskListener listener = getContext().get(TaskListener.class);
                String token = step.credentialsId == null ? null : secretText(step.credentialsId, run);
                List<String> tail = run.getLog(10 + 1);
                listener.getLogger().println("[apiUsageCheck] " + tail.size() + " lines, token "
                        + (token == null ? "absent" : "present") + ", id " + run.getExternalizableId());
                ResultAction action = new ResultAction(step.prompt);
                run.addOrReplaceAction(action);
                listener.getLogger().println(HyperlinkNote.encodeTo(
                        "/" + run.getUrl() + action.getUrlName() + "/", "Copilot"));
                return action.answer;
            }

            @Override
            public void stop(@NonNull Throwable cause) throws Exception {
                // the real step closes its transport here (interrupts do not unblock socket reads), then:
                super.stop(cause);
            }
        }
    }

    /** Block step: GeneralNonBlockingStepExecution + BodyInvoker + TailCall, with a masking log filter. */
    public static final class BlockStep extends Step {
        @DataBoundConstructor
        public BlockStep() {}

        @Override
        public StepExecution start(StepContext context) throws Exception {
            return new Execution(context);
        }

        @Extension(dynamicLoadable = YesNoMaybe.YES)
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }

            @Override
            public Set<? extends Class<?>> getProvidedContext() {
                return Set.of(SessionHandle.class);
            }

            @Override
            public String getFunctionName() {
                return "apiUsageCheckBlock";
            }

            @Override
            public boolean takesImplicitBlockArgument() {
                return true;
            }
        }

        private static final class Execution extends GeneralNonBlockingStepExecution {
            private static final long serialVersionUID = 1L;

            Execution(StepContext context) {
                super(context);
            }

            @Override
            public boolean start() throws Exception {
                run(this::doStart);
                return false;
            }

            private void doStart() throws Exception {
                StepContext context = getContext();
                SessionHandle handle = new SessionHandle("job#1");
                BodyInvoker invoker = context.newBodyInvoker()
                        .withContext(handle)
                        .withContext(BodyInvoker.mergeConsoleLogFilters(
                                context.get(ConsoleLogFilter.class), new MaskingFilter(Secret.fromString("s3cr3t"))))
                        .withDisplayName("apiUsageCheckBlock")
                        .withCallback(new Cleanup(handle));
                invoker.start();
            }

            private final class Cleanup extends TailCall {
                private static final long serialVersionUID = 1L;
                private final SessionHandle handle;

                Cleanup(SessionHandle handle) {
                    this.handle = handle;
                }

                @Override
                protected void finished(StepContext context) throws Exception {
                    context.get(TaskListener.class).getLogger().println("[apiUsageCheck] closing " + handle.id);
                }
            }
        }
    }

    /** Context object a block passes to its body; serializable, transport kept transient. */
    static final class SessionHandle implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;

        SessionHandle(String id) {
            this.id = id;
        }
    }

    /** Body-scoped log filter; lives in program.dat, so it keeps the secret as a {@link Secret}. */
    static final class MaskingFilter extends ConsoleLogFilter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Secret secret;

        MaskingFilter(Secret secret) {
            this.secret = secret;
        }

        @SuppressWarnings("rawtypes")
        @Override
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            String plain = secret.getPlainText();
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    logger.write(b); // the real filter buffers lines and replaces `plain`
                }

                @Override
                public String toString() {
                    return "masking " + plain.length() + " chars";
                }
            };
        }
    }

    /** Also uses the static BodyExecutionCallback.TailCall variant. */
    static final class SyncCleanup extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) throws Exception {
            context.setResult(Result.UNSTABLE);
        }
    }

    /** Build-page action persisted with the build (RunAction2). */
    static final class ResultAction implements RunAction2 {
        private transient Run<?, ?> run;
        final String answer;

        ResultAction(String answer) {
            this.answer = answer;
        }

        @Override
        public void onAttached(Run<?, ?> r) {
            this.run = r;
        }

        @Override
        public void onLoad(Run<?, ?> r) {
            this.run = r;
        }

        @Override
        public String getIconFileName() {
            return "symbol-sparkles-outline plugin-ionicons-api";
        }

        @Override
        public String getDisplayName() {
            return "Copilot";
        }

        @Override
        public String getUrlName() {
            return "apiUsageCheck";
        }

        Run<?, ?> getRun() {
            return run;
        }
    }

    /** Nested describable with a symbol, as a step argument would be ({@code server: apiUsageCheckServer(...)}). */
    public static final class Server extends AbstractDescribableImpl<Server> {
        private final String url;

        @DataBoundConstructor
        public Server(String url) {
            this.url = url;
        }

        public String getUrl() {
            return url;
        }

        @Extension(dynamicLoadable = YesNoMaybe.YES)
        @Symbol("apiUsageCheckServer")
        public static final class DescriptorImpl extends Descriptor<Server> {
            @NonNull
            @Override
            public String getDisplayName() {
                return "API usage check server";
            }
        }
    }

    /** Global configuration (Manage Jenkins → System), JCasC symbol. */
    @Extension(dynamicLoadable = YesNoMaybe.YES)
    @Symbol("apiUsageCheck")
    public static final class Config extends GlobalConfiguration {
        private String cliUrl;
        private String credentialsId;

        public Config() {
            load();
        }

        public static Config get() {
            return GlobalConfiguration.all().get(Config.class);
        }

        public String getCliUrl() {
            return cliUrl;
        }

        @DataBoundSetter
        public void setCliUrl(String cliUrl) {
            this.cliUrl = cliUrl;
            save();
        }

        public String getCredentialsId() {
            return credentialsId;
        }

        @DataBoundSetter
        public void setCredentialsId(String credentialsId) {
            this.credentialsId = credentialsId;
            save();
        }

        @Override
        public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
            cliUrl = null;
            credentialsId = null;
            req.bindJSON(this, json);
            save();
            return true;
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.CONFIGURE)) {
                return new StandardListBoxModel().includeCurrentValue(credentialsId);
            }
            return new StandardListBoxModel()
                    .includeEmptyValue()
                    .includeMatchingAs(Jenkins.getAuthentication2(), item, StringCredentials.class,
                            Collections.emptyList(), CredentialsMatchers.always())
                    .includeCurrentValue(credentialsId);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String cliUrl, @QueryParameter String credentialsId) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (cliUrl == null || cliUrl.isBlank()) {
                return FormValidation.error("No CLI URL");
            }
            return FormValidation.ok("Connected to " + cliUrl);
        }
    }

    /** Credentials: resolve as the build's user, record usage. */
    static String secretText(String credentialsId, Run<?, ?> run) {
        StringCredentials c = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
        if (c == null) {
            return null;
        }
        CredentialsProvider.track(run, c);
        return c.getSecret().getPlainText();
    }

    /** Launches a process on the agent with pipes, as the real plugin starts `copilot --headless --stdio`. */
    static int launchOnAgent(Launcher launcher, FilePath workspace, EnvVars env, TaskListener listener,
            OutputStream stderrSink) throws IOException, InterruptedException {
        Launcher.ProcStarter starter = launcher.launch()
                .cmds("copilot", "--headless", "--no-auto-update", "--stdio")
                .envs(env)
                .pwd(workspace)
                .quiet(true)
                .readStdout()
                .writeStdin()
                .stderr(stderrSink);
        Proc proc = starter.start();
        try (OutputStream stdin = proc.getStdin();
                InputStream stdout = proc.getStdout();
                InputStream stderr = proc.getStderr()) {
            if (stdin != null) {
                stdin.write("Content-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            if (stdout != null) {
                String first = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
                listener.getLogger().println("[apiUsageCheck] " + first + (stderr == null ? "" : " (stderr piped)"));
            }
        } finally {
            if (proc.isAlive()) {
                proc.kill();
            }
        }
        String workspacePath = workspace.child("x").getRemote() + " " + workspace.exists();
        listener.getLogger().println(workspacePath + " " + ConsoleNote.PREAMBLE_STR.length());
        return proc.joinWithTimeout(10, TimeUnit.SECONDS, listener);
    }
}
