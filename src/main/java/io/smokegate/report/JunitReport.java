package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.TableDetail;
import io.smokegate.run.RunReport;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.slo.Verdict;
import java.util.List;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins, GitLab, GitHub test reporters and Surefire read it: one test suite per run,
 * one test case per check, failures and errors with the check's message and details, and a check's tables (a
 * drift matrix …) as aligned text in the case's {@code system-out}.
 */
public final class JunitReport implements ReportWriter {

    @Override
    public void write(RunReport report, Verdict verdict, OutputStream out) throws IOException {
        Counts checks = Counts.of(report);
        Counts all = checks.plus(verdict == null ? Counts.NONE : Counts.of(verdict));
        document(out, xml -> all.write(xml, report.duration().toMillis()), xml -> {
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", Xml.clean(report.checklist()));
            checks.write(xml, report.duration().toMillis());
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
            if (verdict != null) {
                gateSuite(xml, verdict);
            }
        });
    }

    /** Writes one piece of a JUnit document. */
    @FunctionalInterface
    public interface XmlPart {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /**
     * A JUnit XML document: {@code <testsuites name="smokegate">} with the attributes {@code counts} writes and the
     * suites {@code suites} writes.
     */
    public static void document(OutputStream out, XmlPart counts, XmlPart suites) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "smokegate");
            counts.write(xml);
            suites.write(xml);
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** The test counts of a suite. */
    private record Counts(long tests, long failures, long errors, long skipped) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        static Counts of(RunReport report) {
            return new Counts(report.checks().size(), report.count(CheckStatus.FAILED), report.count(CheckStatus.ERROR),
                    report.count(CheckStatus.SKIPPED));
        }

        /** One case per objective plus one for the gate as a whole. */
        static Counts of(Verdict verdict) {
            List<ObjectiveResult> objectives = verdict.evaluation().objectives();
            boolean error = verdict.result() == GateResult.ERROR;
            long failed = objectives.stream().filter(r -> r.status() == ObjectiveStatus.FAIL).count();
            long gateFailed = verdict.result() == GateResult.FAIL ? 1 : 0;
            return new Counts(objectives.size() + 1, error ? 0 : failed + gateFailed, error ? failed + 1 : 0,
                    objectives.stream().filter(r -> r.status() == ObjectiveStatus.INFO).count());
        }

        Counts plus(Counts o) {
            return new Counts(tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped);
        }

        void write(XMLStreamWriter xml, long millis) throws XMLStreamException {
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("time", seconds(millis));
        }
    }

    /**
     * The gate as a suite: a failed objective is a failure (an error when Prometheus could not be asked),
     * an informational one skipped, a warning passes with its message; the last case is the gate itself.
     */
    private static void gateSuite(XMLStreamWriter xml, Verdict verdict) throws XMLStreamException {
        String suite = verdict.checklist() + ".slo";
        boolean error = verdict.result() == GateResult.ERROR;
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", Xml.clean(suite));
        Counts.of(verdict).write(xml, 0);
        xml.writeAttribute("timestamp", verdict.evaluatedAt().toString());
        for (ObjectiveResult r : verdict.evaluation().objectives()) {
            String element = switch (r.status()) {
                case FAIL -> error ? "error" : "failure";
                case INFO -> "skipped";
                case PASS, WARNING -> null;
            };
            outcomeCase(xml, suite, r.objective().name(), element, r.status().label() + ": " + r.message());
        }
        String gate = switch (verdict.result()) {
            case FAIL -> "failure";
            case ERROR -> "error";
            case PASS, WARNING -> null;
        };
        outcomeCase(xml, suite, "gate", gate, verdict.result().label() + ": " + verdict.evaluation().message());
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void outcomeCase(XMLStreamWriter xml, String suite, String name, String element, String message)
            throws XMLStreamException {
        outcomeCase(xml, suite, name, 0, element, message);
    }

    /** A test case that passed ({@code element} null: the message goes to system-out) or has a failure/error. */
    public static void outcomeCase(XMLStreamWriter xml, String suite, String name, long millis, String element, String message)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", Xml.clean(name));
        xml.writeAttribute("classname", Xml.clean(suite));
        xml.writeAttribute("time", seconds(millis));
        xml.writeCharacters("\n      ");
        if (element == null) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(Xml.clean(message));
        } else {
            xml.writeStartElement(element);
            xml.writeAttribute("message", Xml.clean(message));
        }
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
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
            // A security failure is typed as such, so CI views that group failures by type show it apart.
            String message = TextReport.marked(c);
            xml.writeAttribute("message", Xml.clean(message));
            if (c.status() != CheckStatus.SKIPPED) {
                xml.writeAttribute("type", c.security() ? c.severity().label() : c.status().label());
                xml.writeCharacters(Xml.clean(message + "\n" + detailsText(c.details())));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
        }
        String tables = TextTables.of(c, "");
        if (!tables.isEmpty()) {
            // CI systems show a case's system-out beside it, passed or not: where a drift matrix is read.
            xml.writeCharacters(element == null ? "\n      " : "  ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(Xml.clean(tables));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
        }
        xml.writeEndElement();
    }

    /** The details as {@code key: value} lines; tables are left to {@code system-out}. */
    private static String detailsText(Map<String, Object> details) {
        StringBuilder out = new StringBuilder();
        details.forEach((k, v) -> {
            if (TableDetail.from(v).isEmpty()) {
                out.append(k).append(": ").append(v).append('\n');
            }
        });
        return out.toString();
    }

    public static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", Xml.clean(name));
        xml.writeAttribute("value", Xml.clean(value));
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
