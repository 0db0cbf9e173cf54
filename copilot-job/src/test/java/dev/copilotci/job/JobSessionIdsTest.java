package dev.copilotci.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobSessionIdsTest {

    @Test
    void readableAndValid() {
        String id = JobSessionIds.forJob("folder/My Job", "42", 1);
        assertTrue(id.matches("ci-folder_My_Job-42-1-[0-9a-f]{12}"), id);
        assertTrue(JobSessionIds.isValid(id));
    }

    @Test
    void deterministic() {
        assertEquals(JobSessionIds.forJob("org/repo/ci.yml/build", "123456789", 2),
                JobSessionIds.forJob("org/repo/ci.yml/build", "123456789", 2));
    }

    @Test
    void namesThatSanitizeAlikeStillGetDistinctIds() {
        String a = JobSessionIds.forJob("a/b", "1", 1);
        String b = JobSessionIds.forJob("a_b", "1", 1);
        String c = JobSessionIds.forJob("a b", "1", 1);
        String d = JobSessionIds.forJob("a__b", "1", 1);
        assertEquals(a.substring(0, a.lastIndexOf('-')), b.substring(0, b.lastIndexOf('-')), "same readable part");
        assertEquals(4, Set.of(a, b, c, d).size());
    }

    @Test
    void runAndAttemptAreDistinguished() {
        Set<String> ids = new HashSet<>();
        ids.add(JobSessionIds.forJob("job", "1", 1));
        ids.add(JobSessionIds.forJob("job", "1", 2));
        ids.add(JobSessionIds.forJob("job", "2", 1));
        ids.add(JobSessionIds.forJob("job", "12", 1));
        ids.add(JobSessionIds.forJob("job-1", "2", 1)); // "ci-job-1-2-1" readable part could collide with "job","1-2"
        ids.add(JobSessionIds.forJob("job", "1-2", 1));
        assertEquals(6, ids.size());
    }

    @Test
    void veryLongNamesAreTruncatedButStayDistinct() {
        String common = "x".repeat(500);
        String a = JobSessionIds.forJob(common + "a", "1", 1);
        String b = JobSessionIds.forJob(common + "b", "1", 1);
        assertTrue(a.length() <= JobSessionIds.MAX_LENGTH, a);
        assertEquals(JobSessionIds.MAX_LENGTH, a.length());
        assertNotEquals(a, b);
        assertTrue(JobSessionIds.isValid(a) && JobSessionIds.isValid(b));
        String longRun = JobSessionIds.forJob("job", "9".repeat(300), Integer.MAX_VALUE);
        assertTrue(JobSessionIds.isValid(longRun), longRun);
    }

    @Test
    void unicodeControlAndHostileNames() {
        String[] names = {"Café Ünïcode", "日本語のジョブ", "😀/🚀", "../../etc/passwd", "a\u0000b\r\nc",
            "\uD800lone", "___", "---", "job.42", " spaced ", "%2F..%2F"};
        Set<String> ids = new HashSet<>();
        for (String name : names) {
            String id = JobSessionIds.forJob(name, "7", 1);
            assertTrue(JobSessionIds.isValid(id), name + " -> " + id);
            assertFalse(id.contains(".."), id);
            ids.add(id);
        }
        assertEquals(names.length, ids.size());
        assertTrue(JobSessionIds.forJob("Café", "1", 1).startsWith("ci-Cafe-1-1-"));
        assertTrue(JobSessionIds.forJob("日本語", "1", 1).startsWith("ci-job-1-1-"), "fallback readable name");
        assertTrue(JobSessionIds.forJob("job.42", "1", 1).startsWith("ci-job_42-"));
    }

    @Test
    void loneSurrogatesDoNotCollideWithQuestionMarks() {
        assertNotEquals(JobSessionIds.forJob("a\uD800", "1", 1), JobSessionIds.forJob("a?", "1", 1));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> JobSessionIds.forJob(null, "1", 1));
        assertThrows(IllegalArgumentException.class, () -> JobSessionIds.forJob("  ", "1", 1));
        assertThrows(IllegalArgumentException.class, () -> JobSessionIds.forJob("job", "", 1));
        assertThrows(IllegalArgumentException.class, () -> JobSessionIds.forJob("job", null, 1));
        assertThrows(IllegalArgumentException.class, () -> JobSessionIds.forJob("job", "1", -1));
    }

    @Test
    void validation() {
        assertTrue(JobSessionIds.isValid("job-42"));
        assertTrue(JobSessionIds.isValid("A_z-09"));
        assertTrue(JobSessionIds.isValid("x".repeat(128)));
        assertFalse(JobSessionIds.isValid("x".repeat(129)));
        assertFalse(JobSessionIds.isValid(null));
        assertFalse(JobSessionIds.isValid(""));
        assertFalse(JobSessionIds.isValid("job.42"));
        assertFalse(JobSessionIds.isValid("a b"));
        assertFalse(JobSessionIds.isValid("../x"));
        assertFalse(JobSessionIds.isValid("é"));
        assertFalse(JobSessionIds.isValid("job-42\n"));
    }

    @Test
    void requireValidNamesTheRule() {
        assertEquals("ok-1", JobSessionIds.requireValid("ok-1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobSessionIds.requireValid("job.42"));
        assertTrue(e.getMessage().contains("'job.42'"), e.getMessage());
        assertTrue(e.getMessage().contains("only letters A-Z a-z, digits 0-9, '-' and '_'"), e.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> JobSessionIds.requireValid("x".repeat(300)));
        assertTrue(tooLong.getMessage().contains("it has 300"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().length() < 300, "the id itself is shortened in the message");
        IllegalArgumentException hostile = assertThrows(IllegalArgumentException.class,
                () -> JobSessionIds.requireValid("a\u001B[31m\nb"));
        assertFalse(hostile.getMessage().contains("\u001B"));
        assertFalse(hostile.getMessage().contains("\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobSessionIds.requireValid(null))
                .getMessage().contains("null"));
    }

    @Test
    void unguessableIdsDifferPerCallAndStayValid() {
        String a = JobSessionIds.forJobUnguessable("org/repo/ci.yml/build", "123", 1);
        String b = JobSessionIds.forJobUnguessable("org/repo/ci.yml/build", "123", 1);
        assertTrue(JobSessionIds.isValid(a), a);
        assertTrue(a.startsWith(JobSessionIds.forJob("org/repo/ci.yml/build", "123", 1) + "-"), a);
        assertTrue(a.matches(".*-[0-9a-f]{20}"), a);
        assertTrue(!a.equals(b), "a random part per session");
        String longName = JobSessionIds.forJobUnguessable("x".repeat(300), "9".repeat(40), 7);
        assertTrue(JobSessionIds.isValid(longName) && longName.length() <= JobSessionIds.MAX_LENGTH, longName);
        String hash = JobSessionIds.forJob("x".repeat(300), "9".repeat(40), 7);
        assertTrue(longName.contains(hash.substring(hash.length() - 12)), "the job hash survives the cut");
    }
}
