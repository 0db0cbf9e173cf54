package io.jenkins.plugins.copilotci;

import dev.copilotci.client.CopilotException;
import dev.copilotci.client.text.UntrustedText;
import dev.copilotci.job.JobSessionIds;
import dev.copilotci.job.ServerProbe;
import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.YesNoMaybe;

/**
 * Hourly, deletes the job sessions ({@value JobSessionIds#PREFIX}…) that nobody has used for
 * {@code pruneSessionsOlderThanHours} on each configured CLI server. A shared server keeps every session on disk until
 * someone deletes it; blocks with {@code keepSession: true}, builds killed with the controller and agents that died
 * mid-prompt leave theirs behind. Sessions with another prefix (people's own, other tools') are never touched.
 * Core runs {@link #execute} on its own thread and logs it to {@code $JENKINS_HOME/logs/tasks/}.
 */
@Extension(dynamicLoadable = YesNoMaybe.YES)
public final class SessionPruner extends AsyncPeriodicWork {
    /** Hours a job session may stay unused by default: a day covers any build and a rerun the next morning. */
    static final int DEFAULT_HOURS = 24;
    /** How {@code JobSessionIds.forJob} starts every job session id (the test pins the two together). */
    /** Per URL: connecting, listing and deleting a server's sessions. */
    private static final Duration PER_URL_TIMEOUT = Duration.ofSeconds(30);

    public SessionPruner() {
        super("Copilot job session pruning");
    }

    @Override
    public long getRecurrencePeriod() {
        return HOUR;
    }

    @Override
    protected void execute(TaskListener listener) {
        CopilotGlobalConfiguration global = CopilotGlobalConfiguration.get();
        if (global == null) {
            return;
        }
        Settings settings = new Settings(CopilotSettings.splitUrls(global.getCliUrls()),
                Duration.ofHours(global.getPruneSessionsOlderThanHours()), global.getConnectionTokenCredentialsId());
        if (settings.enabled()) {
            // Looked up only when there is work: the credential store is not touched on a controller without URLs.
            prune(settings, CopilotCredentials.systemSecret(settings.connectionTokenCredentialsId()),
                    listener.getLogger());
        }
    }

    /**
     * Prunes each URL on its own (one server down does not spare the others) and returns the deleted ids; a URL that
     * fails is reported on {@code log}. Does nothing unless {@link Settings#enabled()}.
     */
    static List<String> prune(Settings settings, String connectionToken, PrintStream log) {
        if (!settings.enabled()) {
            return List.of();
        }
        ServerProbe probe = new ServerProbe(connectionToken, PER_URL_TIMEOUT);
        List<String> deleted = new ArrayList<>();
        for (String url : settings.urls()) {
            try {
                List<String> ids = probe.prune(url, settings.olderThan(), JobSessionIds.PREFIX);
                deleted.addAll(ids);
                log.println(url + ": deleted " + ids.size() + " job session(s) unused for " + settings.olderThan()
                        + (ids.isEmpty() ? "" : ": " + String.join(", ", ids)));
            } catch (CopilotException | IllegalArgumentException e) {
                log.println(url + ": could not prune job sessions: "
                        + UntrustedText.singleLine(String.valueOf(e.getMessage()), 300));
            }
        }
        return deleted;
    }

    /**
     * What one run needs from the global configuration.
     *
     * @param urls the CLI server URLs (several: each is pruned)
     * @param olderThan sessions not modified for this long go; zero turns pruning off
     * @param connectionTokenCredentialsId the connection token's Secret text credential, or {@code null}
     */
    record Settings(List<String> urls, Duration olderThan, String connectionTokenCredentialsId) {
        Settings {
            urls = List.copyOf(urls);
        }

        boolean enabled() {
            return !urls.isEmpty() && olderThan.compareTo(Duration.ZERO) > 0;
        }
    }
}
