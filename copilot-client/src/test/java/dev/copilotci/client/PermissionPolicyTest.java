package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PermissionPolicyTest {
    @Test
    void parsesEverySpellingUsedByJenkinsAndTheRunner() {
        assertEquals(PermissionPolicy.DENY, PermissionPolicy.parse(null));
        assertEquals(PermissionPolicy.DENY, PermissionPolicy.parse("deny"));
        assertEquals(PermissionPolicy.READ_ONLY, PermissionPolicy.parse("readOnly"));
        assertEquals(PermissionPolicy.READ_ONLY, PermissionPolicy.parse("read-only"));
        assertEquals(PermissionPolicy.ALLOW_ALL, PermissionPolicy.parse("ALLOW_ALL"));
        assertEquals(PermissionPolicy.ALLOW_ALL, PermissionPolicy.parse("allowAll"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PermissionPolicy.parse("yolo"));
        assertTrue(e.getMessage().contains("deny, read-only or allow-all"));
    }

    @Test
    void denyApprovesNothingReadOnlyOnlyReads() {
        for (String kind : new String[] {"shell", "write", "read", "url", "mcp"}) {
            assertFalse(PermissionPolicy.DENY.approves(kind), kind);
            assertTrue(PermissionPolicy.ALLOW_ALL.approves(kind), kind);
        }
        assertTrue(PermissionPolicy.READ_ONLY.approves("read"));
        assertFalse(PermissionPolicy.READ_ONLY.approves("shell"));
        assertFalse(PermissionPolicy.READ_ONLY.approves("write"));
    }

    @Test
    void readOnlyReadsStayInsideTheWorkingDirectory() {
        PermissionPolicy p = PermissionPolicy.READ_ONLY;
        assertTrue(p.approves("read", "/ws/app/src/Main.java", "/ws/app"));
        assertTrue(p.approves("read", "src/Main.java", "/ws/app"));
        assertTrue(p.approves("read", "/ws/app", "/ws/app/"));
        assertFalse(p.approves("read", "/proc/self/environ", "/ws/app"), "a job's tokens live there");
        assertFalse(p.approves("read", "/ws/app/../other/secret", "/ws/app"));
        assertFalse(p.approves("read", "../../etc/passwd", "/ws/app"));
        assertFalse(p.approves("read", "/ws/application/x", "/ws/app"), "a prefix is not a parent");
        assertFalse(p.approves("read", "/ws/app/x", null), "no working directory: no reads");
        assertFalse(p.approves("read", null, "/ws/app"));
        assertTrue(p.approves("read", "C:\\ws\\app\\a.txt", "C:\\ws\\app"));
        assertFalse(PermissionPolicy.DENY.approves("read", "/ws/app/a", "/ws/app"));
        assertTrue(PermissionPolicy.ALLOW_ALL.approves("read", "/etc/passwd", "/ws/app"));
    }
}
