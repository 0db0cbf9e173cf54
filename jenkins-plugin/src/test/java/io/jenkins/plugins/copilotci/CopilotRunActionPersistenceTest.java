package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotci.client.TurnResult;
import dev.copilotci.client.Usage;
import dev.copilotci.job.ReviewFinding;
import dev.copilotci.job.JobOutput;
import dev.copilotci.job.Severity;
import io.jenkins.plugins.copilotci.StubJenkins.FakeJob;
import io.jenkins.plugins.copilotci.StubJenkins.FakeRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build page's data as persisted with the build (our classes against the stub Run): a serialization round trip
 * keeps every record and finding, stores no secret, and only plain field types are persisted (what XStream writes).
 */
class CopilotRunActionPersistenceTest {
    private static final String KEY = "sk-live-1234567890abcdef";

    @Test
    void recordsSurviveARoundTripWithoutSecrets() throws Exception {
        FakeRun run = new FakeRun(new FakeJob("team", "app"), 7);
        CopilotRunAction action = CopilotRunAction.of(run);
        JobOutput masker = JobOutput.masking(List.of(KEY), line -> { });
        TurnResult turn = new TurnResult("ci-app-7-1-abc", "m1", "Answer mentions " + KEY + " and \u001B[31mred",
                new Usage("gpt-test", 100, 20, 0, 1, Duration.ofMillis(300)), Duration.ofMillis(900), null);
        ReviewFinding finding = new ReviewFinding("src/App.java", 12, Severity.ERROR, "Key " + KEY + " leaked",
                "Secret", true);
        action.add(PromptRecord.answered("review", "Review with key " + KEY, turn, List.of(finding), masker));
        action.add(PromptRecord.failed("prompt", "second", "ci-app-7-1-abc", "provider said " + KEY, masker));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(action.getRecords().get(0));
            out.writeObject(action.getRecords().get(1));
        }
        String raw = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(KEY), "no secret in the persisted data");
        assertFalse(raw.contains(Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8))));

        PromptRecord back;
        PromptRecord failed;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PromptRecord) in.readObject();
            failed = (PromptRecord) in.readObject();
        }
        assertEquals("Answer mentions **** and red", back.getAnswer(), "masked and escape-free");
        assertEquals("Review with key ****", back.getPrompt());
        assertEquals(120, back.getInputTokens() + back.getOutputTokens());
        assertEquals("src/App.java:12", back.getFindings().get(0).getLocation());
        assertEquals("error", back.getFindings().get(0).getSeverity());
        assertTrue(failed.isFailed() && failed.getError().equals("provider said ****"));
        assertEquals(1, action.getFindingCount());
        assertEquals("/job/team/app/7/copilot/", action.url());
        assertTrue(run.saves >= 2, "the build is saved as records are added");
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
