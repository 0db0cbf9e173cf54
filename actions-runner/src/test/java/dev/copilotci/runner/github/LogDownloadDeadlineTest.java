package dev.copilotci.runner.github;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A job's log whose download stalls half-way (storage or network trouble) ends at a deadline: the HTTP request's
 * timeout covers only the wait for the headers, and a {@code /copilot explain} must not hang its job until GitHub
 * cancels it.
 */
@Timeout(30)
class LogDownloadDeadlineTest {

    @Test
    void aLogThatStallsMidwayEndsAtItsDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.setExecutor(threads);
        storage.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the body never says how long it is
            OutputStream body = exchange.getResponseBody();
            body.write("##[error]the first line arrives, then nothing\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        storage.start();
        try (FakeGithubApi api = new FakeGithubApi()) {
            api.on("GET /repos/acme/app/actions/jobs/7/logs", FakeGithubApi.Response.json(302, "").withHeader(
                    "Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/job-7.txt"));
            GithubEnvironment env = GithubEnvironment.from(Map.of("GITHUB_API_URL", api.baseUrl().toString(),
                    "GITHUB_REPOSITORY", "acme/app"));
            RunFailures run = new RunFailures(env, GithubToken.of("ghs_LogDeadlineToken0123456789"),
                    Duration.ofSeconds(1));

            long start = System.nanoTime();
            IOException stalled = assertThrows(IOException.class, () -> run.readLog(
                    new RunFailures.FailedJob(7, "build", List.of(), null), InputStream::readAllBytes));

            assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "ended near its deadline");
            assertTrue(stalled.getMessage().contains("was not read within"), stalled.getMessage());
        } finally {
            release.countDown();
            storage.stop(0);
            threads.shutdownNow();
        }
    }
}
