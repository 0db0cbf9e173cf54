package dev.copilotci.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where npm puts the Copilot CLI's native binary for this machine: {@code @github/copilot-<platform>/copilot}
 * beside the {@code @github/copilot} loader, the platform being the npm package suffix the loader itself picks
 * ({@code linux-x64}, {@code linuxmusl-arm64}, {@code darwin-arm64}, {@code win32-x64}, …).
 */
final class CliPlatform {
    private CliPlatform() {
    }

    /** npm platform package suffixes to try, most likely first (the loader's own order). */
    public static List<String> packageSuffixes() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String rawArch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String arch = switch (rawArch) {
            case "amd64", "x86_64", "x64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> rawArch;
        };
        if (os.contains("linux")) {
            return List.of("linux-" + arch, "linuxmusl-" + arch);
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return List.of("darwin-" + arch);
        }
        if (os.contains("win")) {
            return List.of("win32-" + arch);
        }
        return List.of(os + "-" + arch);
    }

    /** The binary's file name: {@code copilot}, or {@code copilot.exe} on Windows. */
    public static String executableName() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "copilot.exe" : "copilot";
    }

    /** The candidates in a {@code node_modules/@github} directory, in the order to try them. */
    public static List<Path> candidates(Path githubScope) {
        return packageSuffixes().stream().map(s -> githubScope.resolve("copilot-" + s).resolve(executableName()))
                .toList();
    }

    /** The first executable candidate in a {@code node_modules/@github} directory. */
    public static Optional<Path> nativeBinaryIn(Path githubScope) {
        return candidates(githubScope).stream().filter(Files::isExecutable).findFirst();
    }
}
