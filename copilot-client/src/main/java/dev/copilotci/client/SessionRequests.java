package dev.copilotci.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.copilotci.client.text.UntrustedText;

/**
 * How a session's requests look on the wire (the protocol's field names and the CI defaults every session gets):
 * kept apart from {@link CopilotSession}, which decides <em>when</em> to send them.
 */
final class SessionRequests {
    private SessionRequests() {
    }

    /** {@code session.create} / {@code session.resume} parameters. */
    static ObjectNode attach(String sessionId, SessionConfig config, boolean resume) {
        ObjectNode p = JsonCodec.object();
        if (sessionId != null) {
            p.put("sessionId", sessionId);
        }
        if (config.model() != null) {
            p.put("model", config.model());
        }
        ProviderConfig provider = config.provider();
        if (provider != null) {
            ObjectNode pr = p.putObject("provider");
            pr.put("type", provider.type());
            pr.put("baseUrl", provider.baseUrl());
            putIfSet(pr, "apiKey", provider.apiKey());
            putIfSet(pr, "bearerToken", provider.bearerToken());
            putIfSet(pr, "wireApi", provider.wireApi());
            if (!provider.headers().isEmpty()) {
                ObjectNode h = pr.putObject("headers");
                provider.headers().forEach(h::put);
            }
        }
        SystemMessage system = config.systemMessage();
        if (system != null && system.mode() == SystemMessage.Mode.REPLACE) {
            // The provider gets exactly this prompt: no discovered instructions either way.
            p.putObject("systemMessage").put("mode", "replace").put("content", wireText(system.content()));
        } else if (!config.instructionDiscovery()) {
            // Measured on CLI 1.0.102 (InstructionDiscoveryEndToEndTest): only removing the prompt section
            // "custom_instructions" keeps AGENTS.md & co. out; enableConfigDiscovery:false, configDir and the launch
            // flag --no-custom-instructions do not. Per session, so it also holds on a shared server. "content" is
            // appended as in append mode.
            ObjectNode sm = p.putObject("systemMessage").put("mode", "customize");
            sm.putObject("sections").putObject("custom_instructions").put("action", "remove");
            if (system != null) {
                sm.put("content", wireText(system.content()));
            }
        } else if (system != null) {
            p.putObject("systemMessage").put("mode", "append").put("content", wireText(system.content()));
        }
        if (!config.tools().isEmpty()) {
            ArrayNode tools = p.putArray("tools");
            for (ToolDefinition t : config.tools()) {
                ObjectNode tn = tools.addObject().put("name", t.name()).put("description", t.description());
                tn.set("parameters", t.parameters() != null ? t.parameters()
                        : JsonCodec.object().put("type", "object").set("properties", JsonCodec.object()));
                tn.put("skipPermission", true); // declared by the job owner: no approval round trip
            }
        }
        if (config.availableTools() != null) {
            config.availableTools().forEach(p.putArray("availableTools")::add);
        }
        if (!config.excludedTools().isEmpty()) {
            config.excludedTools().forEach(p.putArray("excludedTools")::add);
        }
        putIfSet(p, "workingDirectory", config.workingDirectory());
        p.put("streaming", config.streaming());
        // Every permission request comes to us and is answered by the policy; nothing else may wait on a human.
        p.put("requestPermission", true);
        p.put("requestUserInput", false);
        p.put("requestElicitation", false);
        p.put("requestExitPlanMode", false);
        p.put("requestAutoModeSwitch", false);
        p.put("hooks", false);
        p.put("envValueMode", "direct");
        p.put("toolFilterPrecedence", "excluded");
        p.put("clientName", config.clientName());
        putIfSet(p, "gitHubToken", config.gitHubToken());
        if (resume) {
            p.put("continuePendingWork", false);
        }
        return p;
    }

    /** Lone UTF-16 surrogates cannot be encoded as UTF-8: they become U+FFFD instead of breaking the frame. */
    static String wireText(String text) {
        return text == null ? null : UntrustedText.replaceLoneSurrogates(text);
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value);
        }
    }

    /** {@code session.send} parameters: the prompt, its attachments, queued behind a running turn. */
    static ObjectNode send(String sessionId, String prompt, TurnOptions options) {
        ObjectNode p = JsonCodec.object().put("sessionId", sessionId);
        p.put("prompt", wireText(prompt));
        if (!options.attachments().isEmpty()) {
            ArrayNode a = p.putArray("attachments");
            for (Attachment att : options.attachments()) {
                ObjectNode n = a.addObject();
                if (att.type() == Attachment.Type.FILE) {
                    n.put("type", "file").put("path", att.path());
                } else {
                    n.put("type", "blob").put("data", att.base64Data()).put("mimeType", att.mimeType());
                    putIfSet(n, "displayName", wireText(att.displayName()));
                }
            }
        }
        p.put("mode", "enqueue");
        return p;
    }

}
