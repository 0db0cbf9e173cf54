package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.offline.RecordedRequest;
import dev.copilotci.offline.ScriptedResponse;
import dev.copilotci.runner.RunnerWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain-failure --run-id}: the run's failed jobs come from the API, each failed job's log through the
 * API's redirect to storage (fetched without the token), explained in one session; a successful job's log is never
 * downloaded. Real CLI, scripted model, fake GitHub API.
 */
@Timeout(180)
class RunFailuresEndToEndTest {
    private static final String TOKEN = "ghs_RunLogsToken0123456789";

    @TempDir
    Path dir;

    @Test
    void eachFailedJobIsExplainedFromItsOwnLog() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            api.on("GET /repos/acme/app/actions/runs/42/jobs?filter=latest&per_page=100&page=1",
                    FakeGithubApi.Response.json(200, """
                            {"total_count":3,"jobs":[
                             {"id":7,"name":"build (linux)","conclusion":"failure","status":"completed",
                              "steps":[{"name":"Checkout","conclusion":"success"},{"name":"Test","conclusion":"failure"}]},
                             {"id":8,"name":"lint","conclusion":"success","status":"completed","steps":[]},
                             {"id":9,"name":"explain","conclusion":null,"status":"in_progress","steps":[]}]}"""));
            api.on("GET /repos/acme/app/actions/jobs/7/logs", FakeGithubApi.Response.json(302, "")
                    .withHeader("Location", api.baseUrl() + "/storage/job-7.txt?sig=abc"));
            api.on("GET /storage/job-7.txt?sig=abc", FakeGithubApi.Response.json(200,
                    "2026-12-04T10:00:00Z ##[group]Run mvn test\n2026-12-04T10:00:01Z [ERROR] FooTest.bar expected:<3>"
                            + " but was:<4>\n2026-12-04T10:00:02Z ##[error]Process completed with exit code 1.\n"));
            w.provider.respondWith(r -> ScriptedResponse.text("## Cause\nFooTest.bar asserts 3, the code gives 4."));
            Path output = dir.resolve("output");
            Files.createFile(output);
            Path event = dir.resolve("event.json");
            Files.writeString(event, "{\"workflow_run\":{\"id\":42,\"conclusion\":\"failure\"}}");
            Map<String, String> env = new java.util.HashMap<>(w.env(Map.of("GITHUB_ACTIONS", "true",
                    "GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", api.baseUrl().toString(), "GITHUB_REPOSITORY",
                    "acme/app", "GITHUB_RUN_ID", "43", "GITHUB_OUTPUT", output.toString(), "RUNNER_TEMP",
                    dir.toString())));
            env.put("GITHUB_EVENT_NAME", "workflow_run"); // run-id auto: the run that triggered this one
            env.put("GITHUB_EVENT_PATH", event.toString());
            List<String> args = new ArrayList<>(List.of("explain-failure", "--run-id", "auto", "--working-directory",
                    dir.toString()));
            args.addAll(w.modelArgs());
            RunnerWorld.Result r = w.run(env, "", args);
            assertEquals(0, r.exitCode(), r.stderr());

            assertEquals(1, w.provider.requests().size(), "one failed job, one explanation");
            RecordedRequest sent = w.provider.requests().get(0);
            assertTrue(sent.lastUserPrompt().contains("FooTest.bar expected:<3> but was:<4>"), sent.lastUserPrompt());
            assertTrue(sent.lastUserPrompt().contains("build (linux) (failed step: Test)"), sent.lastUserPrompt());
            assertTrue(r.stdout().contains("### build (linux)") && r.stdout().contains("FooTest.bar asserts 3"),
                    r.stdout());
            List<FakeGithubApi.Request> requests = api.requests();
            assertFalse(requests.stream().anyMatch(q -> q.pathAndQuery().contains("/jobs/8/")),
                    "the successful job's log is never downloaded");
            FakeGithubApi.Request storage = requests.stream()
                    .filter(q -> q.pathAndQuery().startsWith("/storage/")).findFirst().orElseThrow();
            assertNull(storage.authorization(), "the token never goes to the log storage");
            assertEquals("Bearer " + TOKEN, requests.get(0).authorization());
            assertTrue(Files.readString(output).lines().anyMatch(l -> l.equals("model-calls=1")),
                    Files.readString(output));
        }
    }

    @Test
    void aRunWithoutFailuresAsksNothingAndAMissingTokenSaysWhatToSet() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            api.on("GET /repos/acme/app/actions/runs/5/jobs?filter=latest&per_page=100&page=1",
                    FakeGithubApi.Response.json(200, "{\"total_count\":1,\"jobs\":[{\"id\":1,\"name\":\"ok\","
                            + "\"conclusion\":\"success\",\"status\":\"completed\",\"steps\":[]}]}"));
            RunnerWorld.Result r = explainRun(w, api, "5");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains("No job of run 5 failed"), r.stdout());
            assertEquals(0, w.provider.requests().size());

            RunnerWorld.Result noToken = w.run(w.env(Map.of("GITHUB_REPOSITORY", "acme/app")), "",
                    explainArgs(w, "5"));
            assertEquals(2, noToken.exitCode());
            assertTrue(noToken.stderr().contains("actions: read"), noToken.stderr());
        }
    }

    /**
     * A pull request's own workflow can fail a whole matrix, and a member's {@code /copilot explain} then explains
     * that run in a job with secrets: the model is asked about a few failed jobs, not hundreds, and the answer names
     * how many were left out.
     */
    @Test
    void aRunWithManyFailedJobsIsExplainedForTheFirstFewOnly() throws Exception {
        try (RunnerWorld w = new RunnerWorld(); FakeGithubApi api = new FakeGithubApi()) {
            StringBuilder jobs = new StringBuilder();
            int failedJobs = 12;
            for (int i = 1; i <= failedJobs; i++) {
                jobs.append(i == 1 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"matrix (").append(i)
                        .append(")\",\"conclusion\":\"failure\",\"status\":\"completed\",\"steps\":[]}");
                api.on("GET /repos/acme/app/actions/jobs/" + i + "/logs", FakeGithubApi.Response.json(302, "")
                        .withHeader("Location", api.baseUrl() + "/storage/job-" + i + ".txt"));
                api.on("GET /storage/job-" + i + ".txt", FakeGithubApi.Response.json(200,
                        "##[error]Process completed with exit code 1.\n"));
            }
            api.on("GET /repos/acme/app/actions/runs/77/jobs?filter=latest&per_page=100&page=1",
                    FakeGithubApi.Response.json(200, "{\"total_count\":" + failedJobs + ",\"jobs\":[" + jobs + "]}"));
            w.provider.respondWith(r -> ScriptedResponse.text("Exit code 1."));
            RunnerWorld.Result r = explainRun(w, api, "77");
            assertEquals(0, r.exitCode(), r.stderr());

            assertEquals(5, w.provider.requests().size(), "at most five failed jobs are explained");
            assertTrue(r.stdout().contains("### matrix (5)") && !r.stdout().contains("### matrix (6)"), r.stdout());
            assertTrue(r.stdout().contains("7 more failed jobs were not explained"), r.stdout());
            assertFalse(api.requests().stream().anyMatch(q -> q.pathAndQuery().contains("/jobs/6/logs")),
                    "the logs of jobs left out are never downloaded");
        }
    }

    /** {@code explain-failure --run-id RUN} with a token for the fake API, outside Actions (the answer on stdout). */
    private static RunnerWorld.Result explainRun(RunnerWorld w, FakeGithubApi api, String runId) throws Exception {
        return w.run(w.env(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", api.baseUrl().toString(),
                "GITHUB_REPOSITORY", "acme/app")), "", explainArgs(w, runId));
    }

    private static List<String> explainArgs(RunnerWorld w, String runId) {
        List<String> args = new ArrayList<>(List.of("explain-failure", "--run-id", runId));
        args.addAll(w.modelArgs());
        return args;
    }
}
