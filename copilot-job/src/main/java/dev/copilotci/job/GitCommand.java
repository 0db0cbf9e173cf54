package dev.copilotci.job;

import java.io.IOException;
import java.util.List;

/**
 * Runs one git command in the job's repository and returns its stdout. The runner runs git locally
 * ({@link LocalGit}); Jenkins runs it on the build's agent.
 */
@FunctionalInterface
public interface GitCommand {
    /**
     * @param args the arguments after {@code git}
     * @return stdout, decoded as UTF-8
     * @throws IOException when git fails (non-zero exit: the message carries its stderr) or exceeds its deadline
     */
    String run(List<String> args) throws IOException;
}
