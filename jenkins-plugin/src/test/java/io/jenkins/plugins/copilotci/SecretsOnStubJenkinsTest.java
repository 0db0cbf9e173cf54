package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.TurnOptions;
import dev.copilotci.client.TurnResult;
import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our Jenkins session code with known token values (connection token, GitHub token, BYOK key) against a real CLI and a
 * model that leaks them: none reaches the build log, the build page record (as persisted) or the model's input.
 * Credentials are given resolved (the stubs have no credentials store); everything after that is the real path.
 */
@Timeout(120)
class SecretsOnStubJenkinsTest {
    private static final String CONNECTION = "conn-Jenkins-Known-Token-1";
    private static final String GITHUB = "ghp_JenkinsKnownGithubToken99";
    private static final String KEY = "sk-Jenkins-Known-Key-12345";

    @Test
    void tokensAreMaskedInTheLogThePageAndThePrompt() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().connectionToken(CONNECTION).started()) {
            cli.model().respondWith(r -> ScriptedResponse.text("leaking " + r.header("Authorization") + " " + CONNECTION
                    + " " + GITHUB + "\n\u001B[8mha:" + KEY + "\u001B[0m"));
            FakeRun run = new FakeRun(new FakeJob("team", "secrets"), 1);
            RecordingListener console = new RecordingListener();
            CopilotSettings settings = CopilotSettings.merge(null, List.of(), cli.overrides());
            CopilotJobSession session = CopilotJobSession.open(settings,
                    CopilotCredentials.of(CONNECTION, GITHUB, KEY), "ci-secrets-1", null, null, console.getLogger(),
                    null);
            TurnResult result;
            try {
                String prompt = "Use token " + GITHUB + " to explain";
                result = session.prompt(prompt, TurnOptions.DEFAULTS, console.getLogger());
                CopilotRunAction.of(run).add(PromptRecord.answered("prompt", prompt, result, List.of(),
                        session.output()));
            } finally {
                session.close(false);
            }

            String log = console.text();
            assertTrue(log.contains("[copilot] leaking Bearer ****"), log);
            ByteArrayOutputStream persisted = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(persisted)) {
                out.writeObject(CopilotRunAction.of(run).getRecords().get(0));
            }
            String page = new String(persisted.toByteArray(), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(CONNECTION, GITHUB, KEY)) {
                assertFalse(log.contains(secret), "build log leaks " + secret);
                assertFalse(page.contains(secret), "persisted record leaks " + secret);
            }
            RecordedRequest sent = cli.model().requests().get(0);
            assertFalse(sent.body().toString().contains(GITHUB), "the prompt's token was masked before sending");
            assertEquals("Bearer " + KEY, sent.header("Authorization"), "the key only as the provider's auth");
        }
    }
}
