package dev.copilotci.runner;

/** The command line is wrong: exit code 2 with a message saying what to type instead. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
