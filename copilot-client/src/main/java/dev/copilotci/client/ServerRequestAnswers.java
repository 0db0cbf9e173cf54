package dev.copilotci.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.events.ExternalToolRequested;
import dev.copilotci.client.events.PermissionRequested;
import dev.copilotci.client.text.UntrustedText;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Answers what the server asks of a session during a turn — permission requests (by the session's policy) and calls
 * of the job's own tools — always, and on the connection the question came from, so a turn never waits for an
 * answer nobody gives.
 */
final class ServerRequestAnswers {

    private final CopilotClient client;
    private final SessionConfig config;
    private final Supplier<String> sessionId;
    private final Runnable activity;
    private final Map<String, ToolDefinition> toolsByName;
    private final Map<String, String> runningTools = new ConcurrentHashMap<>();

    /** @param activity called when our own work (a tool) makes progress, for the turn's watchdog */
    ServerRequestAnswers(CopilotClient client, SessionConfig config, Supplier<String> sessionId, Runnable activity) {
        this.client = client;
        this.config = config;
        this.sessionId = sessionId;
        this.activity = activity;
        this.toolsByName = config.tools().stream().collect(Collectors.toMap(ToolDefinition::name,
                Function.identity()));
    }

    /** Names of the job's tools still running (for the watchdog's "what was pending"). */
    Collection<String> runningTools() {
        return runningTools.values();
    }

    /** Answers a permission request at once, by the session's policy (tools the job declared are approved). */
    void permission(PermissionRequested p, int generation) {
        PermissionPolicy policy = config.permissionPolicy();
        boolean declaredTool = p.kind().equals("custom-tool") && toolsByName.containsKey(toolName(p));
        PermissionDecision decision = declaredTool ? PermissionDecision.approve()
                : policy.decide(p.kind(), p.paths(), config.workingDirectory());
        ObjectNode result = JsonCodec.object();
        if (decision.approved()) {
            result.put("kind", "approve-once");
        } else {
            String why = UntrustedText.singleLine(decision.reason(), 300);
            result.put("kind", "reject");
            result.put("feedback", "Not allowed by this CI job's permission policy (" + policy.cliName() + "): " + why
                    + ". Continue without it.");
            client.log("Copilot: denied " + UntrustedText.singleLine(p.summary(), 200) + " (permission policy "
                    + policy.cliName() + ": " + why + ")");
        }
        ObjectNode params = JsonCodec.object().put("sessionId", sessionId.get());
        params.put("requestId", p.requestId());
        params.set("result", result);
        answer("session.permissions.handlePendingPermissionRequest", params, generation);
    }

    private static String toolName(PermissionRequested p) {
        return p.raw().data().path("permissionRequest").path("toolName").asText("");
    }

    /** Runs a custom tool on the tool executor and answers with its result, its error or its timeout. */
    void tool(ExternalToolRequested call, int generation) {
        ToolDefinition tool = toolsByName.get(call.toolName());
        ObjectNode params = JsonCodec.object().put("sessionId", sessionId.get());
        params.put("requestId", call.requestId());
        if (tool == null) {
            params.put("error", "No handler for tool '" + call.toolName() + "' in this client");
            answer("session.tools.handlePendingToolCall", params, generation);
            return;
        }
        runningTools.put(call.requestId(), tool.name());
        CompletableFuture.supplyAsync(() -> {
                    try {
                        return tool.handler().handle(call.arguments());
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, client.toolExecutor())
                .orTimeout(tool.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((text, error) -> {
                    runningTools.remove(call.requestId());
                    activity.run();
                    if (error == null) {
                        params.put("result", text == null ? "" : SessionRequests.wireText(text));
                    } else {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        params.put("error", cause instanceof TimeoutException
                                ? "Tool '" + tool.name() + "' timed out after " + tool.timeout().toSeconds() + " s"
                                : "Tool '" + tool.name() + "' failed: " + cause.getMessage());
                    }
                    answer("session.tools.handlePendingToolCall", params, generation);
                }, client.toolExecutor());
    }

    /**
     * Answers a server request on the connection it came from. If that connection is gone, so is the request
     * (the server drops pending requests with the connection), and a reconnect re-sends the whole prompt.
     */
    private void answer(String method, ObjectNode params, int generation) {
        CopilotClient.Link link = client.currentLink();
        if (link == null || link.generation() != generation) {
            return;
        }
        link.rpc().request(method, params, CopilotSession.CONTROL_TIMEOUT).whenCompleteAsync((r, e) -> {
            if (e != null) {
                client.log("Copilot: answering " + method + " failed: " + e.getMessage());
            }
        }, client.toolExecutor());
    }

}
