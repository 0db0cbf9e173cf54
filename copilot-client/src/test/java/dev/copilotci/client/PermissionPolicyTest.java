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
}
