/**
 * Test fixtures for running the REAL pinned Copilot CLI offline, with the scripted model of
 * {@code dev.copilotci.offline} (module copilot-offline-model).
 *
 * <pre>{@code
 * try (ScriptedModelProvider provider = ScriptedModelProvider.start();
 *      OfflineCliEnvironment env = OfflineCliEnvironment.create(provider)) {
 *     provider.enqueue(ScriptedResponse.toolCall("bash", "{\"command\":\"echo hi\",\"description\":\"greet\"}"),
 *                      ScriptedResponse.text("done"));
 *     // prompt mode
 *     CliResult r = CliInvocation.of(PinnedCopilotCli.locate()).environment(env).workingDirectory(dir)
 *             .timeout(Duration.ofSeconds(60)).run("-p", "hello", "-s", "--no-auto-update", "--allow-all-tools");
 *     // or a headless server; its sessions need "provider": provider.providerConfig() in session.create
 *     try (CliServerFixture server = CliServerFixture.builder().environment(env).connectionToken(token).start()) {
 *         ... connect to server.url() ...
 *     }
 *     RecordedRequest first = provider.awaitRequest(1, Duration.ofSeconds(10));
 *     assertEquals("hello", first.lastUserPrompt());
 * }
 * }</pre>
 *
 * <p>What CLI 1.0.102 sends (observed): only {@code POST /v1/chat/completions} (never {@code /models}), streaming with
 * {@code "stream":true,"stream_options":{"include_usage":true}} (or no {@code stream} key with {@code --stream off}),
 * {@code temperature:0}, {@code top_p:0.95}, the system prompt as a string, the user prompt prefixed with
 * {@code <current_datetime>…</current_datetime>\n\n}, and its built-in tools ({@code bash}, {@code view}, …) in
 * {@code tools}. Tool results come back as {@code role:"tool"} messages after an assistant message with
 * {@code content:null} and the {@code tool_calls}.
 */
package dev.copilotci.testsupport;

import dev.copilotci.offline.PinnedCopilotCli;

import dev.copilotci.offline.OfflineCliEnvironment;

import dev.copilotci.offline.RecordedRequest;

import dev.copilotci.offline.ScriptedResponse;

import dev.copilotci.offline.ScriptedModelProvider;
