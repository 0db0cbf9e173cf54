package dev.copilotci.job;

/**
 * Run in a child JVM with a tiny heap by {@link LogSelectorTest}: selects from a generated log far bigger than the
 * heap, which only works if memory is bounded by the budget rather than the log size.
 */
public final class LogSelectorMemoryProbe {

    private LogSelectorMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]);
        GeneratedLog log = new GeneratedLog(bytes);
        FailureLogExcerpt excerpt = LogSelector.defaults().select(log);
        boolean ok = excerpt.totalLines() == log.linesProduced()
                && excerpt.text().length() <= LogSelector.DEFAULT_MAX_CHARS
                && excerpt.text().endsWith("Finished: FAILURE");
        System.out.println((ok ? "OK " : "BAD ") + excerpt.totalLines() + " " + excerpt.selectedLines() + " "
                + excerpt.text().length());
        System.exit(ok ? 0 : 1);
    }
}
