package dev.copilotci.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code git diff <base>...HEAD} in the workspace, bounded in time; failures say how to make the base available. */
final class GitDiff {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private GitDiff() {
    }

    static String against(String base, Path workspace) throws IOException {
        if (base.startsWith("-")) {
            throw new UsageException("--base must be a git ref, not an option: '" + base + "'");
        }
        List<String> command = List.of("git", "diff", "--no-color", "--no-ext-diff", base + "...HEAD", "--");
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = readAll(p.getInputStream());
        CompletableFuture<byte[]> err = readAll(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git diff did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String why = InputFiles.decode(err.get(5, TimeUnit.SECONDS)).strip();
                throw new UsageException("git diff " + base + "...HEAD failed: " + why + ". Make the base available"
                        + " (actions/checkout with fetch-depth: 0, or git fetch origin) or pass --diff-file.");
            }
            return InputFiles.decode(out.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running git diff", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("reading git diff output failed: " + e.getMessage(), e);
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
