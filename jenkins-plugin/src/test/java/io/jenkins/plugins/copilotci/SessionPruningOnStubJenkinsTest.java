package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.ClientOptions;
import dev.copilotci.client.CopilotClient;
import dev.copilotci.client.ProviderConfig;
import dev.copilotci.client.SessionConfig;
import dev.copilotci.client.SessionMetadata;
import dev.copilotci.job.JobSessionIds;
import dev.copilotci.offline.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hourly {@link SessionPruner} against a real CLI server (with a connection token): old job sessions go, fresh
 * ones and other prefixes stay, and a server that is down does not spare the others.
 */
@Timeout(120)
class SessionPruningOnStubJenkinsTest {
    private static final String TOKEN = "conn-PruneToken-4242";
    /** Short, so the test waits seconds, not hours; the fresh session is pruned right after its turn. */
    private static final Duration AGE = Duration.ofSeconds(2);

    @RegisterExtension
    final ScriptedCopilot cli = new ScriptedCopilot().connectionToken(TOKEN);

    @BeforeEach
    void start() {
        cli.model().respondWith(r -> ScriptedResponse.text("ok"));
    }

    @Test
    void oldJobSessionsArePrunedFreshOnesAndOtherPrefixesKeptOnEveryReachableUrl() throws Exception {
        String old = JobSessionIds.forJob("team/app", "41", 1);
        try (CopilotClient client = connect()) {
            withOneTurn(client, old);
            withOneTurn(client, "someone-else-1");
            awaitUnusedFor(client, Set.of(old, "someone-else-1"), AGE, Duration.ofSeconds(30));
            withOneTurn(client, "ci-fresh-1");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The first URL is down: it is reported, and the second is still pruned.
        SessionPruner.Settings settings = new SessionPruner.Settings(List.of("127.0.0.1:1", cli.url()), AGE,
                "conn-token-id");
        List<String> deleted = SessionPruner.prune(settings, TOKEN, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(List.of(old), deleted);
        Set<String> left = sessionIds();
        assertFalse(left.contains(old), left.toString());
        assertTrue(left.containsAll(Set.of("ci-fresh-1", "someone-else-1")), left.toString());
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("127.0.0.1:1: could not prune job sessions: "), log);
        assertTrue(log.contains(cli.url() + ": deleted 1 job session(s) unused for PT2S: " + old), log);
        assertFalse(log.contains(TOKEN), log);
    }

    @Test
    void zeroHoursOrNoUrlTurnsPruningOff() throws Exception {
        String old = "ci-kept-1";
        try (CopilotClient client = connect()) {
            withOneTurn(client, old);
            awaitUnusedFor(client, Set.of(old), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(List.of(), SessionPruner.prune(
                new SessionPruner.Settings(List.of(cli.url()), Duration.ZERO, null), TOKEN, log));
        assertEquals(List.of(), SessionPruner.prune(
                new SessionPruner.Settings(List.of(), Duration.ofMillis(1), null), TOKEN, log));
        assertTrue(sessionIds().contains(old));
    }

    @Test
    void thePrefixIsTheOneJobSessionIdsGives() {
        assertTrue(JobSessionIds.forJob("a", "1", 1).startsWith(JobSessionIds.PREFIX));
        assertTrue(JobSessionIds.forJobUnguessable("a", "1", 1).startsWith(JobSessionIds.PREFIX));
    }

    private CopilotClient connect() {
        return CopilotClient.connect(ClientOptions.connectTo(List.of(cli.url()), TOKEN));
    }

    /** A session is stored (and listed) only once it has had a turn. */
    private void withOneTurn(CopilotClient client, String id) {
        var session = client.createSession(SessionConfig.builder().sessionId(id).model(cli.offline().model())
                .provider(ProviderConfig.openAi(cli.model().baseUrl(), null)).build());
        session.sendAndWait("hello");
        session.disconnect();
    }

    /** Polls the server's own modified times until these sessions are older than {@code age}; bounded. */
    private static void awaitUnusedFor(CopilotClient client, Set<String> ids, Duration age, Duration limit)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Instant cutoff = Instant.now().minus(age);
            List<SessionMetadata> mine = client.listSessions(null).stream()
                    .filter(s -> ids.contains(s.sessionId())).toList();
            boolean allOld = mine.size() == ids.size() && mine.stream().allMatch(s ->
                    (s.modifiedTime() != null ? s.modifiedTime() : s.startTime()).isBefore(cutoff));
            if (allOld) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("sessions " + ids + " not listed or not older than " + age + ": " + mine);
            }
            Thread.sleep(200);
        }
    }

    private Set<String> sessionIds() {
        try (CopilotClient client = connect()) {
            return client.listSessions(null).stream().map(SessionMetadata::sessionId).collect(Collectors.toSet());
        }
    }
}
