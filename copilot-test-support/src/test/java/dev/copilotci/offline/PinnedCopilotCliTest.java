package dev.copilotci.offline;

import dev.copilotci.testsupport.CliInvocation;

import dev.copilotci.testsupport.CliResult;



import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PinnedCopilotCliTest {

    @TempDir
    Path temp;

    @Test
    void pinnedVersionIsInstalled() {
        PinnedCopilotCli cli = PinnedCopilotCli.locate();
        assertEquals("1.0.102", cli.version());
        assertEquals(PinnedCopilotCli.EXPECTED_VERSION, cli.version());
        assertTrue(Files.isExecutable(cli.executable()), cli.executable().toString());
    }

    @Test
    void nativeBinaryIsThePlatformPackage() {
        Path binary = PinnedCopilotCli.locate().nativeBinary();
        assertTrue(Files.isExecutable(binary), binary.toString());
        String platformPackage = binary.getParent().getFileName().toString();
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux") ? "linux" : "";
        assertTrue(platformPackage.startsWith("copilot-" + os), platformPackage);
        assertTrue(binary.getFileName().toString().startsWith("copilot"), binary.toString());
    }

    @Test
    void theCliItselfReportsThePinnedVersion() throws Exception {
        try (OfflineCliEnvironment env = OfflineCliEnvironment.builder("http://127.0.0.1:9/v1").build()) {
            CliResult result = CliInvocation.of(PinnedCopilotCli.locate()).environment(env)
                    .timeout(Duration.ofSeconds(30)).run("--version");
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(result.stdout().contains("1.0.102"), result.describe());
        }
    }

    @Test
    void cliPathEnvironmentVariableWinsAndStillFindsThePackage() {
        PinnedCopilotCli real = PinnedCopilotCli.locate();
        PinnedCopilotCli viaEnv = PinnedCopilotCli.locate(
                Map.of(PinnedCopilotCli.ENV_CLI_PATH, real.executable().toString()), "/does/not/exist", temp);
        assertEquals(real.executable(), viaEnv.executable());
        assertEquals("1.0.102", viaEnv.version());
        assertEquals(real.nativeBinary(), viaEnv.nativeBinary());
    }

    @Test
    void walksUpFromTheWorkingDirectory() {
        Path cliDir = PinnedCopilotCli.locate().nodeModules().orElseThrow().getParent();
        Path repo = cliDir.getParent().getParent(); // <repo>/tools/copilot-cli
        PinnedCopilotCli found = PinnedCopilotCli.locate(Map.of(), null, repo.resolve("copilot-test-support"));
        assertEquals("1.0.102", found.version());
    }

    @Test
    void missingInstallNamesTheFix() throws Exception {
        IllegalStateException notInstalled = assertThrows(IllegalStateException.class,
                () -> PinnedCopilotCli.at(temp));
        assertTrue(notInstalled.getMessage().contains("mvn -pl copilot-test-support generate-resources"),
                notInstalled.getMessage());

        Path bin = Files.createDirectories(temp.resolve("node_modules/.bin"));
        Files.writeString(bin.resolve("copilot"), "#!/usr/bin/env node\n");
        IllegalStateException noBinary = assertThrows(IllegalStateException.class,
                () -> PinnedCopilotCli.at(temp).nativeBinary());
        assertTrue(noBinary.getMessage().contains("npm install"), noBinary.getMessage());

        IllegalStateException nothingAbove = assertThrows(IllegalStateException.class,
                () -> PinnedCopilotCli.locate(Map.of(), null, temp));
        assertTrue(nothingAbove.getMessage().contains("generate-resources"), nothingAbove.getMessage());
    }
}
