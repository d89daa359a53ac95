package io.smokegate.report;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.testing.SampleRuns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML that every CI test reporter can read, whatever the checks said. */
class JunitReportTest {

    private static byte[] write(RunReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitReport().write(report, out);
        return out.toByteArray();
    }

    /** Parses strictly, as the JDK does: any well-formedness error throws. */
    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(xml));
    }

    private static Document parse(RunReport report) throws Exception {
        return parse(write(report));
    }

    private static RunReport sample() {
        List<CheckResult> checks = List.of(
                check("ok-1", CheckStatus.PASSED, "200 OK"),
                check("ok-2", CheckStatus.PASSED, "200 OK"),
                check("down", CheckStatus.FAILED, "connection refused", Map.of("address", "10.0.0.1:443")),
                check("buggy", CheckStatus.ERROR, "internal error in http check: NullPointerException"),
                check("after-down", CheckStatus.SKIPPED, "needs down, which failed"));
        return new RunReport("0195f0c2-3b4a-7c5d-8e6f-0123456789ab", "athens-private", Map.of("env", "staging"),
                RunStatus.FAILED, "cli", T0, Duration.ofMillis(1500), checks);
    }

    private static Element only(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        assertEquals(1, list.getLength(), "exactly one <" + tag + "> in <" + parent.getTagName() + ">");
        return (Element) list.item(0);
    }

    private static Element testcase(Document doc, String name) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    @Test
    void suiteCountsTestsFailuresErrorsAndSkipped() throws Exception {
        Document doc = parse(sample());

        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        Element suite = only(suites, "testsuite");
        for (Element e : List.of(suites, suite)) {
            assertEquals("5", e.getAttribute("tests"), e.getTagName());
            assertEquals("1", e.getAttribute("failures"), e.getTagName());
            assertEquals("1", e.getAttribute("errors"), e.getTagName());
            assertEquals("1", e.getAttribute("skipped"), e.getTagName());
            assertEquals("1.500", e.getAttribute("time"), e.getTagName());
        }
        assertEquals("athens-private", suite.getAttribute("name"));
        assertEquals(T0.toString(), suite.getAttribute("timestamp"));
        assertEquals(5, doc.getElementsByTagName("testcase").getLength());
    }

    @Test
    void eachCheckIsATestCaseWithItsOutcome() throws Exception {
        Document doc = parse(sample());

        Element ok = testcase(doc, "ok-1");
        assertEquals("athens-private.http", ok.getAttribute("classname"));
        assertEquals("0.042", ok.getAttribute("time"));
        assertEquals(0, ok.getElementsByTagName("*").getLength(), "a passed test case has no children");

        Element failure = only(testcase(doc, "down"), "failure");
        assertEquals("connection refused", failure.getAttribute("message"));
        assertEquals("failed", failure.getAttribute("type"));
        assertEquals("connection refused\naddress: 10.0.0.1:443\n", failure.getTextContent());

        Element error = only(testcase(doc, "buggy"), "error");
        assertEquals("internal error in http check: NullPointerException", error.getAttribute("message"));
        assertEquals("error", error.getAttribute("type"));

        Element skipped = only(testcase(doc, "after-down"), "skipped");
        assertEquals("needs down, which failed", skipped.getAttribute("message"));
    }

    @Test
    void aSecurityFailureIsTypedSecurityAndTaggedInItsMessage() throws Exception {
        RunReport report = SampleRuns.run("sums", SampleRuns.T0,
                SampleRuns.securityFailure("sum", "checksum mismatch for example.com/m@v1.0.0"));

        Element failure = only(testcase(parse(report), "sum"), "failure");

        assertEquals("security", failure.getAttribute("type"));
        assertEquals("SECURITY: checksum mismatch for example.com/m@v1.0.0", failure.getAttribute("message"));
    }

    @Test
    void runMetadataIsInProperties() throws Exception {
        Document doc = parse(sample());

        NodeList props = doc.getElementsByTagName("property");
        Map<String, String> found = new java.util.LinkedHashMap<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            found.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertEquals(Map.of("runId", "0195f0c2-3b4a-7c5d-8e6f-0123456789ab", "status", "failed", "trigger", "cli",
                "label.env", "staging"), found);
    }

    @Test
    void hostileTextStaysWellFormedAndReadable() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String hostile = "start " + controls + " ]]> <script>alert('x')</script> &amp; \"q\" 'a' \uD800 \uDC00 \uFFFE 🚀 end";
        CheckResult failed = check("xss", CheckStatus.FAILED, hostile, Map.of("body " + hostile, List.of(hostile)));
        CheckResult errored = check("err", CheckStatus.ERROR, hostile, Map.of("k", hostile));
        CheckResult skipped = check("skip", CheckStatus.SKIPPED, hostile);
        RunReport report = new RunReport("id-" + hostile, "name " + hostile, Map.of("label " + hostile, hostile),
                RunStatus.FAILED, hostile, T0, Duration.ofMillis(1), List.of(failed, errored, skipped));

        Document doc = parse(report);

        Element failure = only(testcase(doc, "xss"), "failure");
        String message = failure.getAttribute("message");
        assertTrue(message.startsWith("start "), message);
        assertTrue(message.endsWith(" end"), message);
        assertTrue(message.contains(" ]]> <script>alert('x')</script> &amp; \"q\" 'a' "), message);
        assertTrue(message.contains("🚀"), "valid supplementary characters survive: " + message);
        String text = failure.getTextContent();
        assertTrue(text.contains("<script>alert('x')</script>"), text);
        assertTrue(text.contains("]]>"), text);
        assertTrue(text.contains("\t") && text.contains("\n"), "tab and newline are legal XML text and kept");
        for (char c : text.toCharArray()) {
            assertFalse(c < 0x20 && c != '\t' && c != '\n' && c != '\r', "illegal control character " + (int) c);
            assertFalse(c == '\uFFFE', "U+FFFE is not an XML character");
        }
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "no markup was injected");
        assertEquals(1, doc.getElementsByTagName("error").getLength());
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
        assertTrue(only(doc.getDocumentElement(), "testsuite").getAttribute("name").startsWith("name start"));
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws Exception {
        RunReport report = new RunReport("id", "c", Map.of(), RunStatus.FAILED, "cli", T0, Duration.ZERO,
                List.of(check("s", CheckStatus.FAILED, "a\uD800b\uDC00c")));

        Element failure = only(testcase(parse(report), "s"), "failure");

        assertEquals("a\uFFFDb\uFFFDc", failure.getAttribute("message"));
    }

    @Test
    void documentIsUtf8WithAnXmlDeclaration() throws Exception {
        String xml = new String(write(sample()), java.nio.charset.StandardCharsets.UTF_8);

        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
    }

    @Test
    void emptyRunIsAValidEmptySuite() throws Exception {
        RunReport empty = new RunReport("id", "nothing", Map.of(), RunStatus.PASSED, "cli", T0, Duration.ZERO, List.of());

        Element suite = only(parse(empty).getDocumentElement(), "testsuite");

        assertEquals("0", suite.getAttribute("tests"));
        assertEquals(0, suite.getElementsByTagName("testcase").getLength());
    }
}
