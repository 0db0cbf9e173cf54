package dev.copilotci.runner.github;

import dev.copilotci.job.GitCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.copilotci.client.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failed jobs of a workflow run and their logs, from the REST API ({@code actions: read}): the jobs list, then
 * each failed job's log, which the API answers with a redirect to short-lived storage that is fetched <em>without</em>
 * the token. Logs of jobs that did not fail are never downloaded.
 */
public final class RunFailures {
    /** A failed job: its id, name, the steps that failed, and its page. */
    public record FailedJob(long id, String name, List<String> failedSteps, String htmlUrl) {
    }

    /** Reads one job's log as a stream (the caller selects from it within its budget). */
    @FunctionalInterface
    public interface LogReader<T> {
        T read(InputStream log) throws IOException;
    }

    private static final int MAX_PAGES = 10;
    private static final int PAGE_SIZE = 100;
    /** The head's latest completed runs looked at for a failure: one per workflow of a push, with room for re-runs. */
    private static final int RUNS_PAGE_SIZE = 30;
    /** A log's body is read within this many request timeouts (2 min with the usual 30 s). */
    private static final int LOG_READ_TIMEOUTS = 4;

    private final GithubEnvironment env;
    private final GithubApi api;
    private final HttpClient storage;
    private final Duration timeout;

    public RunFailures(GithubEnvironment env, GithubToken token, Duration timeout) {
        this.env = env;
        this.timeout = timeout;
        this.storage = GithubApi.newHttpClient(timeout);
        Optional<String> unsafe = GithubApi.unsafeTransport(env.apiUrl());
        if (unsafe.isPresent()) {
            throw new IllegalArgumentException(unsafe.get() + " (" + env.apiUrl() + ")");
        }
        this.api = new GithubApi(env.apiUrl(), token, storage, timeout, Instant.now().plus(timeout.multipliedBy(20)),
                new ObjectMapper());
    }

    /** The jobs of run {@code runId} (latest attempt) that failed, excluding the job running this step. */
    public List<FailedJob> failedJobs(String runId) throws GithubApiException, IOException, InterruptedException {
        List<FailedJob> failed = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode jobs = api.call("GET", jobsPath(runId) + "&page=" + page, null).path("jobs");
            for (JsonNode job : jobs) {
                // The job running this step is still in progress: it has no conclusion and is never picked.
                String conclusion = job.path("conclusion").asText("");
                if (conclusion.equals("failure") || conclusion.equals("timed_out")) {
                    List<String> steps = new ArrayList<>();
                    job.path("steps").forEach(s -> {
                        if (s.path("conclusion").asText("").equals("failure")) {
                            steps.add(UntrustedText.singleLine(s.path("name").asText(""), 120));
                        }
                    });
                    failed.add(new FailedJob(job.path("id").asLong(), UntrustedText.singleLine(
                            job.path("name").asText("job " + job.path("id").asLong()), 200), steps,
                            job.path("html_url").asText(null)));
                }
            }
            if (jobs.size() < PAGE_SIZE) {
                break;
            }
        }
        return failed;
    }

    /**
     * The latest run of {@code headSha} that failed or timed out, or empty when none did: the head's completed runs
     * ({@code GET /repos/{o}/{r}/actions/runs?head_sha=SHA&status=completed}, newest first; the API's {@code status}
     * filter takes one conclusion only, and a timed-out run is as much worth explaining as a failed one).
     */
    public Optional<String> latestFailedRun(String headSha) throws GithubApiException, IOException,
            InterruptedException {
        if (!GitCommand.isCommitSha(headSha)) {
            throw new IllegalArgumentException("not a commit SHA: '" + UntrustedText.singleLine(headSha, 80) + "'");
        }
        JsonNode runs = api.call("GET", "/repos/" + env.repository() + "/actions/runs?head_sha=" + headSha
                + "&status=completed&exclude_pull_requests=true&per_page=" + RUNS_PAGE_SIZE, null)
                .path("workflow_runs");
        for (JsonNode run : runs) {
            String conclusion = run.path("conclusion").asText("");
            JsonNode id = run.path("id");
            if ((conclusion.equals("failure") || conclusion.equals("timed_out")) && id.canConvertToLong()
                    && id.asLong() > 0) {
                return Optional.of(String.valueOf(id.asLong()));
            }
        }
        return Optional.empty();
    }

    /** Streams one job's log to {@code reader}: the API's redirect is followed without the Authorization header. */
    public <T> T readLog(FailedJob job, LogReader<T> reader) throws GithubApiException, IOException,
            InterruptedException {
        URI target = api.redirectTarget("/repos/" + env.repository() + "/actions/jobs/" + job.id() + "/logs");
        Optional<String> unsafe = storageUnsafe(target);
        if (unsafe.isPresent()) {
            throw new IOException(unsafe.get());
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout)
                .header("User-Agent", "copilot-ci-runner").GET().build(); // no token: the URL is its own credential
        HttpResponse<InputStream> response = storage.send(request, HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        // The request's timeout ends at the headers: a body that stalls half-way is closed at this deadline, which
        // ends the blocked read with an IOException.
        Duration readTimeout = timeout.multipliedBy(LOG_READ_TIMEOUTS);
        AtomicBoolean expired = new AtomicBoolean(); // set before the close, which the reader may see first
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            expired.set(true);
            closeQuietly(body);
        }, CompletableFuture.delayedExecutor(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
        try (body) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("downloading the log of job '" + job.name() + "' failed: HTTP "
                        + response.statusCode());
            }
            return reader.read(body);
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("the log of job '" + job.name() + "' was not read within "
                        + readTimeout.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader then fails or has finished: either way the download is over
        }
    }

    private String jobsPath(String runId) {
        if (!runId.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("--run-id must be a workflow run id (digits), got '"
                    + UntrustedText.singleLine(runId, 40) + "'");
        }
        return "/repos/" + env.repository() + "/actions/runs/" + runId + "/jobs?filter=latest&per_page=" + PAGE_SIZE;
    }

    /** Log storage must be https (plain http only on loopback, for tests), like the API itself. */
    private static Optional<String> storageUnsafe(URI target) {
        return GithubApi.unsafeTransport(target).map(ignored -> "refusing to download a log over plain http from "
                + target.getHost());
    }
}
