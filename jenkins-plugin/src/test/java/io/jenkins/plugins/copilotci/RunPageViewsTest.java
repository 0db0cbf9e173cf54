package io.jenkins.plugins.copilotci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The build's Copilot page and summary show model text (answer, prompt, findings) as escaped plain text: Jenkins
 * renders no Markdown there, so {@code ![x](https://evil/b.png)} stays literal and no browser fetches it, and
 * {@code <img src=…>} is escaped by Jelly's {@code escape-by-default}. These checks fail if a view starts to write
 * model text unescaped ({@code j:out}, a markup formatter, a Markdown helper) or into an attribute (an {@code href}
 * or {@code src} the model chose).
 */
class RunPageViewsTest {
    private static final Path VIEWS = Path.of("src/main/resources/io/jenkins/plugins/copilotci/CopilotRunAction");
    private static final List<String> PAGES = List.of("index.jelly", "summary.jelly");
    /** Properties of PromptRecord / FindingRecord whose values come from the model, the prompt or the diff. */
    private static final Set<String> UNTRUSTED = Set.of("answer", "prompt", "error", "recoveryNote", "title",
            "message", "location", "file", "model", "sessionId", "kind");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern PROPERTY = Pattern.compile("\\.([A-Za-z]+)\\b");
    /** Ways a Jelly view can emit markup instead of text. */
    private static final List<String> RAW_OUTPUT = List.of("<j:out", "<st:out", "escapeText", "markupFormatter",
            "MarkupFormatter", "h.markdown", "rawHtml", "<img", "<iframe", "<object", "<embed");

    @Test
    void modelTextIsOnlyEverEscapedTextNeverMarkupOrAnAttribute() throws Exception {
        for (String page : PAGES) {
            Path file = VIEWS.resolve(page);
            String text = Files.readString(file);
            assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), file + " must escape by default");
            for (String raw : RAW_OUTPUT) {
                assertFalse(text.contains(raw), file + " writes markup: " + raw);
            }
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            List<String> inAttributes = new ArrayList<>();
            collectUntrustedInAttributes(doc.getDocumentElement(), inAttributes);
            assertEquals(List.of(), inAttributes, file + ": model text in an attribute");
        }
    }

    @Test
    void theAnswerIsShownAsPreformattedTextNotRenderedMarkdown() throws Exception {
        for (String page : PAGES) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(VIEWS.resolve(page).toFile());
            List<String> parents = new ArrayList<>();
            collectParentsOf(doc.getDocumentElement(), "answer", parents);
            assertFalse(parents.isEmpty(), page + " shows the answer");
            assertEquals(List.of(), parents.stream().filter(p -> !p.equals("pre")).toList(),
                    page + ": the answer is shown outside <pre>");
        }
    }

    private static void collectUntrustedInAttributes(Element element, List<String> found) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            // Jelly core tags (forEach items, if/when tests) read the values; they do not print them.
            boolean printed = !element.getTagName().startsWith("j:");
            if (printed && !untrustedProperties(a.getValue()).isEmpty()) {
                found.add("<" + element.getTagName() + " " + a.getName() + "=\"" + a.getValue() + "\">");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectUntrustedInAttributes(e, found);
            }
        }
    }

    private static void collectParentsOf(Element element, String property, List<String> parents) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectParentsOf(e, property, parents);
            } else if (child.getNodeType() == Node.TEXT_NODE
                    && untrustedProperties(child.getNodeValue()).contains(property)) {
                parents.add(element.getTagName().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static Set<String> untrustedProperties(String text) {
        Set<String> found = new TreeSet<>();
        Matcher e = EXPRESSION.matcher(text);
        while (e.find()) {
            Matcher p = PROPERTY.matcher(e.group(1));
            while (p.find()) {
                if (UNTRUSTED.contains(p.group(1))) {
                    found.add(p.group(1));
                }
            }
        }
        return found;
    }
}
