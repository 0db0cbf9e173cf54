package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.runner.RunnerWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comment}: a pull-request comment starting with the trigger phrase gets 👀 and a reply with the model's
 * answer in its thread; any other comment does nothing. Real runner and CLI, scripted model, fake GitHub API.
 */
@Timeout(180)
class CommentTriggerEndToEndTest {
    static final String TOKEN = "ghs_CommentTriggerToken0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String issueComment(String body, String association) throws Exception {
        return """
                {"action":"created","issue":{"number":5,"pull_request":{"url":"x"}},
                 "comment":{"id":11,"body":%s,"author_association":"%s","user":{"login":"alice","type":"User"}},
                 "repository":{"full_name":"octo/repo"}}""".formatted(JSON.writeValueAsString(body), association);
    }

    static RunnerWorld.Result run(RunnerWorld w, FakeGithubApi api, Path dir, String event, String payload,
            Map<String, String> extra) throws Exception {
        Path eventFile = dir.resolve("event.json");
        Files.writeString(eventFile, payload);
        Path output = dir.resolve("output");
        Files.writeString(output, "");
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        Map<String, String> env = new HashMap<>(w.env(Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", TOKEN,
                "GITHUB_API_URL", api.baseUrl().toString(), "GITHUB_REPOSITORY", "octo/repo", "GITHUB_RUN_ID", "43",
                "GITHUB_OUTPUT", output.toString(), "RUNNER_TEMP", dir.toString())));
        env.put("GITHUB_EVENT_NAME", event);
        env.put("GITHUB_EVENT_PATH", eventFile.toString());
        env.putAll(extra);
        List<String> args = new ArrayList<>(List.of("comment", "--working-directory", workspace.toString()));
        args.addAll(w.modelArgs());
        return w.run(env, "", args);
    }

    /** GitHub takes the 👀 at {@code reactions} and the reply at {@code reply}, answering {@code created}. */
    private static void accepts(FakeGithubApi api, String reactions, String reply, String created) {
        api.on(reactions, FakeGithubApi.Response.json(201, "{\"id\":1,\"content\":\"eyes\"}"));
        api.on(reply, FakeGithubApi.Response.json(201, created));
    }

    static String postedBody(FakeGithubApi api, String route) throws Exception {
        FakeGithubApi.Request r = api.requests().stream()
                .filter(q -> (q.method() + " " + q.pathAndQuery()).equals(route)).reduce((a, b) -> b).orElseThrow(
                        () -> new AssertionError("no " + route + " in " + api.requests()));
        return JSON.readTree(r.body()).path("body").asText();
    }

    @Test
    void aQuestionGetsEyesThenTheAnswerAsANewCommentOnThePullRequest() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            accepts(api, "POST /repos/octo/repo/issues/comments/11/reactions",
                    "POST /repos/octo/repo/issues/5/comments",
                    "{\"id\":12,\"html_url\":\"https://github.com/octo/repo/pull/5#issuecomment-12\"}");
            w.provider.respondWith(r -> ScriptedResponse.text("The retry loop stops after **3** attempts."));

            RunnerWorld.Result r = run(w, api, dir, "issue_comment",
                    issueComment("/copilot why does the retry loop stop?", "OWNER"), Map.of());
            assertEquals(0, r.exitCode(), r.stderr());

            assertEquals(1, w.provider.requests().size());
            String prompt = w.provider.requests().get(0).lastUserPrompt();
            assertTrue(prompt.contains("why does the retry loop stop?"), prompt);
            assertTrue(prompt.contains("pull request #5"), prompt);
            FakeGithubApi.Request reaction = api.requests().get(0);
            assertEquals("POST /repos/octo/repo/issues/comments/11/reactions",
                    reaction.method() + " " + reaction.pathAndQuery(), "the 👀 comes first");
            assertEquals("eyes", JSON.readTree(reaction.body()).path("content").asText());
            String reply = postedBody(api, "POST /repos/octo/repo/issues/5/comments");
            assertTrue(reply.contains("The retry loop stops after **3** attempts."), reply);
            assertFalse(reply.contains("why does the retry loop stop"), "the trigger's text is not echoed: " + reply);
            assertTrue(reply.startsWith("In reply to [this comment](https://github.com/octo/repo/pull/5#issuecomment-11)"),
                    reply);
            assertEquals(2, api.requests().size(), api.requests().toString());
        }
    }

    @Test
    void aReviewCommentQuestionIsAnsweredInItsThread() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            accepts(api, "POST /repos/octo/repo/pulls/comments/21/reactions",
                    "POST /repos/octo/repo/pulls/5/comments/21/replies",
                    "{\"id\":22,\"html_url\":\"https://github.com/octo/repo/pull/5#discussion_r22\"}");
            w.provider.respondWith(r -> ScriptedResponse.text("This line can overflow for n > 2^31."));
            String payload = """
                    {"action":"created","pull_request":{"number":5,"head":{"sha":"abc"}},
                     "comment":{"id":21,"body":"/ask can this overflow?","author_association":"MEMBER",
                      "user":{"login":"bob","type":"User"}},"repository":{"full_name":"octo/repo"}}""";

            RunnerWorld.Result r = run(w, api, dir, "pull_request_review_comment", payload,
                    Map.of("COPILOT_CI_TRIGGER_PHRASE", "/ask"));
            assertEquals(0, r.exitCode(), r.stderr());

            assertTrue(w.provider.requests().get(0).lastUserPrompt().contains("can this overflow?"));
            assertTrue(postedBody(api, "POST /repos/octo/repo/pulls/5/comments/21/replies")
                    .contains("This line can overflow for n > 2^31."));
            assertTrue(api.requests().stream().anyMatch(q -> q.pathAndQuery()
                    .equals("/repos/octo/repo/pulls/comments/21/reactions")), api.requests().toString());
            assertFalse(api.requests().stream().anyMatch(q -> q.pathAndQuery().contains("/issues/")),
                    "a review comment is answered in its thread, not as an issue comment");
        }
    }

    @Test
    void aCommentWithoutThePhraseDoesNothing() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            w.provider.respondWith(r -> ScriptedResponse.text("should not be asked"));
            for (String body : List.of("LGTM, thanks!", "see /copilot above", "/copilotx do something")) {
                RunnerWorld.Result r = run(w, api, dir, "issue_comment", issueComment(body, "OWNER"), Map.of());
                assertEquals(0, r.exitCode(), r.stderr());
                assertTrue(r.stdout().contains("::notice::"), r.stdout());
            }
            String onAnIssue = issueComment("/copilot what is this?", "OWNER").replace("\"pull_request\":{\"url\":\"x\"}",
                    "\"title\":\"an issue\"");
            String edited = issueComment("/copilot what is this?", "OWNER").replace("\"created\"", "\"edited\"");
            for (String payload : List.of(onAnIssue, edited)) {
                RunnerWorld.Result r = run(w, api, dir, "issue_comment", payload, Map.of());
                assertEquals(0, r.exitCode(), r.stderr());
                assertTrue(r.stdout().contains("::notice::not a new comment on a pull request"), r.stdout());
            }
            assertEquals(0, w.provider.requests().size());
            assertEquals(List.of(), api.requests());
        }
    }

    @Test
    void reviewAndExplainAreAnsweredWithHowToWithoutAModelCall() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            api.on("POST /repos/octo/repo/issues/comments/11/reactions",
                    FakeGithubApi.Response.json(201, "{\"id\":1}"));
            api.on("POST /repos/octo/repo/issues/5/comments", FakeGithubApi.Response.json(201, "{\"id\":12}"));
            RunnerWorld.Result r = run(w, api, dir, "issue_comment", issueComment("/copilot explain", "OWNER"),
                    Map.of());
            assertEquals(0, r.exitCode(), r.stderr());
            String reply = postedBody(api, "POST /repos/octo/repo/issues/5/comments");
            assertTrue(HtmlOracle.html(reply).contains("<code>run-id</code>"), reply);
            assertEquals(0, w.provider.requests().size());
        }
    }
}
