package io.jenkins.plugins.copilotci;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.job.JobOutput;
import dev.copilotci.client.text.UntrustedText;
import dev.copilotci.job.Instructions;
import dev.copilotci.job.JobSessionIds;
import dev.copilotci.job.SessionInstructions;
import hudson.Extension;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.YesNoMaybe;
import jenkins.model.Jenkins;

/**
 * Explains finished builds on the controller, off the build's thread: after a failure (auto-explain) or on the
 * "Explain with Copilot" button. The build is over, so there is no agent or workspace: only a configured shared CLI
 * server (CLI URL) can answer. Work goes to a small bounded pool; a full queue, an hourly quota (the controller's or the
 * nearest folder's) or a missing CLI URL is recorded on the build as the reason it was skipped. A queued or running
 * explanation is marked on the build and in {@link PendingExplanations}, and re-queued after a restart
 * ({@link ExplainRequeue}).
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
public final class FailureExplainer {
    private static final Logger LOGGER = Logger.getLogger(FailureExplainer.class.getName());
    static final int DEFAULT_PER_HOUR = 30;
    static final String AUTO = "auto";
    static final String USER = "user";
    static final int SUMMARY_CHARS = 200;
    private static final int THREADS = 2;
    private static final int QUEUE = 20;

    private final Supplier<CopilotGlobalConfiguration> global;
    private final BiFunction<CopilotSettings, Run<?, ?>, CopilotCredentials> credentials;
    private final Executor executor;
    private final HourlyQuota quota;
    private final PendingExplanations pending;

    /** Jenkins' instance: the global configuration, the build's credentials, JENKINS_HOME for the index. */
    public FailureExplainer() {
        this(CopilotGlobalConfiguration::get, CopilotCredentials::forRun, boundedPool(), HourlyQuota.perHour(),
                new PendingExplanations(pendingIndex(Jenkins.get().getRootDir().toPath())));
    }

    /** The controller's index of queued or running explanations, in JENKINS_HOME. */
    static Path pendingIndex(Path jenkinsHome) {
        return jenkinsHome.resolve(FailureExplainer.class.getName() + ".pending.txt");
    }

    FailureExplainer(Supplier<CopilotGlobalConfiguration> global,
                     BiFunction<CopilotSettings, Run<?, ?>, CopilotCredentials> credentials, Executor executor,
                     HourlyQuota quota, PendingExplanations pending) {
        this.global = global;
        this.credentials = credentials;
        this.executor = executor;
        this.quota = quota;
        this.pending = pending;
    }

    /** Daemon threads that end when idle; a bounded queue so a storm of failures cannot pile up work. */
    static ThreadPoolExecutor boundedPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "Copilot explain failure");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A build completed: queues its explanation if the auto-explain rules want it. Returns at once; never changes
     * the build. Returns whether an explanation was queued.
     */
    boolean onCompleted(Run<?, ?> run) throws IOException {
        CopilotGlobalConfiguration config = global.get();
        List<CopilotFolderProperty> folders = CopilotFolderProperty.chainOf(run.getParent());
        if (!AutoExplainRules.of(config, folders).wants(run.getParent().getFullName(), run.getResult())) {
            return false;
        }
        if (explainedByItsPipeline(run)) {
            return false; // copilotExplainFailure() or the freestyle post-build action already answered: pay once
        }
        if (noServer(config, folders)) {
            CopilotRunAction.of(run).endExplaining(null, Messages.FailureExplainer_AutoNeedsCliUrl());
            return false;
        }
        int controllerLimit = config == null ? DEFAULT_PER_HOUR : config.getAutoExplainPerHour();
        int perFolder = config == null ? DEFAULT_PER_HOUR : config.getAutoExplainPerFolderPerHour();
        Optional<String> reached = quota.tryAcquire(controllerLimit,
                CopilotFolderProperty.folderLimitOf(run.getParent(), perFolder));
        if (reached.isPresent()) {
            CopilotRunAction skipped = CopilotRunAction.of(run);
            skipped.countRateLimitedSkip();
            skipped.endExplaining(null, Messages.FailureExplainer_HourlyLimit(reached.get()));
            return false;
        }
        return submit(run, AUTO);
    }

    /** "Explain with Copilot": queues an explanation unless one is already queued or running for this build. */
    boolean request(Run<?, ?> run) throws IOException {
        CopilotRunAction action = CopilotRunAction.of(run);
        if (action.getExplaining() != null) {
            return false;
        }
        if (noServer(global.get(), CopilotFolderProperty.chainOf(run.getParent()))) {
            action.endExplaining(null, Messages.FailureExplainer_NeedsCliUrl());
            return false;
        }
        return submit(run, USER);
    }

    /**
     * Startup: every build of the index that still carries the marker is queued again (outside the quota: it was
     * counted when first queued). Ids that resolve to no build, or to one without the marker, are dropped.
     *
     * @param resolve externalizable id → build ({@code Run::fromExternalizableId} in Jenkins); may return null
     * @return how many were re-queued
     */
    int requeuePending(Function<String, Run<?, ?>> resolve) {
        int requeued = 0;
        for (String id : pending.list()) {
            Run<?, ?> run;
            try {
                run = resolve.apply(id);
            } catch (RuntimeException e) {
                run = null;
            }
            CopilotRunAction action = run == null ? null : CopilotRunAction.find(run);
            if (action == null || action.getExplaining() == null) {
                pending.remove(id);
                continue;
            }
            if (execute(run, action, action.getExplaining())) {
                requeued++;
            }
        }
        return requeued;
    }

    private boolean submit(Run<?, ?> run, String trigger) throws IOException {
        CopilotRunAction action = CopilotRunAction.of(run);
        action.markExplaining(trigger);
        pending.add(run.getExternalizableId());
        return execute(run, action, trigger);
    }

    private boolean execute(Run<?, ?> run, CopilotRunAction action, String trigger) {
        try {
            executor.execute(() -> explainNow(run, action, trigger));
            return true;
        } catch (RejectedExecutionException e) {
            end(run, action, null, Messages.FailureExplainer_QueueFull(String.valueOf(QUEUE)));
            return false;
        }
    }

    /** Runs on the pool: one one-shot session on the shared server, the answer recorded on the build's page. */
    private void explainNow(Run<?, ?> run, CopilotRunAction action, String trigger) {
        JobOutput output = JobOutput.masking(List.of(), line -> { });
        try {
            CopilotSettings settings = CopilotSettings.merge(global.get(), CopilotFolderProperty.chainOf(run.getParent()),
                    new CopilotOverrides());
            CopilotCredentials secrets = credentials.apply(settings, run);
            output = JobOutput.masking(secrets.values(), line -> { });
            String prompt = FailurePrompt.of(run, CopilotExplainFailureStep.DEFAULT_MAX_LINES).text();
            String sessionId = JobSessionIds.forJobUnguessable(run.getParent().getFullName(),
                    String.valueOf(run.getNumber()), action.nextSessionNumber());
            // The build's log is closed: the session's progress lines go nowhere, the answer to the Copilot page.
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            // No checkout to read instructions from, and a log is not a place to take them from: none.
            SessionInstructions instructions = SessionInstructions.resolve(Instructions.NONE, null, null);
            String kind = AUTO.equals(trigger) ? "autoExplain" : "explain";
            try (CopilotJobSession session = CopilotJobSession.open(settings, secrets, sessionId, null, null,
                    discard, instructions)) {
                try {
                    TurnResult result = session.prompt(prompt, TurnOptions.DEFAULTS, discard);
                    action.add(PromptRecord.answered(kind, prompt, result, List.of(), session.output()));
                    end(run, action, UntrustedText.singleLine(session.output().safe(result.content()), SUMMARY_CHARS),
                            null);
                } catch (RuntimeException e) {
                    String message = session.output().safe(String.valueOf(e.getMessage()));
                    action.add(PromptRecord.failed(kind, prompt, session.sessionId(), message, session.output()));
                    throw e;
                }
            }
        } catch (Exception | LinkageError e) {
            LOGGER.log(Level.FINE, "explaining " + run + " failed", e);
            end(run, action, null, Messages.FailureExplainer_Failed(
                    UntrustedText.singleLine(output.safe(String.valueOf(e.getMessage())), SUMMARY_CHARS * 2)));
        }
    }

    private void end(Run<?, ?> run, CopilotRunAction action, String summary, String skipped) {
        try {
            action.endExplaining(summary, skipped);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save " + run, e);
        } finally {
            pending.remove(run.getExternalizableId());
        }
    }

    private static boolean explainedByItsPipeline(Run<?, ?> run) {
        CopilotRunAction action = CopilotRunAction.find(run);
        return action != null && action.getRecords().stream()
                .anyMatch(r -> "explainFailure".equals(r.getKind()) && !r.isFailed());
    }

    /** No CLI URL from the folders or the global configuration: the same merge the explanation then uses. */
    private static boolean noServer(CopilotGlobalConfiguration config, List<CopilotFolderProperty> folders) {
        return CopilotSettings.merge(config, folders, new CopilotOverrides()).cliUrls.isEmpty();
    }
}
