package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure auto-explain decisions: which builds (global or as folders override), and the sliding hourly quotas. */
class AutoExplainRulesTest {

    @Test
    void explainsFailuresAndOnlyOptionallyUnstableBuilds() {
        AutoExplainRules rules = new AutoExplainRules(true, false, null, null);
        assertTrue(rules.wants("team/app", Result.FAILURE));
        assertFalse(rules.wants("team/app", Result.UNSTABLE));
        assertFalse(rules.wants("team/app", Result.SUCCESS));
        assertFalse(rules.wants("team/app", Result.ABORTED));
        assertFalse(rules.wants("team/app", null), "still running");
        assertTrue(new AutoExplainRules(true, true, null, null).wants("team/app", Result.UNSTABLE));
        assertFalse(new AutoExplainRules(false, true, null, null).wants("team/app", Result.FAILURE), "switched off");
    }

    @Test
    void includeMustMatchTheWholeNameAndExcludeWins() {
        AutoExplainRules rules = new AutoExplainRules(true, false, AutoExplainRules.compile("team/.*"),
                AutoExplainRules.compile(".*/experimental-.*"));
        assertTrue(rules.wants("team/app", Result.FAILURE));
        assertFalse(rules.wants("other/team/app", Result.FAILURE), "a full match, not a find");
        assertFalse(rules.wants("team/experimental-x", Result.FAILURE), "excluded");
        assertFalse(new AutoExplainRules(true, false, null, AutoExplainRules.compile("team/app"))
                .wants("team/app", Result.FAILURE));
    }

    @Test
    void quotaIsASlidingWindow() {
        MutableClock clock = new MutableClock();
        HourlyQuota quota = new HourlyQuota(clock, Duration.ofHours(1));
        assertTrue(quota.tryAcquire(2, null).isEmpty());
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(quota.tryAcquire(2, null).isEmpty());
        assertFalse(quota.tryAcquire(2, null).isEmpty(), "two in the last hour");
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(quota.tryAcquire(2, null).isEmpty(), "the first one left the window");
        assertFalse(quota.tryAcquire(2, null).isEmpty());
        assertTrue(quota.tryAcquire(3, null).isEmpty(), "a raised limit applies at once");
        assertFalse(new HourlyQuota(clock, Duration.ofHours(1)).tryAcquire(0, null).isEmpty(), "0 disables");
    }

    @Test
    void aFolderQuotaCapsItsJobsAndARefusalCostsNothing() {
        MutableClock clock = new MutableClock();
        HourlyQuota quota = new HourlyQuota(clock, Duration.ofHours(1));
        HourlyQuota.FolderLimit teamA = new HourlyQuota.FolderLimit("org/team-a", 1);
        assertEquals(Optional.empty(), quota.tryAcquire(3, teamA));
        assertEquals(Optional.of("the limit of 1 automatic explanations per hour in folder org/team-a"),
                quota.tryAcquire(3, teamA));
        assertEquals(Optional.empty(), quota.tryAcquire(3, new HourlyQuota.FolderLimit("org/team-b", 1)),
                "another folder has its own window; team-a's refusal did not count against the controller");
        assertEquals(Optional.empty(), quota.tryAcquire(3, null), "a job in no limited folder");
        assertEquals(Optional.of("the limit of 3 automatic explanations per hour on this controller"),
                quota.tryAcquire(3, new HourlyQuota.FolderLimit("org/team-c", 5)), "the controller's limit still holds");
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertEquals(Optional.empty(), quota.tryAcquire(3, teamA), "both windows moved on");
    }

    private static CopilotFolderProperty folder(String autoExplain) {
        CopilotFolderProperty p = new CopilotFolderProperty();
        p.setAutoExplain(autoExplain);
        return p;
    }

    @Test
    void theNearestFolderThatSaysOnOrOffDecidesAndInheritFallsThrough() {
        CopilotGlobalConfiguration globalOn = new FailureExplainerOnStubJenkinsTest.TestGlobal();
        globalOn.setAutoExplain(true);
        CopilotGlobalConfiguration globalOff = new FailureExplainerOnStubJenkinsTest.TestGlobal();
        CopilotFolderProperty on = folder("on");
        on.setAutoExplainUnstable(true);
        on.setAutoExplainExclude("team/sandbox-.*");

        assertFalse(AutoExplainRules.of(globalOn, List.of(folder("off"), on)).enabled(), "nearest: off");
        AutoExplainRules inherited = AutoExplainRules.of(globalOff, List.of(folder(""), folder("inherit"), on));
        assertTrue(inherited.wants("team/app", Result.UNSTABLE), "inner folders inherit the outer folder's rules");
        assertFalse(inherited.wants("team/sandbox-1", Result.FAILURE), "with its exclude pattern");
        assertTrue(AutoExplainRules.of(globalOn, List.of(folder(null))).wants("team/app", Result.FAILURE),
                "every folder inherits: the global switch");
        assertFalse(AutoExplainRules.of(globalOn, List.of(folder(null))).wants("team/app", Result.UNSTABLE),
                "and the global unstable setting, not a folder's unused checkbox");
        assertNull(folder("yes").getAutoExplain(), "anything but on/off inherits");
        CopilotFolderProperty broken = folder("on");
        broken.setAutoExplainInclude("team/(");
        assertFalse(AutoExplainRules.of(globalOn, List.of(broken)).enabled(), "an invalid folder pattern: off");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
