package io.jenkins.plugins.copilotci;

import dev.copilotci.client.text.SecretMasker;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Masks the block's secrets (the Copilot credentials {@code withCopilot} uses) in <em>every</em> line written inside
 * the block — {@code sh} output, other plugins' steps, ours — as credentials-binding does with its own
 * {@code ConsoleLogFilter}. Line by line, so a secret written in pieces is still masked; the masker also knows the
 * secrets' encoded forms (base64, URL-encoding).
 *
 * <p>Saved with the Pipeline's program state, so the values are held as {@link Secret}s (credentials-binding's
 * choice too), never as plain strings.
 */
final class SecretMaskingFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Secret> secrets;
    private final String charsetName;

    SecretMaskingFilter(Collection<String> values, Charset charset) {
        this.secrets = values.stream().filter(v -> v != null && !v.isBlank()).map(Secret::fromString).toList();
        this.charsetName = charset.name();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return new MaskingStream(logger, SecretMasker.of(secrets.stream().map(Secret::getPlainText).toList()),
                Charset.forName(charsetName));
    }

    /** Holds bytes until a line ends, then writes the line masked; the rest on flush at close. */
    static final class MaskingStream extends FilterOutputStream {
        private final SecretMasker masker;
        private final Charset charset;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        MaskingStream(OutputStream out, SecretMasker masker, Charset charset) {
            super(out);
            this.masker = masker;
            this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        private void emit() throws IOException {
            String text = line.toString(charset);
            line.reset();
            out.write(masker.mask(text).getBytes(charset));
        }

        @Override
        public synchronized void close() throws IOException {
            if (line.size() > 0) {
                emit();
            }
            super.close();
        }
    }
}
