package dev.copilotci.job;

import dev.copilotci.client.ServerConnector;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** How a job starts its own Copilot CLI when no shared server is configured. */
public sealed interface OwnCli {

    /**
     * A CLI on this machine, spoken to over stdio (no connection token exists to leak, and it is faster than TCP),
     * started with only the allow-listed part of the job's environment.
     *
     * @param cliPath          the {@code copilot} command or native binary; {@code null}: {@code copilot} on PATH
     * @param jobEnv           the job's environment, from which the allow-list is taken
     * @param hiddenNames      further variables the CLI must not see (e.g. the one naming a provider key)
     * @param workingDirectory the CLI's working directory
     * @param cliLog           where the CLI's stderr lines go (already masked); never the protocol stream
     */
    record Local(Path cliPath, Map<String, String> jobEnv, Set<String> hiddenNames, Path workingDirectory,
                 Consumer<String> cliLog) implements OwnCli {
    }

    /** A CLI the front end starts elsewhere (Jenkins: on the agent through its Launcher), reached over its pipes. */
    record OverTransport(ServerConnector.TransportOpener opener) implements OwnCli {
    }
}
