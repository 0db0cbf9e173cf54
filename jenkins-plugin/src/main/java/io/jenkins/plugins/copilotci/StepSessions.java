package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import dev.copilotci.job.Instructions;
import dev.copilotci.job.JobSessionIds;
import dev.copilotci.job.SessionInstructions;
import dev.copilotci.job.JobOutput;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Opens the job-scoped session a step uses: the enclosing {@code withCopilot} block's, or a one-shot one. */
final class StepSessions {
    private StepSessions() {
    }

    /**
     * A new session for this build. Its id comes from the job's full name and build number, plus a sequence number
     * so that several blocks or one-shot prompts of one build never share a conversation by accident.
     */
    static CopilotJobSession open(StepContext context, CopilotOverrides overrides)
            throws IOException, InterruptedException {
        return open(context.get(Run.class), context.get(Launcher.class), context.get(FilePath.class),
                context.get(EnvVars.class), context.get(TaskListener.class), overrides);
    }

    /**
     * As above, from what a Pipeline step's context or a freestyle build step's {@code SimpleBuildStep.perform}
     * gives: launcher, workspace and environment may be {@code null} (then no CLI is started on the agent and no
     * instruction files are read).
     */
    static CopilotJobSession open(Run<?, ?> run, Launcher launcher, FilePath workspace, EnvVars env,
                                  TaskListener listener, CopilotOverrides overrides)
            throws IOException, InterruptedException {
        CopilotSettings settings = CopilotSettings.merge(CopilotGlobalConfiguration.get(),
                CopilotFolderProperty.chainOf(run.getParent()), overrides);
        CopilotCredentials secrets = CopilotCredentials.forRun(settings, run);
        int sequence = CopilotRunAction.of(run).nextSessionNumber();
        // Unguessable: on a shared server no other job may derive (and resume) this build's session id.
        String sessionId = JobSessionIds.forJobUnguessable(run.getParent().getFullName(),
                String.valueOf(run.getNumber()), sequence);
        AgentCliLauncher agentCli = settings.cliUrls.isEmpty() && launcher != null
                ? new AgentCliLauncher(launcher, workspace, env, settings.cliPath,
                        JobOutput.masking(secrets.values(), line -> { }))
                : null;
        SessionInstructions instructions = instructions(overrides, env, launcher, workspace, listener);
        try {
            // The workspace path means something only to a CLI on the same agent, not to a shared server elsewhere.
            return CopilotJobSession.open(settings, secrets, sessionId, agentCli,
                    agentCli != null && workspace != null ? workspace.getRemote() : null, listener.getLogger(),
                    instructions);
        } catch (CopilotException e) {
            if (agentCli == null) {
                throw e;
            }
            String said = agentCli.diagnostics();
            boolean closedStdin = said.isEmpty() && agentCli.endedOnClosedStdin();
            agentCli.cleanUp();
            if (closedStdin) {
                throw new CopilotException("The Copilot CLI on the agent ended at once, as it does when its stdin is"
                        + " closed: inside docker.image().inside { } or agent { docker } the Docker plugin runs"
                        + " commands without an open stdin (docker exec without -i), so the CLI cannot be spoken to"
                        + " over stdio there. Use a shared Copilot CLI server: set cliUrl: 'host:port' on the step, or"
                        + " CLI URLs in Manage Jenkins → System → Copilot.", e);
            }
            throw new CopilotException(e.getMessage() + (said.isEmpty() ? " Is the Copilot CLI installed on the"
                    + " agent? (npm install -g @github/copilot, or set cliPath)" : said), e);
        }
    }

    /**
     * A multibranch change request (CHANGE_TARGET set) builds the pull request's checkout, whose AGENTS.md & co. are
     * its author's text: then discovery is off and the files come from origin/$CHANGE_TARGET, read on the agent.
     */
    static SessionInstructions instructions(CopilotOverrides overrides, EnvVars env, Launcher launcher,
                                            FilePath workspace, TaskListener listener) {
        String target = env == null ? null : env.get("CHANGE_TARGET");
        boolean changeRequest = target != null && !target.isBlank();
        Instructions mode = overrides.instructions != null ? Instructions.parse(overrides.instructions)
                : changeRequest ? Instructions.BASE : Instructions.WORKSPACE;
        String base = overrides.instructionsBase != null ? overrides.instructionsBase
                : changeRequest ? "origin/" + target.strip() : null;
        return SessionInstructions.resolve(mode, base, launcher == null || workspace == null ? null
                : WorkspaceGit.on(launcher, workspace, listener));
    }
}
