package io.jenkins.plugins.copilotci;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Controller-wide Copilot usage: explanations, prompts, model calls, tokens, failures and rate-limited skips, in total
 * and per folder (the first segment of the job's full name). Kept in a {@link Store} that is written on every change,
 * so the numbers survive a restart. Counting is cheap next to a model call, so every change is saved at once.
 */
public final class CopilotUsage {
    private static final Logger LOGGER = Logger.getLogger(CopilotUsage.class.getName());
    /** Bounds the file: folders beyond this many are counted together under {@link #OTHER}. */
    static final int MAX_FOLDERS = 500;
    static final String OTHER = "(other folders)";
    static final String TOTAL = "(total)";
    /** The kinds of prompt that are explanations of a build (step, freestyle action, auto-explain, button). */
    private static final Set<String> EXPLANATIONS = Set.of("explainFailure", "autoExplain", "explain");

    /** One set of counters; immutable, so a snapshot can be handed to the page. */
    public record Counters(long explanations, long prompts, long modelCalls, long inputTokens, long outputTokens,
                    long failures, long rateLimitedSkips) {
        static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

        Counters plus(Counters o) {
            return new Counters(explanations + o.explanations, prompts + o.prompts, modelCalls + o.modelCalls,
                    inputTokens + o.inputTokens, outputTokens + o.outputTokens, failures + o.failures,
                    rateLimitedSkips + o.rateLimitedSkips);
        }
    }

    /** Where the counters live between restarts. */
    interface Store {
        /** The saved counters by folder (with {@link #TOTAL}); empty when nothing was saved yet. */
        Map<String, Counters> load() throws IOException;

        void save(Map<String, Counters> counters) throws IOException;
    }

    private final Store store;
    private final Map<String, Counters> counters = new TreeMap<>();

    CopilotUsage(Store store) {
        this.store = store;
        try {
            counters.putAll(store.load());
        } catch (IOException | RuntimeException e) {
            // An unreadable file must not stop Jenkins or the builds: start from zero, it is overwritten on change.
            LOGGER.log(Level.WARNING, "could not read the Copilot usage counters; starting from zero", e);
        }
    }

    /** One prompt recorded on a build: answered (with its usage) or failed. */
    void prompt(String jobFullName, String kind, boolean failed, long modelCalls, long inputTokens,
                long outputTokens) {
        boolean explanation = !failed && EXPLANATIONS.contains(kind);
        add(jobFullName, new Counters(explanation ? 1 : 0, 1, modelCalls, inputTokens, outputTokens,
                failed ? 1 : 0, 0));
    }

    /** An automatic explanation skipped because the hourly limit was reached. */
    void rateLimitedSkip(String jobFullName) {
        add(jobFullName, new Counters(0, 0, 0, 0, 0, 0, 1));
    }

    /** The controller-wide totals. */
    synchronized Counters total() {
        return counters.getOrDefault(TOTAL, Counters.ZERO);
    }

    /** The counters per folder, sorted by name. */
    synchronized Map<String, Counters> perFolder() {
        Map<String, Counters> copy = new TreeMap<>(counters);
        copy.remove(TOTAL);
        return copy;
    }

    /** "team/app/main" → "team"; a top-level job is its own folder. */
    static String folderOf(String jobFullName) {
        if (jobFullName == null || jobFullName.isEmpty()) {
            return OTHER;
        }
        int slash = jobFullName.indexOf('/');
        return slash < 0 ? jobFullName : jobFullName.substring(0, slash);
    }

    private synchronized void add(String jobFullName, Counters delta) {
        String folder = folderOf(jobFullName);
        if (!counters.containsKey(folder) && counters.size() > MAX_FOLDERS) { // > : TOTAL is one of the keys
            folder = OTHER;
        }
        counters.merge(folder, delta, Counters::plus);
        counters.merge(TOTAL, delta, Counters::plus);
        try {
            store.save(Map.copyOf(counters));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not save the Copilot usage counters", e);
        }
    }

    /** A small JSON file, replaced atomically (written beside it, then moved over it). */
    static Store jsonFile(Path file) {
        ObjectMapper json = new ObjectMapper();
        TypeReference<TreeMap<String, Counters>> type = new TypeReference<>() { };
        return new Store() {
            @Override
            public Map<String, Counters> load() throws IOException {
                return Files.exists(file) ? json.readValue(file.toFile(), type) : Map.of();
            }

            @Override
            public void save(Map<String, Counters> counters) throws IOException {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                json.writeValue(tmp.toFile(), new TreeMap<>(counters));
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        };
    }
}
