package io.jenkins.plugins.copilotci;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The secrets of one session, resolved on the controller for the build (respecting who may use which credential)
 * and never persisted: the connection token, the GitHub token and the provider API key.
 */
final class CopilotCredentials {
    final String connectionToken;
    final String githubToken;
    final String providerApiKey;

    private CopilotCredentials(String connectionToken, String githubToken, String providerApiKey) {
        this.connectionToken = connectionToken;
        this.githubToken = githubToken;
        this.providerApiKey = providerApiKey;
    }

    /** Already-resolved values (tests of our code against the stubs, where no credentials store exists). */
    static CopilotCredentials of(String connectionToken, String githubToken, String providerApiKey) {
        return new CopilotCredentials(connectionToken, githubToken, providerApiKey);
    }

    static CopilotCredentials forRun(CopilotSettings settings, Run<?, ?> run) {
        return new CopilotCredentials(
                secret(settings.connectionTokenCredentialsId, run, "connection token"),
                secret(settings.githubTokenCredentialsId, run, "GitHub token"),
                secret(settings.providerApiKeyCredentialsId, run, "provider API key"));
    }

    /** Every secret value, for masking. */
    List<String> values() {
        List<String> values = new ArrayList<>();
        for (String s : new String[] {connectionToken, githubToken, providerApiKey}) {
            if (s != null && !s.isBlank()) {
                values.add(s);
            }
        }
        return values;
    }

    private static String secret(String credentialsId, Run<?, ?> run, String what) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StringCredentials c = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
        if (c == null) {
            throw new IllegalArgumentException(Messages.CopilotCredentials_NotFound(what, credentialsId));
        }
        CredentialsProvider.track(run, c);
        return c.getSecret().getPlainText();
    }

    /** A global Secret text credential, for administrator actions such as "Test connection". */
    static String systemSecret(String credentialsId) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StringCredentials c = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        List.of()),
                CredentialsMatchers.withId(credentialsId));
        return c == null ? null : c.getSecret().getPlainText();
    }
}
