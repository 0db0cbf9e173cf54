package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewScopeTest {
    private static final String BASE = "1111111111111111111111111111111111111111";
    private static final String HEAD = "2222222222222222222222222222222222222222";

    @Test
    void commitsAreNamedBySha() {
        GitCommand git = args -> switch (args.get(args.size() - 1)) {
            case "origin/main^{commit}" -> BASE + "\n";
            case "HEAD^{commit}" -> HEAD + "\n";
            default -> throw new IOException("unexpected " + args);
        };
        ReviewScope scope = ReviewScope.ofCommits(git, "origin/main", 3);
        assertEquals(BASE + "..." + HEAD, scope.range());
        assertEquals("Reviewed " + BASE + "..." + HEAD + " (3 files) with model gpt-5. No findings.",
                scope.describe("gpt-5", 0));
    }

    @Test
    void refsStayWhenGitCannotResolveThem() {
        GitCommand broken = args -> {
            throw new IOException("not a git repository");
        };
        assertEquals("origin/main...HEAD", ReviewScope.ofCommits(broken, "origin/main", 1).range());
        GitCommand odd = args -> "not a sha\n";
        assertEquals("origin/main...HEAD", ReviewScope.ofCommits(odd, "origin/main", 1).range());
    }

    @Test
    void aDiffFileIsNamedAndFindingsCounted() {
        ReviewScope scope = ReviewScope.ofDiffFile("change.diff", 1);
        assertEquals("Reviewed diff file change.diff (1 file). 2 findings.", scope.describe(null, 2));
        assertEquals("Reviewed diff file change.diff (1 file) with model m. 1 finding.", scope.describe("m", 1));
    }

    @Test
    void askedForTheCommitOnly() throws IOException {
        List<List<String>> seen = new java.util.ArrayList<>();
        ReviewScope.ofCommits(args -> {
            seen.add(args);
            return BASE;
        }, "v1", 0);
        assertEquals(List.of("rev-parse", "--verify", "--quiet", "v1^{commit}"), seen.get(0));
    }
}
