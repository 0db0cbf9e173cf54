package dev.copilotci.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.copilotci.runner.github.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shared-server recipes in deploy/: the Docker image, the compose pair, the systemd unit, the Kubernetes
 * manifests and their entry point. Each is checked by the tool that would reject it in production (a Dockerfile
 * linter, systemd-analyze, shellcheck) and for the properties the README promises: the token only from a secret,
 * two servers on one session-state volume, the runner's probe as health check, the same CLI pin as the build.
 */
@Timeout(120)
class DeployRecipesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Path ROOT = Path.of(System.getProperty("action.dir", ".")).toAbsolutePath().normalize()
            .getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path LINT_DIR = Path.of(System.getProperty("deploy.lint.dir",
            ROOT.resolve("actions-runner/src/test/deploy-lint").toString()));
    private static final String STATE = "/var/lib/copilot";
    private static final List<String> HEALTH = List.of("copilot-server.sh", "health");

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- the CLI pin

    @Test
    void theImageInstallsExactlyTheCliTheBuildPins() throws Exception {
        JsonNode buildPkg = JSON.readTree(ROOT.resolve("tools/copilot-cli/package.json").toFile());
        JsonNode imagePkg = JSON.readTree(DEPLOY.resolve("package.json").toFile());
        assertEquals(buildPkg.path("dependencies"), imagePkg.path("dependencies"), "deploy/package.json");
        JsonNode buildLock = JSON.readTree(ROOT.resolve("tools/copilot-cli/package-lock.json").toFile());
        JsonNode imageLock = JSON.readTree(DEPLOY.resolve("package-lock.json").toFile());
        assertEquals("1.0.102", imageLock.path("packages").path("node_modules/@github/copilot").path("version")
                .asText(), "the image's CLI version");
        // Every resolved package (versions and integrity hashes, platform builds included) is the build's.
        List<String> names = new ArrayList<>();
        buildLock.path("packages").fieldNames().forEachRemaining(names::add);
        names.remove("");
        assertFalse(names.isEmpty());
        for (String name : names) {
            assertEquals(buildLock.path("packages").path(name), imageLock.path("packages").path(name), name);
        }
        assertEquals(names.size() + 1, imageLock.path("packages").size(), "the image's lockfile has extra packages");
        assertEquals(imagePkg.path("name"), imageLock.path("name"), "npm ci rejects a lockfile of another package");
    }

    // ---------------------------------------------------------------- Dockerfile

    @Test
    void theDockerfilePassesTheLinter() throws Exception {
        ProcessRun run = lint(DEPLOY.resolve("Dockerfile"));
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals("", run.stdout().strip(), "warnings count as failures");
    }

    @Test
    void theLinterIsNotASilentPass() throws Exception {
        Path bad = tmp.resolve("Dockerfile");
        Files.writeString(bad, "FROM node:22.12.0-bookworm-slim\nMAINTAINER someone\nHEALTHCHECK\n");
        ProcessRun run = lint(bad);
        assertTrue(run.stdout().contains("MAINTAINER") && run.stdout().contains("HEALTHCHECK"), run.stdout());
    }

    private ProcessRun lint(Path dockerfile) throws Exception {
        Path bin = LINT_DIR.resolve("node_modules/.bin/dockerfile-utils");
        assertTrue(Files.isExecutable(bin), "lint tooling missing: the Maven build runs npm install in " + LINT_DIR);
        return ProcessRun.run(List.of(bin.toString(), "lint", dockerfile.toString()), LINT_DIR, Map.of(), true,
                TOOL_TIMEOUT);
    }

    @Test
    void theImageRunsUnprivilegedWithStateOnAVolumeAndTheRunnersProbe() throws Exception {
        List<String> lines = instructions(Files.readString(DEPLOY.resolve("Dockerfile")));
        for (String from : grep(lines, "FROM ")) {
            // A full version tag (or digest): a moving tag would change the server under a rebuild.
            assertTrue(from.matches("FROM [\\w./-]+(:[\\w.-]*\\d+\\.\\d+\\.\\d+[\\w.-]*|@sha256:\\w+)( AS \\S+)?"),
                    "not pinned: " + from);
        }
        assertEquals("CMD [\"serve\"]", last(grep(lines, "CMD ")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN npm ci --ignore-scripts")), "npm ci, no scripts");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY deploy/package.json deploy/package-lock.json")));
        String user = last(grep(lines, "USER "));
        assertFalse(user.matches("USER (0|root)(:.*)?"), user);
        assertTrue(lines.indexOf(user) < lines.indexOf(last(grep(lines, "ENTRYPOINT "))), "USER before ENTRYPOINT");
        assertTrue(grep(lines, "ENV ").stream().anyMatch(l -> l.contains("COPILOT_HOME=" + STATE)), "COPILOT_HOME");
        assertTrue(grep(lines, "VOLUME ").stream().anyMatch(l -> l.contains("\"" + STATE + "\"")), "VOLUME");
        assertEquals("ENTRYPOINT [\"copilot-server.sh\"]", last(grep(lines, "ENTRYPOINT ")));
        assertTrue(last(grep(lines, "HEALTHCHECK ")).endsWith("CMD [\"copilot-server.sh\", \"health\"]"));
        assertFalse(String.join("\n", lines).contains("COPILOT_CONNECTION_TOKEN="), "no token baked into the image");
        // The build context is cut to what the Dockerfile copies: each COPY source must be let through.
        List<String> ignore = Files.readAllLines(DEPLOY.resolve("Dockerfile.dockerignore"));
        for (String copy : grep(lines, "COPY ")) {
            if (copy.contains("--from=")) {
                continue;
            }
            String[] words = copy.replaceAll("--\\S+", "").trim().split("\\s+");
            for (int i = 1; i < words.length - 1; i++) {
                assertTrue(ignore.contains("!" + words[i]), words[i] + " is excluded from the build context");
            }
        }
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            boolean more = line.endsWith("\\");
            current.append(more ? line.substring(0, line.length() - 1) : line).append(more ? " " : "");
            if (!more) {
                out.add(current.toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static List<String> grep(List<String> lines, String prefix) {
        List<String> hits = lines.stream().filter(l -> l.startsWith(prefix)).toList();
        assertFalse(hits.isEmpty(), "no " + prefix.strip());
        return hits;
    }

    // ---------------------------------------------------------------- entry point

    @Test
    void theEntryPointPassesShellcheck() throws Exception {
        requireTool("shellcheck", "apt-get install -y shellcheck; .ci/run installs it");
        ProcessRun run = ProcessRun.run(List.of("shellcheck", "--shell=sh", "copilot-server.sh"), DEPLOY, Map.of(),
                true, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.stdout());
    }

    @Test
    void theEntryPointRefusesToStartWithoutAToken() throws Exception {
        Path cli = fakeCli();
        ProcessRun none = entryPoint(Map.of("COPILOT_CLI_DIR", cli.toString()), "serve");
        assertEquals(78, none.exitCode(), none.stderr());
        assertTrue(none.stderr().contains("refusing to start without a connection token"), none.stderr());
        assertFalse(Files.exists(cli.resolve("started")), "the CLI must not start without a token");

        ProcessRun empty = entryPoint(Map.of("COPILOT_CLI_DIR", cli.toString(), "COPILOT_CONNECTION_TOKEN_FILE",
                Files.writeString(tmp.resolve("empty"), "\n").toString()), "serve");
        assertEquals(78, empty.exitCode(), "an empty secret file is no token: " + empty.stderr());

        ProcessRun missing = entryPoint(Map.of("COPILOT_CLI_DIR", cli.toString(), "COPILOT_CONNECTION_TOKEN_FILE",
                tmp.resolve("not-mounted").toString()), "serve");
        assertEquals(78, missing.exitCode());
        assertTrue(missing.stderr().contains("not-mounted"), "names the path: " + missing.stderr());
        assertFalse(Files.exists(cli.resolve("started")));
    }

    @Test
    void theEntryPointExportsTheSecretFileAndStartsTheNativeCliForEveryone() throws Exception {
        Path cli = fakeCli();
        Path secret = Files.writeString(tmp.resolve("token"), "conn-EntryPointSecret-42\n");
        Path github = Files.writeString(tmp.resolve("github"), "ghu_FromAMountedSecret\n");
        ProcessRun run = entryPoint(Map.of("COPILOT_CLI_DIR", cli.toString(), "COPILOT_CONNECTION_TOKEN_FILE",
                secret.toString(), "COPILOT_GITHUB_TOKEN_FILE", github.toString()),
                "serve", "--session-idle-timeout", "3600");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> started = Files.readAllLines(cli.resolve("started"));
        assertEquals("args=--headless --no-auto-update --host 0.0.0.0 --port 4401 --session-idle-timeout 3600",
                started.get(0));
        // The CLI takes the token from its environment only; the trailing newline of the file is not part of it.
        assertEquals("token=[conn-EntryPointSecret-42]", started.get(1));
        assertFalse(started.get(0).contains("EntryPointSecret"), "never on the command line (ps shows it)");
        assertEquals("github=[ghu_FromAMountedSecret]", started.get(2), "the server's Copilot identity, same way");
    }

    /** A stand-in for the native CLI at the path the entry point resolves; it records how it was started. */
    private Path fakeCli() throws IOException {
        Path dir = tmp.resolve("cli");
        for (String arch : List.of("x64", "arm64")) {
            Path bin = dir.resolve("node_modules/@github/copilot-linux-" + arch + "/copilot");
            Files.createDirectories(bin.getParent());
            Files.writeString(bin, "#!/bin/sh\n{ echo \"args=$*\"; echo \"token=[$COPILOT_CONNECTION_TOKEN]\";"
                    + " echo \"github=[${COPILOT_GITHUB_TOKEN:-}]\"; } > '"
                    + dir.resolve("started") + "'\n");
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private ProcessRun entryPoint(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", DEPLOY.resolve("copilot-server.sh").toString()));
        command.addAll(List.of(args));
        return ProcessRun.run(command, tmp, env, false, TOOL_TIMEOUT);
    }

    // ---------------------------------------------------------------- docker-compose.yml

    @Test
    void composeRunsTwoServersOnOneVolumeWithTheTokenFromASecret() throws Exception {
        String text = Files.readString(DEPLOY.resolve("docker-compose.yml"));
        // SnakeYAML (under Jackson's YAML module) resolves the `<<: *server` merge keys as compose does.
        JsonNode compose = JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        JsonNode services = compose.path("services");
        assertEquals(2, services.size(), "two servers for failover");
        Set<String> stateVolumes = new HashSet<>();
        List<String> names = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            names.add(e.getKey());
            JsonNode s = e.getValue();
            assertTrue(s.path("build").path("dockerfile").asText().endsWith("deploy/Dockerfile"), e.getKey());
            String tokenFile = s.path("environment").path("COPILOT_CONNECTION_TOKEN_FILE").asText();
            String secret = s.path("secrets").path(0).asText();
            assertEquals("/run/secrets/" + secret, tokenFile, e.getKey() + ": token from the compose secret");
            assertTrue(compose.path("secrets").path(secret).has("file")
                    || compose.path("secrets").path(secret).path("external").asBoolean(), "secret " + secret);
            assertTrue(s.path("ports").isMissingNode(), e.getKey() + ": 4401 is not published (no TLS)");
            s.path("volumes").forEach(v -> {
                if (v.asText().endsWith(":" + STATE)) {
                    stateVolumes.add(v.asText().split(":")[0]);
                }
            });
        });
        assertEquals(1, stateVolumes.size(), "both servers mount one session-state volume: " + stateVolumes);
        assertTrue(compose.path("volumes").has(stateVolumes.iterator().next()), "a named volume, not a host path");
        assertNoInlineToken(compose, "docker-compose.yml");
        // The failover examples name exactly these two servers.
        String both = names.get(0) + ":4401," + names.get(1) + ":4401";
        assertTrue(text.contains("cliUrls: \"" + both + "\""), "Jenkins JCasC example lists both servers");
        assertTrue(text.contains("cli-url: " + both), "the action's example lists both servers");
    }

    @Test
    void theClientExamplesUseRealJenkinsAndActionSettings() throws Exception {
        String jenkins = Files.readString(ROOT.resolve(
                "jenkins-plugin/src/main/java/io/jenkins/plugins/copilotci/CopilotGlobalConfiguration.java"));
        assertTrue(jenkins.contains("@Symbol(\"copilot\")"), "JCasC key copilot");
        JsonNode inputs = YAML.readTree(ROOT.resolve("actions-runner/action.yml").toFile()).path("inputs");
        Pattern jcasc = Pattern.compile("(?m)^#\\s+(\\w+): \"");
        Pattern action = Pattern.compile("(?m)^#\\s+(cli-[\\w-]+): ");
        for (Path recipe : List.of(DEPLOY.resolve("docker-compose.yml"), DEPLOY.resolve("kubernetes/service.yaml"))) {
            String text = Files.readString(recipe);
            Set<String> fields = new HashSet<>();
            jcasc.matcher(text).results().forEach(m -> fields.add(m.group(1)));
            assertEquals(Set.of("cliUrls", "connectionTokenCredentialsId"), fields, recipe.toString());
            for (String field : fields) {
                String setter = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "(";
                assertTrue(jenkins.contains("public void " + setter), recipe + ": no Jenkins setting " + field);
            }
            Set<String> with = new HashSet<>();
            action.matcher(text).results().forEach(m -> with.add(m.group(1)));
            assertEquals(Set.of("cli-url", "cli-connection-token"), with, recipe.toString());
            with.forEach(i -> assertTrue(inputs.has(i), recipe + ": no action input " + i));
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void kubernetesRunsTwoServersOnASharedVolumeWithProbesAndTheTokenFromASecret() throws Exception {
        List<JsonNode> docs = kubernetesDocuments();
        JsonNode set = only(docs, "StatefulSet");
        assertEquals(2, set.path("spec").path("replicas").asInt(), "two servers");
        JsonNode pod = set.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);
        assertEquals(List.of("serve"), strings(container.path("args")));
        assertTrue(set.path("spec").path("volumeClaimTemplates").isMissingNode(), "one claim shared, not one per pod");

        // State: COPILOT_HOME on a ReadWriteMany claim that exists in the manifests.
        assertEquals(STATE, env(container, "COPILOT_HOME").path("value").asText());
        JsonNode stateVolume = volumeMountedAt(pod, container, STATE);
        String claim = stateVolume.path("persistentVolumeClaim").path("claimName").asText();
        JsonNode pvc = docs.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim")
                && d.path("metadata").path("name").asText().equals(claim)).findFirst()
                .orElseThrow(() -> new AssertionError("no PersistentVolumeClaim " + claim));
        assertEquals(List.of("ReadWriteMany"), strings(pvc.path("spec").path("accessModes")));

        // Token: a file from a Secret volume, the Secret itself is not in the manifests.
        assertSecretFileToken(pod, container);
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertEquals(HEALTH, strings(container.path(probe).path("exec").path("command")), probe);
            assertTrue(container.path(probe).path("timeoutSeconds").asInt() > 5, probe + " outlasts the probe's 5 s");
        }
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));

        // Services: each selects the pods and targets the container's port.
        String port = container.path("ports").path(0).path("name").asText();
        Set<String> services = new HashSet<>();
        for (JsonNode svc : docs.stream().filter(d -> d.path("kind").asText().equals("Service")).toList()) {
            assertEquals(set.path("spec").path("selector").path("matchLabels"), svc.path("spec").path("selector"));
            assertEquals(port, svc.path("spec").path("ports").path(0).path("targetPort").asText());
            assertNotEquals("LoadBalancer", svc.path("spec").path("type").asText(), "never exposed (no TLS)");
            services.add(svc.path("metadata").path("name").asText());
        }
        assertTrue(services.contains(set.path("spec").path("serviceName").asText()), "the pods' headless Service");

        // The prune CronJob: the runner's sessions prune of CI sessions, through an existing Service, same secret.
        JsonNode cron = only(docs, "CronJob");
        JsonNode jobPod = cron.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode prune = jobPod.path("containers").path(0);
        String args = String.join(" ", strings(prune.path("args")));
        assertTrue(args.startsWith("runner sessions prune --older-than 24h --prefix ci- --cli-url "), args);
        String url = args.substring(args.lastIndexOf(' ') + 1);
        assertTrue(services.contains(url.split(":")[0]) && url.endsWith(":4401"), "prunes through a Service: " + url);
        assertEquals(container.path("image"), prune.path("image"), "the server image carries the runner");
        assertSecretFileToken(jobPod, prune);
        assertTrue(cron.path("spec").path("jobTemplate").path("spec").path("activeDeadlineSeconds").asInt() > 0);

        for (JsonNode doc : docs) {
            assertNotEquals("Secret", doc.path("kind").asText(), "the token is never in the manifests");
            assertNoInlineToken(doc, doc.path("kind").asText());
        }
    }

    private static List<JsonNode> kubernetesDocuments() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var it = YAML.readValues(YAML.getFactory().createParser(f.toFile()), JsonNode.class)) {
                    it.forEachRemaining(d -> {
                        assertTrue(d.hasNonNull("apiVersion") && d.hasNonNull("kind"), f + ": " + d);
                        docs.add(d);
                    });
                }
            }
        }
        return docs;
    }

    private static void assertSecretFileToken(JsonNode pod, JsonNode container) {
        String path = env(container, "COPILOT_CONNECTION_TOKEN_FILE").path("value").asText();
        assertFalse(path.isEmpty(), "COPILOT_CONNECTION_TOKEN_FILE");
        String dir = path.substring(0, path.lastIndexOf('/'));
        JsonNode secret = volumeMountedAt(pod, container, dir).path("secret");
        assertFalse(secret.path("secretName").asText().isEmpty(), dir + " is a Secret volume");
        assertEquals(path.substring(dir.length() + 1), secret.path("items").path(0).path("path").asText());
        assertTrue(env(container, "COPILOT_CONNECTION_TOKEN").isMissingNode(), "no token variable beside the file");
    }

    private static JsonNode volumeMountedAt(JsonNode pod, JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                for (JsonNode v : pod.path("volumes")) {
                    if (v.path("name").equals(m.path("name"))) {
                        return v;
                    }
                }
            }
        }
        return fail("nothing mounted at " + path);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> hits = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertEquals(1, hits.size(), kind);
        return hits.get(0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** No token-like setting carries a literal value: only *_FILE paths and secret references are allowed. */
    private static void assertNoInlineToken(JsonNode node, String where) {
        // Environment variable names (upper case), not Kubernetes fields such as secretName.
        Pattern secretName = Pattern.compile("[A-Z0-9_]*(TOKEN|SECRET|PASSWORD|API_KEY)[A-Z0-9_]*");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (secretName.matcher(e.getKey()).matches() && !e.getKey().endsWith("_FILE")
                        && e.getValue().isTextual()) {
                    fail(where + ": " + e.getKey() + " has an inline value");
                }
                assertNoInlineToken(e.getValue(), where);
            });
            String name = node.path("name").asText();
            if (secretName.matcher(name).matches() && !name.endsWith("_FILE") && node.has("value")) {
                fail(where + ": env " + name + " has an inline value");
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertNoInlineToken(n, where));
            node.forEach(n -> {
                if (n.isTextual() && n.asText().matches("[A-Z0-9_]*(TOKEN|SECRET|PASSWORD|API_KEY)[A-Z0-9_]*=.+")) {
                    fail(where + ": " + n.asText().split("=")[0] + " set inline");
                }
            });
        }
    }

    @Test
    void theInlineTokenCheckIsNotASilentPass() throws Exception {
        JsonNode envList = YAML.readTree("env:\n  - name: COPILOT_CONNECTION_TOKEN\n    value: hunter2\n");
        JsonNode envMap = YAML.readTree("environment:\n  COPILOT_CONNECTION_TOKEN: hunter2\n");
        JsonNode envArray = YAML.readTree("environment:\n  - COPILOT_CONNECTION_TOKEN=hunter2\n");
        for (JsonNode bad : List.of(envList, envMap, envArray)) {
            try {
                assertNoInlineToken(bad, "test");
            } catch (AssertionError expected) {
                continue;
            }
            fail("not caught: " + bad);
        }
        assertNoInlineToken(YAML.readTree("env:\n  - name: COPILOT_CONNECTION_TOKEN_FILE\n    value: /run/x\n"), "ok");
    }

    // ---------------------------------------------------------------- systemd

    @Test
    void theSystemdUnitVerifiesAndIsHardened() throws Exception {
        requireTool("systemd-analyze", "apt-get install -y systemd; .ci/run installs it");
        String unit = Files.readString(DEPLOY.resolve("copilot-cli-server.service"));
        Path root = systemRoot(unit);
        ProcessRun verify = analyze(root, "verify", "--man=no", "copilot-cli-server.service");
        assertEquals(0, verify.exitCode(), verify.stderr());
        assertEquals("", (verify.stdout() + verify.stderr()).strip(), "systemd-analyze warnings count as failures");
        // systemd's own exposure score, 0-100 here (printed as 0.0-10.0): the unit scores 17 (1.7) with systemd 252.
        ProcessRun security = analyze(root, "security", "--offline=yes", "--threshold=25",
                "copilot-cli-server.service");
        assertEquals(0, security.exitCode(), security.stdout() + security.stderr());

        Map<String, List<String>> keys = directives(unit);
        for (String required : List.of("DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
                "Restart=always", "ProtectHome=yes", "PrivateTmp=yes", "Environment=COPILOT_HOME=%S/copilot-cli")) {
            String[] kv = required.split("=", 2);
            assertTrue(keys.getOrDefault(kv[0], List.of()).contains(kv[1]), required);
        }
        // The token: a credential loaded by systemd, handed to the entry point as a file path, never a value.
        String credential = keys.get("LoadCredential").get(0).split(":")[0];
        assertTrue(keys.get("Environment").contains("COPILOT_CONNECTION_TOKEN_FILE=%d/" + credential));
        assertFalse(keys.get("Environment").stream().anyMatch(e -> e.startsWith("COPILOT_CONNECTION_TOKEN=")));
        assertTrue(keys.get("ExecStart").get(0).endsWith("copilot-server.sh serve"));
        // Writable: the state and cache directories only (no extra ReadWritePaths=).
        assertFalse(keys.containsKey("ReadWritePaths"), "ReadWritePaths");
        assertFalse(keys.getOrDefault("MemoryDenyWriteExecute", List.of()).contains("yes"), "breaks the JIT");
    }

    @Test
    void systemdAnalyzeIsNotASilentPass() throws Exception {
        requireTool("systemd-analyze", "apt-get install -y systemd; .ci/run installs it");
        String unit = Files.readString(DEPLOY.resolve("copilot-cli-server.service"));
        String typo = unit.replace("NoNewPrivileges=yes", "NoNewPrivilege=yes");
        ProcessRun verify = analyze(systemRoot(typo), "verify", "--man=no", "copilot-cli-server.service");
        assertTrue(verify.stderr().contains("NoNewPrivilege"), "a misspelt directive is reported: " + verify.stderr());

        String bare = unit.replaceAll("(?s)# --- Hardening\\..*?\\[Install\\]", "[Install]");
        assertFalse(bare.contains("ProtectSystem"), "the hardening block was removed");
        ProcessRun security = analyze(systemRoot(bare), "security", "--offline=yes", "--threshold=25",
                "copilot-cli-server.service");
        assertNotEquals(0, security.exitCode(), "an unhardened unit exceeds the threshold");
    }

    /** A throw-away root: the host's system units (targets the unit depends on), the entry point, the unit. */
    private Path systemRoot(String unit) throws Exception {
        Path root = Files.createTempDirectory(tmp, "root");
        Path hostUnits = Stream.of("/usr/lib/systemd/system", "/lib/systemd/system").map(Path::of)
                .filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new AssertionError("no system units on this machine (Debian package systemd)"));
        Path units = root.resolve("usr/lib/systemd/system");
        Files.createDirectories(units);
        try (Stream<Path> files = Files.list(hostUnits)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, units.resolve(f.getFileName().toString()));
            }
        }
        Path bin = root.resolve("usr/local/bin/copilot-server.sh");
        Files.createDirectories(bin.getParent());
        Files.copy(DEPLOY.resolve("copilot-server.sh"), bin);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path etc = root.resolve("etc/systemd/system");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("copilot-cli-server.service"), unit);
        return root;
    }

    private ProcessRun analyze(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "--root=" + root));
        command.addAll(List.of(args));
        return ProcessRun.run(command, tmp, Map.of("SYSTEMD_COLORS", "0", "SYSTEMD_PAGER", ""), true, TOOL_TIMEOUT);
    }

    private static Map<String, List<String>> directives(String unit) {
        Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Za-z]+)=(.*)$").matcher(unit);
        while (m.find()) {
            keys.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).strip());
        }
        return keys;
    }

    private static void requireTool(String tool, String install) {
        if (!ProcessRun.onPath(tool)) {
            fail(tool + " is not installed (Debian: " + install + ")");
        }
    }
}
