package dev.copilotci.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.CopilotException;
import dev.copilotci.client.HealthReport;
import dev.copilotci.client.SessionMetadata;
import dev.copilotci.client.text.UntrustedText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Is a shared Copilot CLI server healthy? Connects (with the connection token), pings, reads its status and auth
 * status — each URL on its own, bounded — and cleans up job sessions. What the runner's {@code health},
 * {@code sessions} and {@code bench --overhead} commands, a container's health check, Jenkins' "Test connection",
 * its hourly pruning and its clean-up after a restart use.
 */
public final class ServerProbe {
    private final String connectionToken;
    private final Duration timeout;

    /** @param timeout the deadline to connect and of each request */
    public ServerProbe(String connectionToken, Duration timeout) {
        this.connectionToken = connectionToken == null || connectionToken.isBlank() ? null : connectionToken;
        this.timeout = timeout;
    }

    /** One URL's health; never throws for a server that is down or refuses us (that is the answer). */
    public Health check(String url) {
        long start = System.nanoTime();
        try (CopilotClient client = connect(url)) {
            HealthReport r = client.healthCheck();
            return new Health(url, true, r.status().protocolVersion(), r.status().version(),
                    r.auth().authenticated(), elapsedMs(start), null, r.summary());
        } catch (CopilotException | IllegalArgumentException e) {
            return new Health(url, false, 0, null, false, elapsedMs(start),
                    UntrustedText.singleLine(String.valueOf(e.getMessage()), 300), null);
        }
    }

    /** Each URL checked in turn. */
    public List<Health> checkAll(List<String> urls) {
        List<Health> all = new ArrayList<>();
        urls.forEach(u -> all.add(check(u)));
        return all;
    }

    /** Sessions on the server whose id starts with {@code prefix} (all for an empty prefix). */
    public List<SessionMetadata> sessions(String url, String prefix) {
        try (CopilotClient client = connect(url)) {
            return client.listSessions(null).stream().filter(s -> matches(s, prefix)).toList();
        }
    }

    /** Deletes the sessions with that prefix not modified for {@code age}; returns their ids. */
    public List<String> prune(String url, Duration age, String prefix) {
        try (CopilotClient client = connect(url)) {
            return client.deleteSessionsOlderThan(age, s -> matches(s, prefix));
        }
    }

    /**
     * Deletes one session on the first of {@code urls} that answers (in order, as a job connects): a job's session
     * left behind, e.g. by a Jenkins restart. Returns {@code false} if that server had no such session.
     */
    public boolean deleteSession(List<String> urls, String sessionId) {
        try (CopilotClient client = connect(urls)) {
            return client.deleteSession(sessionId);
        }
    }

    /**
     * A client connected to the first of {@code urls} that answers, for a caller that measures the engine itself
     * ({@code bench --overhead}); the caller closes it.
     */
    public CopilotClient connect(List<String> urls) {
        return CopilotClient.connect(ClientOptions.connectTo(urls, connectionToken).withTimeouts(timeout, timeout));
    }

    private static boolean matches(SessionMetadata s, String prefix) {
        return prefix == null || prefix.isEmpty() || s.sessionId().startsWith(prefix);
    }

    private CopilotClient connect(String url) {
        return connect(List.of(url));
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * One URL's answer.
     *
     * @param error   why it is not healthy (cleaned), or {@code null}
     * @param summary one line for humans when healthy, or {@code null}
     */
    public record Health(String url, boolean ok, int protocol, String version, boolean authenticated, long ms,
                         String error, String summary) {

        /** {@code {"url":…,"ok":…,"protocol":…,"version":…,"authenticated":…,"ms":…}} (plus "error" when not ok). */
        public String toJson() {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("url", url);
            n.put("ok", ok);
            n.put("protocol", protocol);
            if (version == null) {
                n.putNull("version");
            } else {
                n.put("version", version);
            }
            n.put("authenticated", authenticated);
            n.put("ms", ms);
            if (error != null) {
                n.put("error", error);
            }
            return n.toString();
        }
    }
}
