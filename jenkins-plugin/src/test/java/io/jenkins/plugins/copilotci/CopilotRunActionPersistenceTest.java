package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.TurnResult;
import dev.copilotci.client.Usage;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.Severity;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.converters.collections.CollectionConverter;
import java.util.concurrent.CopyOnWriteArrayList;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build page's data as Jenkins persists it: builds (and their actions) are written to build.xml with core's
 * XStream2, a configured XStream, not with Java serialization. A round trip through XStream keeps every record and
 * finding, writes no secret, and never writes the live (transient) build reference.
 */
class CopilotRunActionPersistenceTest {
    private static final String KEY = "sk-live-1234567890abcdef";

    /**
     * XStream configured for our types as core's XStream2 is: XStream2 registers RobustCollectionConverter, a
     * CollectionConverter that also converts CopyOnWriteArrayList (our records list); plain XStream would fall back
     * to reflection into java.util.concurrent, which JDK 17 forbids.
     */
    private static XStream xstream() {
        XStream x = new XStream();
        x.registerConverter(new CollectionConverter(x.getMapper(), CopyOnWriteArrayList.class));
        x.allowTypesByWildcard(new String[] {"io.jenkins.plugins.copilotci.**"});
        x.allowTypes(new Class<?>[] {CopyOnWriteArrayList.class});
        return x;
    }

    @Test
    void recordsSurviveAnXStreamRoundTripWithoutSecretsOrTheLiveRun() throws Exception {
        FakeRun run = new FakeRun(new FakeJob("team", "app"), 7);
        CopilotRunAction action = CopilotRunAction.of(run);
        assertSame(run, action.getRun(), "attached: the live run is set, so the round trip below must drop it");
        JobOutput masker = JobOutput.masking(List.of(KEY), line -> { });
        TurnResult turn = new TurnResult("ci-app-7-1-abc", "m1", "Answer mentions " + KEY + " and \u001B[31mred",
                new Usage("gpt-test", 100, 20, 0, 1, Duration.ofMillis(300)), Duration.ofMillis(900), null);
        ReviewFinding finding = new ReviewFinding("src/App.java", 12, Severity.ERROR, "Key " + KEY + " leaked",
                "Secret", true);
        action.add(PromptRecord.answered("review", "Review with key " + KEY, turn, List.of(finding), masker));
        action.add(PromptRecord.failed("prompt", "second", "ci-app-7-1-abc", "provider said " + KEY, masker));
        action.nextSessionNumber();

        String xml = xstream().toXML(action);
        assertFalse(xml.contains(KEY), xml);
        assertFalse(xml.contains(Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8))), xml);
        assertFalse(xml.contains("<run"), "the transient build reference is not written: " + xml);
        assertFalse(xml.contains("FakeRun") || xml.contains("FakeJob"), xml);
        assertTrue(xml.contains("<sessionsOpened>1</sessionsOpened>"), xml);

        CopilotRunAction loaded = (CopilotRunAction) xstream().fromXML(xml);
        assertNull(loaded.getRun(), "not attached until Jenkins calls onLoad");
        loaded.onLoad(run);
        assertSame(run, loaded.getRun());
        assertEquals(2, loaded.nextSessionNumber(), "session numbering continues after a restart");
        PromptRecord back = loaded.getRecords().get(0);
        PromptRecord failed = loaded.getRecords().get(1);
        assertEquals("Answer mentions **** and red", back.getAnswer(), "masked and escape-free");
        assertEquals("Review with key ****", back.getPrompt());
        assertEquals(120, back.getInputTokens() + back.getOutputTokens());
        assertEquals("gpt-test", back.getModel());
        assertEquals("src/App.java:12", back.getFindings().get(0).getLocation());
        assertEquals("error", back.getFindings().get(0).getSeverity());
        assertEquals("Key **** leaked", back.getFindings().get(0).getMessage());
        assertTrue(back.getFindings().get(0).isInDiff());
        assertTrue(failed.isFailed() && failed.getError().equals("provider said ****"));
        assertEquals(1, loaded.getFindingCount());
        assertEquals(120, loaded.getTotalTokens());
        assertEquals("/job/team/app/7/copilot/", loaded.url());
        assertTrue(run.saves >= 2, "the build is saved as records are added");
    }

    @Test
    void ofNeedsNoRunningJenkinsAndReusesTheAction() throws Exception {
        FakeRun run = new FakeRun(new FakeJob("team", "app"), 9);
        // As in core: getAction(Class) with no persisted match asks TransientActionFactory, i.e. a running Jenkins.
        assertThrows(IllegalStateException.class, () -> run.getAction(CopilotRunAction.class));
        CopilotRunAction first = CopilotRunAction.of(run);
        assertSame(first, CopilotRunAction.of(run));
        assertEquals(1, run.getActions().size());
        assertSame(run, first.getRun(), "Run.addAction attached it");
    }

    @Test
    void persistedFieldsArePlainTypesAndTheRunIsTransient() throws Exception {
        for (Class<?> type : List.of(CopilotRunAction.class, PromptRecord.class, FindingRecord.class)) {
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                boolean plain = t.isPrimitive() || t == String.class || t == List.class;
                assertTrue(plain, type.getSimpleName() + "." + f.getName() + " is " + t + ": persist plain types only");
            }
        }
        assertTrue(Modifier.isTransient(CopilotRunAction.class.getDeclaredField("run").getModifiers()));
    }

    @Test
    void attachedLogIsMasked() throws Exception {
        FakeRun run = new FakeRun(new FakeJob("team", "app"), 8);
        run.log.add("[INFO] using key " + KEY);
        run.log.add("\u001B[8mha:AAAA\u001B[0m[ERROR] boom");
        var attachment = CopilotPromptStep.logAttachment(run, 10,
                JobOutput.masking(List.of(KEY), line -> { }));
        String text = new String(Base64.getDecoder().decode(attachment.base64Data()), StandardCharsets.UTF_8);
        assertEquals("[INFO] using key ****\n[ERROR] boom", text);
        assertEquals("build-log.txt", attachment.displayName());
    }
}
