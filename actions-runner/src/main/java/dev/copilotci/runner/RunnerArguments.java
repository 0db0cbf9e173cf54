package dev.copilotci.runner;

import dev.copilotci.client.PermissionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code copilot-runner <command> [--flag value]...}; every mistake names the fix. */
final class RunnerArguments {
    static final Set<String> COMMANDS = Set.of("prompt", "review", "explain-failure", "comment", "bench", "demo",
            "health", "sessions", "help");
    static final int DEFAULT_MAX_LOG_CHARS = 20_000;
    private static final Set<String> SWITCHES = Set.of("--keep-session", "--verbose", "--help", "--overhead");
    /** Options that belong to one command (or two): given to another, they are a mistake, not silently ignored. */
    private static final Map<String, Set<String>> OWNED_BY = Map.ofEntries(
            Map.entry("--prompt", Set.of("prompt")), Map.entry("--prompt-file", Set.of("prompt")),
            Map.entry("--output-schema", Set.of("prompt")),
            Map.entry("--diff-file", Set.of("review")),
            Map.entry("--findings-file", Set.of("review")), Map.entry("--fail-on", Set.of("review")),
            Map.entry("--log-file", Set.of("explain-failure")), Map.entry("--run-id", Set.of("explain-failure")),
            Map.entry("--max-log-chars", Set.of("explain-failure", "demo")),
            Map.entry("--n", Set.of("bench")), Map.entry("--concurrency", Set.of("bench")),
            Map.entry("--overhead", Set.of("bench")),
            Map.entry("--per-url-timeout", Set.of("health", "sessions")),
            Map.entry("--older-than", Set.of("sessions")), Map.entry("--prefix", Set.of("sessions")));

    private RunnerArguments() {
    }

    static RunnerOptions parse(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            return defaults("help").build();
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new UsageException("Unknown command '" + command + "'. Use one of: prompt, review, explain-failure, comment,"
                    + " health, sessions, bench, demo (see --help)");
        }
        Builder b = defaults(command);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        if (command.equals("sessions")) {
            if (rest.isEmpty() || !(rest.get(0).equals("list") || rest.get(0).equals("prune"))) {
                throw new UsageException("sessions needs an action: sessions list | sessions prune --older-than 2h");
            }
            b.sessionsAction = rest.remove(0);
        }
        for (int i = 0; i < rest.size(); i++) {
            String flag = rest.get(i);
            String inlineValue = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                inlineValue = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            Set<String> owners = OWNED_BY.get(flag);
            if (owners != null && !owners.contains(command)) {
                throw new UsageException(flag + " is an option of " + String.join(" and ", owners.stream().sorted()
                        .toList()) + ", not of " + command + " (see --help)");
            }
            if (SWITCHES.contains(flag)) {
                switch (flag) {
                    case "--keep-session" -> b.keepSession = true;
                    case "--verbose" -> b.verbose = true;
                    case "--overhead" -> b.overhead = true;
                    default -> b.command = "help";
                }
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + flag + "': options start with -- (see --help)");
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new UsageException(flag + " needs a value");
                }
                value = rest.get(++i);
            }
            apply(b, flag, value);
        }
        return b.build();
    }

    private static void apply(Builder b, String flag, String v) {
        switch (flag) {
            case "--cli-url" -> {
                for (String url : v.split(",")) {
                    if (!url.isBlank()) {
                        b.cliUrls.add(url.trim());
                    }
                }
            }
            case "--cli-path" -> b.cliPath = Path.of(v);
            case "--model" -> b.model = v;
            case "--provider-type" -> b.providerType = v;
            case "--provider-base-url" -> b.providerBaseUrl = v;
            case "--provider-api-key-env" -> b.providerApiKeyEnv = v;
            case "--prompt" -> b.prompt = v;
            case "--prompt-file" -> b.promptFile = Path.of(v);
            case "--output-schema" -> b.outputSchema = Path.of(v);
            case "--session-id" -> b.sessionId = v;
            case "--timeout" -> b.timeout = Duration.ofSeconds(positive(flag, v));
            case "--inactivity-timeout" -> b.inactivityTimeout = Duration.ofSeconds(positive(flag, v));
            case "--permissions" -> {
                try {
                    b.permissions = PermissionPolicy.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--permissions: " + e.getMessage());
                }
            }
            case "--working-directory" -> b.workingDirectory = Path.of(v);
            case "--diff-file" -> b.diffFile = Path.of(v);
            case "--base" -> b.base = v;
            case "--log-file" -> b.logFile = Path.of(v);
            case "--run-id" -> b.runId = v.trim();
            case "--findings-file" -> b.findingsFile = Path.of(v);
            case "--response-file" -> b.responseFile = Path.of(v);
            case "--post" -> b.post = v;
            case "--fail-on" -> b.failOn = v;
            case "--instructions" -> b.instructions = v;
            case "--max-log-chars" -> b.maxLogChars = (int) positive(flag, v);
            case "--n" -> b.benchN = (int) positive(flag, v);
            case "--concurrency" -> b.benchConcurrency = (int) positive(flag, v);
            case "--max-model-calls" -> b.maxModelCalls = (int) positive(flag, v);
            case "--max-tokens" -> b.maxTokens = positive(flag, v);
            case "--per-url-timeout" -> b.perUrlTimeout = Duration.ofSeconds(positive(flag, v));
            case "--older-than" -> b.olderThan = age(v);
            case "--prefix" -> b.prefix = v;
            default -> throw new UsageException("Unknown option " + flag + " (see --help)");
        }
    }

    /** 90s, 30m, 2h, 7d, or an ISO-8601 duration (PT2H). */
    static Duration age(String v) {
        String t = v.trim();
        try {
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                return positiveAge(Duration.parse(t), v);
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return positiveAge(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            }, v);
        } catch (RuntimeException e) {
            throw new UsageException("--older-than takes an age such as 90s, 30m, 2h, 7d or PT2H, got '" + v + "'");
        }
    }

    private static Duration positiveAge(Duration d, String v) {
        if (d.isNegative() || d.isZero()) {
            throw new NumberFormatException(v);
        }
        return d;
    }

    private static long positive(String flag, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a positive whole number, got '" + v + "'");
        }
    }

    private static Builder defaults(String command) {
        Builder b = new Builder();
        b.command = command;
        return b;
    }

    /** Mutable only while parsing. */
    private static final class Builder {
        String command;
        final List<String> cliUrls = new ArrayList<>();
        Path cliPath;
        String model;
        String providerType = "openai";
        String providerBaseUrl;
        String providerApiKeyEnv;
        String prompt;
        Path promptFile;
        Path outputSchema;
        String sessionId;
        boolean keepSession;
        Duration timeout = Duration.ofSeconds(600);
        Duration inactivityTimeout = Duration.ofSeconds(180);
        PermissionPolicy permissions = PermissionPolicy.DENY;
        Path workingDirectory;
        Path diffFile;
        String base;
        Path logFile;
        Path findingsFile;
        Path responseFile;
        String post = "none";
        String failOn;
        int maxLogChars = DEFAULT_MAX_LOG_CHARS;
        int benchN = 20;
        int benchConcurrency = 1;
        boolean overhead;
        boolean verbose;
        String instructions;
        String runId;
        int maxModelCalls;
        long maxTokens;
        String sessionsAction;
        Duration perUrlTimeout = Duration.ofSeconds(5);
        Duration olderThan;
        String prefix;

        RunnerOptions build() {
            CommandOptions specific = switch (command) {
                case "prompt" -> new CommandOptions.Prompt(prompt, promptFile, outputSchema);
                case "review" -> new CommandOptions.Review(diffFile, findingsFile, failOn);
                case "explain-failure", "demo" -> new CommandOptions.ExplainFailure(logFile, maxLogChars, runId);
                case "bench" -> new CommandOptions.Bench(benchN, benchConcurrency, overhead);
                case "health" -> new CommandOptions.Health(perUrlTimeout);
                case "sessions" -> new CommandOptions.Sessions(sessionsAction, prefix, olderThan, perUrlTimeout);
                default -> new CommandOptions.None();
            };
            return new RunnerOptions(command, List.copyOf(cliUrls), cliPath, model, providerType, providerBaseUrl,
                    providerApiKeyEnv, sessionId, keepSession, timeout, inactivityTimeout, permissions,
                    workingDirectory, base, responseFile, post, instructions, maxModelCalls, maxTokens, verbose,
                    specific);
        }
    }
}
