package dev.copilotci.job;

import dev.copilotci.client.ProcessTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link GitCommand} as a local process in {@code repository}, killed when it exceeds {@code timeout}. */
public record LocalGit(Path repository, Duration timeout) implements GitCommand {
    /** SIGTERM first, so git can remove its lock files; then SIGKILL. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    public LocalGit {
        if (repository == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a repository and a positive timeout are required");
        }
    }

    @Override
    public String run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(repository.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = readAll(p.getInputStream());
        CompletableFuture<byte[]> err = readAll(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.terminate(p, STOP_GRACE); // git and what it started
                throw new IOException("git " + args + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String why = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
                throw new IOException("git " + args + " failed (exit " + p.exitValue() + "): " + why);
            }
            return new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.terminate(p, STOP_GRACE); // git and what it started
            throw new IOException("interrupted while running git", e);
        } catch (ExecutionException | TimeoutException e) {
            ProcessTree.terminate(p, STOP_GRACE); // git and what it started
            throw new IOException("reading git output failed: " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
