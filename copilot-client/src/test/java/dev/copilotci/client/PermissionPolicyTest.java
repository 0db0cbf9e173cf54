package dev.copilotci.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionPolicyTest {
    private static final PermissionPolicy READ_ONLY = PermissionPolicy.READ_ONLY;

    @TempDir
    Path checkout;

    @TempDir
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(checkout.resolve("src"));
        Files.createDirectories(checkout.resolve("docs"));
    }

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
    void readOnlyReadsFilesAndDirectoriesInsideTheCheckoutByRealPath() throws IOException {
        Files.writeString(checkout.resolve("src/Main.java"), "class Main {}");
        Files.createSymbolicLink(checkout.resolve("docs/main-link"), checkout.resolve("src/Main.java"));
        Files.createSymbolicLink(checkout.resolve("docs/relative-link"), Path.of("../src"));
        for (String path : new String[] {ws("src/Main.java"), ws("src"), ws(""), "src/Main.java", ".",
                ws("docs/main-link"), ws("docs/relative-link/Main.java"), ws("src/../src/Main.java"),
                ws("src/NotYetThere.java"), ws("new/dir/file.txt")}) {
            assertApproved(read(path), path);
        }
        assertApproved(READ_ONLY.decide("read", List.of(ws("src"), ws("docs")), wd()), "every path inside");
    }

    @Test
    void readOnlyRefusesLinksThatLeadOutOfTheCheckout() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "s3cr3t");
        Files.createDirectories(outside.resolve("dir"));
        Files.createSymbolicLink(checkout.resolve("docs/file-link"), secret);
        Files.createSymbolicLink(checkout.resolve("docs/dir-link"), outside.resolve("dir"));
        Files.createSymbolicLink(checkout.resolve("docs/env"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(checkout.resolve("docs/up"), Path.of("../.."));
        Files.createSymbolicLink(checkout.resolve("docs/dangling"), outside.resolve("not-yet"));
        Files.createSymbolicLink(checkout.resolve("docs/loop"), checkout.resolve("docs/loop"));
        assertDenied(read(ws("docs/file-link")), "outside the working directory");
        assertDenied(read(ws("docs/dir-link")), "outside the working directory");
        assertDenied(read(ws("docs/dir-link/new-file")), "outside the working directory");
        assertDenied(read("docs/dir-link"), "outside the working directory");
        assertDenied(read(ws("docs/env")), "/proc");
        assertDenied(read(ws("docs/up/" + outside.getFileName() + "/secret.txt")), "outside");
        assertDenied(read(ws("docs/dangling")), "cannot be resolved");
        assertDenied(read(ws("docs/loop")), "cannot be resolved");
        assertDenied(READ_ONLY.decide("read", List.of(ws("src"), ws("docs/file-link")), wd()), "outside",
                "one bad path among good ones denies the request");
    }

    @Test
    void readOnlyRefusesPlainPathsOutsideAndSystemDirectories() {
        assertDenied(read(secretPath()), "outside the working directory");
        assertDenied(read(ws("../" + outside.getFileName() + "/secret.txt")), "outside");
        assertDenied(read("../../etc/passwd"), "outside");
        assertDenied(read(ws("missing/../../x")), "cannot be resolved");
        assertDenied(read("/proc/self/environ"), "/proc");
        assertDenied(read("/sys/kernel"), "/sys");
        assertDenied(read("/dev/null"), "/dev");
        assertDenied(read(checkout.toString() + "-sibling/x"), "outside", "a prefix is not a parent");
    }

    @Test
    void readOnlyRefusesGitMetadataHoweverItIsReached() throws IOException {
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/config"), "extraheader = AUTHORIZATION: basic Zm9v");
        Files.createDirectories(checkout.resolve("sub/.GIT"));
        Files.createSymbolicLink(checkout.resolve("docs/cfg"), Path.of("../.git/config"));
        Files.createSymbolicLink(checkout.resolve("docs/gitdir"), checkout.resolve(".git"));
        assertDenied(read(ws(".git/config")), ".git");
        assertDenied(read(ws(".git")), ".git");
        assertDenied(read(ws("docs/cfg")), ".git");
        assertDenied(read(ws("docs/gitdir/config")), ".git");
        assertDenied(read(ws(".git/not-there")), ".git");
        assertDenied(read(ws("sub/.GIT")), ".git");
        assertApproved(read(ws("src/../docs")), "leaving src is fine when docs is inside");
    }

    @Test
    void theWorkingDirectoryItselfIsJudgedByItsRealPath() throws IOException {
        Path linkedWorkspace = Files.createSymbolicLink(outside.resolve("ws-link"), checkout);
        Files.writeString(checkout.resolve("src/A.java"), "class A {}");
        String wdByLink = linkedWorkspace.toString();
        assertApproved(READ_ONLY.decide("read", List.of(linkedWorkspace.resolve("src/A.java").toString()), wdByLink),
                "through the link");
        assertApproved(READ_ONLY.decide("read", List.of(ws("src/A.java")), wdByLink), "by the real path");
        assertDenied(READ_ONLY.decide("read", List.of(ws("src/A.java")), outside.resolve("missing").toString()),
                "working directory cannot be resolved");
        assertDenied(READ_ONLY.decide("read", List.of(ws("src/A.java")), null), "no working directory");
        assertDenied(READ_ONLY.decide("read", List.of(), wd()), "names no path");
        assertDenied(READ_ONLY.decide("read", List.of(""), wd()), "empty path");
    }

    @Test
    void denyAndAllowAllIgnorePaths() {
        assertDenied(PermissionPolicy.DENY.decide("read", List.of(ws("src")), wd()), "not allowed");
        assertDenied(READ_ONLY.decide("shell", List.of(), wd()), "not allowed");
        assertDenied(READ_ONLY.decide("write", List.of(ws("src/New.java")), wd()), "not allowed");
        assertApproved(PermissionPolicy.ALLOW_ALL.decide("read", List.of("/proc/self/environ"), wd()),
                "allow-all approves everything, documented");
        assertApproved(PermissionPolicy.ALLOW_ALL.decide("shell", List.of(), null), "allow-all shell");
    }

    private PermissionDecision read(String path) {
        return READ_ONLY.decide("read", List.of(path), wd());
    }

    private String wd() {
        return checkout.toString();
    }

    private String ws(String relative) {
        return relative.isEmpty() ? wd() : wd() + "/" + relative;
    }

    private String secretPath() {
        return outside.resolve("secret.txt").toString();
    }

    private static void assertApproved(PermissionDecision d, String what) {
        assertTrue(d.approved(), what + ": " + d.reason());
    }

    private static void assertDenied(PermissionDecision d, String reasonPart) {
        assertDenied(d, reasonPart, reasonPart);
    }

    private static void assertDenied(PermissionDecision d, String reasonPart, String what) {
        assertFalse(d.approved(), what);
        assertTrue(d.reason().contains(reasonPart), what + ": " + d.reason());
    }
}
