package io.smokegate.chaos.report;

import io.smokegate.report.JunitReport;
import io.smokegate.report.VerdictJson;
import io.smokegate.report.Xml;

import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A chaos experiment as JUnit XML: one test suite, a test case per preflight check and per phase, and a last case
 * for the experiment as a whole. A phase that did not meet its objectives is a failure; in an experiment that ended
 * in ERROR (it could not be carried out or judged) what went wrong is an error instead.
 */
public final class ChaosJunit {

    private ChaosJunit() {
    }

    public static void write(ExperimentReport r, OutputStream out) throws IOException {
        boolean error = r.verdict() == ExperimentVerdict.ERROR;
        String problem = error ? "error" : "failure";
        long failedPreflight = r.preflight().stream().filter(p -> !p.passed()).count();
        long failedPhases = r.phases().stream().filter(p -> !p.met()).count();
        long problems = failedPreflight + failedPhases + (r.verdict() == ExperimentVerdict.PASS ? 0 : 1);
        JunitReport.document(out, xml -> counts(xml, r, error, problems), xml -> {
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            String suite = "chaos." + r.scenario();
            xml.writeAttribute("name", Xml.clean(suite));
            counts(xml, r, error, problems);
            xml.writeAttribute("timestamp", r.startedAt().toString());
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            JunitReport.property(xml, "experimentId", r.id());
            JunitReport.property(xml, "checklist", r.checklist());
            JunitReport.property(xml, "namespaces", String.join(",", r.namespaces()));
            JunitReport.property(xml, "startedBy", r.startedBy());
            JunitReport.property(xml, "verdict", r.verdict().label());
            if (r.recoveryTime().isPresent()) {
                JunitReport.property(xml, "recoverySeconds", String.valueOf(r.recoveryTime().get().toMillis() / 1000.0));
            }
            if (r.resilienceScore().isPresent()) {
                JunitReport.property(xml, "resilienceScore", String.valueOf(VerdictJson.round(r.resilienceScore().getAsDouble())));
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (PreflightResult p : r.preflight()) {
                // A failed preflight means nothing could be tried: always an error, never a judgement of the service.
                JunitReport.outcomeCase(xml, suite + ".preflight", p.check(), 0, p.passed() ? null : "error", p.message());
            }
            for (PhaseResult p : r.phases()) {
                JunitReport.outcomeCase(xml, suite + ".phase", p.phase().label(),
                        Duration.between(p.startedAt(), p.endedAt()).toMillis(), p.met() ? null : problem,
                        p.met() ? "met its objectives in " + p.runs().size() + " run(s)" : p.message());
            }
            String verdict = r.verdict().label() + ": " + r.message() + (r.manualSteps().isEmpty() ? ""
                    : "; MANUAL STEPS: " + String.join(" ; ", r.manualSteps()));
            JunitReport.outcomeCase(xml, suite, "experiment", r.duration().toMillis(),
                    r.verdict() == ExperimentVerdict.PASS ? null : problem, verdict);
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
        });
    }

    private static void counts(XMLStreamWriter xml, ExperimentReport r, boolean error, long problems) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(r.preflight().size() + r.phases().size() + 1));
        xml.writeAttribute("failures", String.valueOf(error ? 0 : problems));
        xml.writeAttribute("errors", String.valueOf(error ? problems : 0));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", JunitReport.seconds(r.duration().toMillis()));
    }
}
