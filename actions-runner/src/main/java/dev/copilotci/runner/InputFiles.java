package dev.copilotci.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.copilotci.job.JobInputs;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads user-given files (or stdin for "-") as text, bounded; bytes that are not UTF-8 become U+FFFD, never an error. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * At most {@code cap} bytes of the file (or stdin for "-"); a file named inside the workspace is read only if its
     * real path stays inside it (see {@link JobInputs}).
     */
    static String read(Path file, InputStream stdin, String what, Path workspace, int cap) throws IOException {
        try {
            if (file.toString().equals("-")) {
                return decode(JobInputs.read(stdin, cap, what + " (stdin)"));
            }
            return decode(JobInputs.readFile(workspace, file, cap, what));
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " " + file + " does not exist");
        } catch (JobInputs.RejectedInputException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }
}
