package io.jenkins.plugins.copilotci;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.Rule;
import org.junit.Test;

/** {@code unclassified: copilot:} applies and exports back the same settings (profile {@code jenkins} only). */
public class CopilotConfigurationAsCodeJenkinsTest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void appliesAndExportsTheGlobalConfiguration() throws Exception {
        CopilotGlobalConfiguration config = CopilotGlobalConfiguration.get();
        assertEquals("127.0.0.1:4321", config.getCliUrls());
        assertEquals("gpt-test", config.getModel());
        assertEquals("readOnly", config.getPermissions());
        assertEquals("provider-key", config.getProviderApiKeyCredentialsId());
        assertEquals("http://127.0.0.1:9/v1", config.getProviderBaseUrl());
        assertEquals(120, config.getTimeoutSeconds());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode copilot = getUnclassifiedRoot(context).get("copilot");
        String exported = toYamlString(copilot);
        for (String expected : new String[] {"cliUrls: \"127.0.0.1:4321\"", "model: \"gpt-test\"",
                "permissions: \"readOnly\"", "providerApiKeyCredentialsId: \"provider-key\"", "timeoutSeconds: 120"}) {
            assertTrue(exported, exported.contains(expected));
        }
    }
}
