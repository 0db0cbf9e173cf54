package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pure auto-explain decisions: which builds, and the sliding hourly quota. */
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
        assertTrue(quota.tryAcquire(2));
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(quota.tryAcquire(2));
        assertFalse(quota.tryAcquire(2), "two in the last hour");
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(quota.tryAcquire(2), "the first one left the window");
        assertFalse(quota.tryAcquire(2));
        assertTrue(quota.tryAcquire(3), "a raised limit applies at once");
        assertFalse(new HourlyQuota(clock, Duration.ofHours(1)).tryAcquire(0), "0 disables");
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
