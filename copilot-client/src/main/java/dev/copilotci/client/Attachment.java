package dev.copilotci.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Something sent along with a prompt. Use {@link #text} / {@link #blob} for CI logs and diffs: their content is
 * inlined for the model. A {@link #file} attachment only names a path the agent may (with permission) read.
 */
public record Attachment(Type type, String path, String displayName, String mimeType, String base64Data) {
    public enum Type { FILE, BLOB }

    public static Attachment text(String displayName, String content) {
        return blob(displayName, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    public static Attachment blob(String displayName, String mimeType, byte[] data) {
        return new Attachment(Type.BLOB, null, displayName, mimeType, Base64.getEncoder().encodeToString(data));
    }

    public static Attachment file(String path) {
        return new Attachment(Type.FILE, path, null, null, null);
    }
}
