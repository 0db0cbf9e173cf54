package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Reads a prompt back the way a CommonMark renderer would, to prove fenced content stays inside its fence. */
final class PromptAssertions {

    private PromptAssertions() {
    }

    /**
     * The content of the first fenced block whose opening line is {@code fence + info}: everything up to the first
     * line that could close it (at least as many backticks and nothing else, CommonMark rule).
     */
    static String fencedContent(String prompt, String info) {
        List<String> lines = List.of(prompt.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i);
            int ticks = 0;
            while (ticks < open.length() && open.charAt(ticks) == '`') {
                ticks++;
            }
            if (ticks < 3 || !open.substring(ticks).equals(info)) {
                continue;
            }
            StringBuilder content = new StringBuilder();
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j).strip();
                if (line.length() >= ticks && line.chars().allMatch(c -> c == '`')) {
                    return content.toString();
                }
                content.append(lines.get(j)).append('\n');
            }
            throw new AssertionError("fence never closed");
        }
        throw new AssertionError("no ```" + info + " block in prompt");
    }

    static void assertContainsAll(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing <" + p + "> in:\n" + text);
        }
    }
}
