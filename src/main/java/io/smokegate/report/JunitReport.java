package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins, GitLab, GitHub test reporters and Surefire read it: one test suite per run,
 * one test case per check, failures and errors with the check's message and details.
 */
public final class JunitReport implements ReportWriter {

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "smokegate");
            counts(xml, report);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", Xml.clean(report.checklist()));
            counts(xml, report);
            xml.writeAttribute("timestamp", report.startedAt().toString());
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            property(xml, "runId", report.runId());
            property(xml, "status", report.status().label());
            property(xml, "trigger", report.trigger());
            for (Map.Entry<String, String> label : report.labels().entrySet()) {
                property(xml, "label." + label.getKey(), label.getValue());
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (CheckResult c : report.checks()) {
                testCase(xml, report.checklist(), c);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void counts(XMLStreamWriter xml, RunReport report) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(report.checks().size()));
        xml.writeAttribute("failures", String.valueOf(report.count(CheckStatus.FAILED)));
        xml.writeAttribute("errors", String.valueOf(report.count(CheckStatus.ERROR)));
        xml.writeAttribute("skipped", String.valueOf(report.count(CheckStatus.SKIPPED)));
        xml.writeAttribute("time", seconds(report.duration().toMillis()));
    }

    private static void testCase(XMLStreamWriter xml, String checklist, CheckResult c) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", Xml.clean(c.id()));
        xml.writeAttribute("classname", Xml.clean(checklist + "." + c.type()));
        xml.writeAttribute("time", seconds(c.duration().toMillis()));
        String element = switch (c.status()) {
            case FAILED -> "failure";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            case PASSED -> null;
        };
        if (element != null) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement(element);
            xml.writeAttribute("message", Xml.clean(c.message()));
            if (c.status() != CheckStatus.SKIPPED) {
                xml.writeAttribute("type", c.status().label());
                xml.writeCharacters(Xml.clean(c.message() + "\n" + detailsText(c.details())));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
        }
        xml.writeEndElement();
    }

    private static String detailsText(Map<String, Object> details) {
        StringBuilder out = new StringBuilder();
        details.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", Xml.clean(name));
        xml.writeAttribute("value", Xml.clean(value));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
