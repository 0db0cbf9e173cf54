package dev.copilotci.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads user-given files (or stdin for "-") as text; bytes that are not UTF-8 become U+FFFD, never an error. */
final class InputFiles {
    private InputFiles() {
    }

    static String read(Path file, InputStream stdin, String what) throws IOException {
        byte[] bytes;
        if (file.toString().equals("-")) {
            bytes = stdin.readAllBytes();
        } else {
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new UsageException(what + " " + file + " does not exist");
            }
        }
        return decode(bytes);
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
