package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.console.ConsoleLogFilter;
import io.jenkins.plugins.copilotci.StubJenkins.FakeContext;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import io.jenkins.plugins.copilotci.StubJenkins.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Everything written inside withCopilot is masked, as credentials-binding masks its block (stub Jenkins). */
@Timeout(120)
class SecretMaskingFilterOnStubJenkinsTest {
    private static final String TOKEN = "ghp_BlockFilterToken0123456789";

    @Test
    void masksWholeSplitAndEncodedSecretsLineByLine() throws Exception {
        FakeRun run = new FakeRun(new FakeJob("team", "app"), 1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SecretMaskingFilter filter = new SecretMaskingFilter(List.of(TOKEN, " "), StandardCharsets.UTF_8);
        try (OutputStream out = filter.decorateLogger(run, sink)) {
            out.write(("+ echo " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] split = ("half " + TOKEN + " written in pieces\n").getBytes(StandardCharsets.UTF_8);
            for (byte b : split) {
                out.write(b);
            }
            out.write(("basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN)
                    .getBytes(StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(("no newline " + TOKEN).getBytes(StandardCharsets.UTF_8));
        }
        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("+ echo ****", "half **** written in pieces", "basic eC1hY2Nlc3MtdG9rZW46****",
                "no newline ****"), text.lines().toList());
    }

    @Test
    void theBlockPutsTheFilterInItsBodysContext() throws Exception {
        try (ScriptedCopilot cli = new ScriptedCopilot().started()) {
            FakeRun run = new FakeRun(new FakeJob("team", "app"), 2);
            RecordingListener console = new RecordingListener();
            FakeContext block = new FakeContext(run, console);
            CompletableFuture<ConsoleLogFilter> seen = new CompletableFuture<>();
            block.body = body -> seen.complete(body.get(ConsoleLogFilter.class));
            WithCopilotStep step = new WithCopilotStep();
            cli.configured(step);
            FakeContext.start(step, block);
            block.outcome.get(90, TimeUnit.SECONDS);
            assertNotNull(seen.get(5, TimeUnit.SECONDS), "the body runs with a console filter");
            assertInstanceOf(SecretMaskingFilter.class, seen.get());
        }
    }
}
