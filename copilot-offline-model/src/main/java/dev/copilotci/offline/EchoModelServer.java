package dev.copilotci.offline;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The model for benchmarks, as a process: a {@link ScriptedModelProvider} that answers "Reply with exactly: X" with
 * X (anything else with "OK"). Prints {@code echo model listening on <baseUrl>} and runs until stdin closes.
 * {@code java -cp <test-support + jackson> dev.copilotci.offline.EchoModelServer}
 */
public final class EchoModelServer {
    static final String ASK = "Reply with exactly:";

    private EchoModelServer() {
    }

    public static void main(String[] args) throws IOException {
        try (ScriptedModelProvider provider = ScriptedModelProvider.start()) {
            provider.retainOnly(100).respondWith(request -> ScriptedResponse.text(answer(request.lastUserPrompt())));
            System.out.println("echo model listening on " + provider.baseUrl());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static String answer(String prompt) {
        int at = prompt == null ? -1 : prompt.lastIndexOf(ASK);
        return at < 0 ? "OK" : prompt.substring(at + ASK.length()).strip();
    }
}
