package io.jenkins.plugins.copilotci;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.Permission;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Jenkins stand-ins for testing OUR step code against OUR compile-only API stubs (jenkins-api-stubs): a folder, a
 * job, a build whose log is a list of lines, a TaskListener that records the console, and a StepContext whose body
 * invoker runs a Java body on its own thread. No real Jenkins runs here; the engine and the Copilot CLI are real.
 */
final class StubJenkins {
    private StubJenkins() {
    }

    /**
     * An ACL as core's SidACL answers it, from user name → granted permissions (read at each check): a grant implies
     * what it is {@code impliedBy}.
     */
    static ACL acl(Map<String, Set<Permission>> grants) {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                Set<Permission> granted = grants.getOrDefault(a.getName(), Set.of());
                for (Permission p = permission; p != null; p = p.impliedBy) {
                    if (granted.contains(p)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    static final class Folder implements ItemGroup<hudson.model.Item> {
        private final String name;

        Folder(String name) {
            this.name = name;
        }

        @Override
        public String getFullName() {
            return name;
        }

        @Override
        public String getFullDisplayName() {
            return name;
        }

        @Override
        public String getUrl() {
            return "job/" + name + "/";
        }

        @Override
        public File getRootDir() {
            return new File(System.getProperty("java.io.tmpdir"));
        }

        @Override
        public void save() {
        }

        @Override
        public String getDisplayName() {
            return name;
        }

        @Override
        public Collection<hudson.model.Item> getItems() {
            return List.of();
        }

        @Override
        public String getUrlChildPrefix() {
            return "job";
        }

        @Override
        public hudson.model.Item getItem(String itemName) {
            return null;
        }

        @Override
        public File getRootDirFor(hudson.model.Item child) {
            return getRootDir();
        }

        @Override
        public void onDeleted(hudson.model.Item item) {
        }
    }

    /**
     * A cloudbees-folder folder (only what the plugin reads: parent, name and the properties list, which the stub
     * {@code AbstractFolder} keeps in memory); the top-level parent is a plain {@link Folder} standing for Jenkins.
     */
    static final class FakeFolder extends com.cloudbees.hudson.plugins.folder.AbstractFolder<hudson.model.TopLevelItem> {
        FakeFolder(hudson.model.ItemGroup<?> parent, String name) {
            super(parent, name);
        }

        @Override
        public Collection<hudson.model.TopLevelItem> getItems() {
            return List.of();
        }

        @Override
        public String getUrlChildPrefix() {
            return "job";
        }

        @Override
        public hudson.model.TopLevelItem getItem(String itemName) {
            return null;
        }

        @Override
        public File getRootDirFor(hudson.model.TopLevelItem child) {
            return getRootDir();
        }

        @Override
        public void onDeleted(hudson.model.TopLevelItem item) {
        }

        @Override
        public Collection<? extends Job> getAllJobs() {
            return List.of();
        }

        @Override
        public hudson.model.Descriptor<hudson.model.TopLevelItem> getDescriptor() {
            throw new UnsupportedOperationException("not needed by the plugin");
        }

        @Override
        public String getIconClassName() {
            return "symbol-folder";
        }

        @Override
        public Collection<?> getOverrides() {
            return List.of();
        }
    }

    static final class FakeJob extends Job<FakeJob, FakeRun> {
        /** What the current user holds on this job (core asks the ACL with Jenkins.getAuthentication2()). */
        final Set<Permission> granted = ConcurrentHashMap.newKeySet();

        FakeJob(String folder, String name) {
            super(new Folder(folder), name);
        }

        FakeJob(hudson.model.ItemGroup<?> parent, String name) {
            super(parent, name);
        }

        @Override
        public boolean hasPermission(Permission permission) {
            return granted.contains(permission);
        }

        @Override
        public boolean isBuildable() {
            return true;
        }

        @Override
        protected SortedMap<Integer, ? extends FakeRun> _getRuns() {
            return new TreeMap<>();
        }

        @Override
        protected void removeRun(FakeRun run) {
        }

        @Override
        public Collection<? extends Job> getAllJobs() {
            return List.of(this);
        }

        @Override
        public Collection<?> getOverrides() {
            return List.of();
        }
    }

    /**
     * A build: number, URL, a log given as lines, a count of saves, its result, and who may do what on it (user name
     * → granted permissions; the ACL walks {@code impliedBy} as core's SidACL does).
     */
    static final class FakeRun extends Run<FakeJob, FakeRun> {
        final List<String> log = new CopyOnWriteArrayList<>();
        final Map<String, Set<Permission>> grants = new ConcurrentHashMap<>();
        volatile Result result;
        volatile boolean building;
        int saves;
        private final int number;

        FakeRun(FakeJob job, int number) throws IOException {
            super(job);
            this.number = number;
        }

        /** Build {@code number} of job {@code folder/job}; unchecked, so that a test's field initialiser can make it. */
        static FakeRun of(String folder, String job, int number) {
            try {
                return new FakeRun(new FakeJob(folder, job), number);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int getNumber() {
            return number;
        }

        @Override
        public String getUrl() {
            return "job/" + getParent().getFullName() + "/" + number + "/";
        }

        @Override
        public String getFullDisplayName() {
            return getParent().getFullDisplayName() + " #" + number;
        }

        @Override
        public List<String> getLog(int maxLines) {
            return log.subList(Math.max(0, log.size() - maxLines), log.size());
        }

        @Override
        public synchronized void save() {
            saves++;
        }

        @Override
        public Result getResult() {
            return result;
        }

        @Override
        public boolean isBuilding() {
            return building;
        }

        /** Core's format: the job's full name, '#', the number. */
        @Override
        public String getExternalizableId() {
            return getParent().getFullName() + "#" + number;
        }

        @Override
        public ACL getACL() {
            return acl(grants);
        }

        @Override
        public int compareTo(FakeRun o) {
            return Integer.compare(number, o.number);
        }
    }

    /** The console: everything printed, plus hyperlinks as "[link url|text]" (real ones are HMAC-signed notes). */
    static final class RecordingListener implements TaskListener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        @Override
        public PrintStream getLogger() {
            return out;
        }

        @Override
        public void hyperlink(String url, String text) {
            out.print("[link " + url + "|" + text + "]");
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A StepContext: what get() returns, how the step ended, and a body run on a thread when invoked. */
    static final class FakeContext extends StepContext {
        private static final long serialVersionUID = 1L;
        /** How long a test waits for a step's outcome (a scripted model answers at once; the CLI may start first). */
        static final Duration AWAIT = Duration.ofSeconds(120);
        final transient Map<Class<?>, Object> objects = new HashMap<>();
        final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
        final transient List<Result> results = new CopyOnWriteArrayList<>();
        transient Consumer<FakeContext> body;
        transient FakeContext bodyContext;
        /** Runs when the step asks for a body invoker (a test's hook into "just before the body starts"). */
        transient Runnable onNewBodyInvoker;
        /** Body starts requested after the step had already ended: the engine would run a body of a dead step. */
        final transient List<String> bodyStartsAfterEnd = new CopyOnWriteArrayList<>();

        FakeContext(FakeRun run, RecordingListener listener) {
            objects.put(Run.class, run);
            objects.put(TaskListener.class, listener);
        }

        private FakeContext(FakeContext parent) {
            objects.putAll(parent.objects);
        }

        @Override
        public <T> T get(Class<T> key) {
            return key.cast(objects.get(key));
        }

        @Override
        public void onSuccess(Object result) {
            outcome.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            outcome.completeExceptionally(t);
        }

        @Override
        public boolean isReady() {
            return outcome.isDone();
        }

        @Override
        public ListenableFuture<Void> saveState() {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public void setResult(Result r) {
            results.add(r);
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            if (body == null) {
                throw new IllegalStateException("no body");
            }
            if (onNewBodyInvoker != null) {
                onNewBodyInvoker.run();
            }
            return new Invoker(this);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        /**
         * Inside {@code node}: the agent's launcher and workspace, and its environment: {@code PATH} (to find the
         * tools the CLI runs) plus {@code env}. Returns this.
         */
        FakeContext onNode(Launcher launcher, Path workspace, Map<String, String> env) {
            objects.put(Launcher.class, launcher);
            objects.put(FilePath.class, new FilePath(workspace.toFile()));
            EnvVars vars = new EnvVars();
            vars.put("PATH", System.getenv("PATH"));
            vars.putAll(env);
            objects.put(EnvVars.class, vars);
            return this;
        }

        /** The step's result, waiting at most {@link #AWAIT}; a failed step's exception is thrown as it is. */
        Object await() throws Exception {
            try {
                return outcome.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }

        /** Runs a step the way the Pipeline engine would: start(), then (if asynchronous) wait for the outcome. */
        static StepExecution start(org.jenkinsci.plugins.workflow.steps.Step step, FakeContext context)
                throws Exception {
            StepExecution execution = step.start(context);
            execution.start();
            return execution;
        }
    }

    private static final class Invoker extends BodyInvoker {
        private final FakeContext parent;
        private final List<Object> contexts = new ArrayList<>();
        private BodyExecutionCallback callback;

        Invoker(FakeContext parent) {
            this.parent = parent;
        }

        @Override
        public BodyInvoker withContext(Object override) {
            contexts.add(override);
            return this;
        }

        @Override
        public BodyInvoker withDisplayName(String name) {
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback cb) {
            callback = cb;
            return this;
        }

        @Override
        public BodyExecution start() {
            if (parent.outcome.isDone()) {
                parent.bodyStartsAfterEnd.add("body start requested after the step ended: " + parent.outcome);
            }
            FakeContext child = new FakeContext(parent);
            contexts.forEach(c -> child.objects.put(c.getClass(), c));
            // As workflow-cps: a ConsoleLogFilter in the body's context decorates the TaskListener of every step in it.
            for (Object c : contexts) {
                if (c instanceof hudson.console.ConsoleLogFilter filter) {
                    child.objects.put(hudson.console.ConsoleLogFilter.class, filter);
                    TaskListener outer = (TaskListener) child.objects.get(TaskListener.class);
                    try {
                        PrintStream decorated = new PrintStream(filter.decorateLogger(
                                (Run<?, ?>) child.objects.get(Run.class), outer.getLogger()), true,
                                StandardCharsets.UTF_8);
                        child.objects.put(TaskListener.class, (TaskListener) () -> decorated);
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            parent.bodyContext = child;
            Thread t = new Thread(() -> {
                try {
                    parent.body.accept(child);
                    callback.onSuccess(parent, null);
                } catch (Throwable x) {
                    callback.onFailure(parent, x);
                }
            }, "stub-pipeline-body");
            t.setDaemon(true);
            t.start();
            return null;
        }
    }

    /** A folder under {@code parent} carrying {@code settings} (none when null), as Folder → Configure saves it. */
    static FakeFolder folder(hudson.model.ItemGroup<?> parent, String name, CopilotFolderProperty settings) {
        FakeFolder folder = new FakeFolder(parent, name);
        if (settings != null) {
            folder.getProperties().add(settings);
        }
        return folder;
    }

    /** The global configuration as JCasC would set it to reach {@code server}, whose CLI asks the scripted model. */
    static FailureExplainerOnStubJenkinsTest.TestGlobal globalFor(dev.copilotci.testsupport.CliServerFixture server,
                                                              dev.copilotci.offline.ScriptedModelProvider model) {
        FailureExplainerOnStubJenkinsTest.TestGlobal global = new FailureExplainerOnStubJenkinsTest.TestGlobal();
        global.setCliUrls(server.url());
        global.setModel("test-model");
        global.setProviderBaseUrl(model.baseUrl());
        return global;
    }

    /** The controller's explainer over a test's pool: no credentials, a fresh hourly quota, the pending index file. */
    static FailureExplainer explainer(CopilotGlobalConfiguration global, java.util.concurrent.Executor pool,
                                      java.nio.file.Path pendingFile) {
        return new FailureExplainer(() -> global, (s, r) -> CopilotCredentials.of(null, null, null), pool,
                HourlyQuota.perHour(), new PendingExplanations(pendingFile));
    }
}
