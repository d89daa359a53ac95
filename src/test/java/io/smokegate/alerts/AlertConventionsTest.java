package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.alerts.AlertFiles.Rule;
import io.smokegate.check.CheckRegistry;
import io.smokegate.metrics.MetricNames;
import io.smokegate.slo.SloRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every shipped alert must carry to be routed, read and acted on, and what keeps the rules honest: they
 * query only series smokegate exports, and each alert is pinned by a test in which it fires and one in which
 * it does not.
 */
class AlertConventionsTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern CAMEL_CASE = Pattern.compile("Smokegate(?:[A-Z][a-z0-9]+)+");
    private static final Pattern METRIC = Pattern.compile("smokegate_[a-z0-9_]+");
    private static final Pattern RECORDING = Pattern.compile("smokegate:[a-zA-Z0-9_:]+");
    private static final Pattern HEADING = Pattern.compile("^## (.+)$", Pattern.MULTILINE);

    private final List<Rule> alerts = AlertFiles.alerts();

    @Test
    void everyAlertNameIsCamelCaseAndStartsWithSmokegate() {
        assertEquals(List.of(), alerts.stream().filter(a -> !CAMEL_CASE.matcher(a.name()).matches()).map(Rule::toString).toList());
    }

    @Test
    void everyAlertHasASeverityLabelOfCriticalWarningOrInfo() {
        assertEquals(List.of(), alerts.stream().filter(a -> !SEVERITIES.contains(a.label("severity"))).map(Rule::toString).toList());
    }

    @Test
    void everyAlertHasASummaryADescriptionAndARunbookUrl() {
        List<String> missing = new ArrayList<>();
        for (Rule alert : alerts) {
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                if (alert.annotation(annotation).isBlank()) {
                    missing.add(alert + ": " + annotation);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyRunbookUrlPointsAtTheSectionOfItsAlertInTheRunbooks() {
        Set<String> anchors = runbookAnchors();
        List<String> wrong = new ArrayList<>();
        for (Rule alert : alerts) {
            String expected = AlertFiles.RUNBOOK_URL + alert.name().toLowerCase(Locale.ROOT);
            String url = alert.annotation("runbook_url");
            if (!url.equals(expected) || !anchors.contains(url.substring(AlertFiles.RUNBOOK_URL.length()))) {
                wrong.add(alert + ": " + url + " (expected " + expected + " with a heading '## " + alert.name()
                        + "' in docs/runbooks.md)");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyRunbookSectionIsAboutAnAlertThatExists() {
        Set<String> names = alerts.stream().map(a -> a.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        SloRules.ALERT_NAMES.forEach(generated -> names.add(generated.toLowerCase(Locale.ROOT)));
        assertEquals(Set.of(), runbookAnchors().stream().filter(a -> !names.contains(a)).collect(Collectors.toSet()));
    }

    @Test
    void everyAlertFiresInATestAndStaysQuietInAnotherOfATestFileThatLoadsIt() {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path testFile : AlertFiles.testFiles()) {
            List<Path> loaded = AlertFiles.ruleFilesOf(testFile);
            for (JsonNode test : AlertFiles.read(testFile).path("tests")) {
                for (JsonNode ruleTest : test.path("alert_rule_test")) {
                    String name = ruleTest.path("alertname").asText();
                    JsonNode expected = ruleTest.path("exp_alerts");
                    assertTrue(expected.isArray() || expected.isMissingNode(),
                            testFile.getFileName() + ": exp_alerts of " + name + " must be a list (YAML aliases are not read)");
                    for (Path ruleFile : loaded) {
                        if (expected.isEmpty()) {
                            quiet.add(key(ruleFile, name, null));
                        }
                        for (JsonNode alert : expected) {
                            firing.add(key(ruleFile, name, alert.path("exp_labels").path("severity").asText()));
                        }
                    }
                }
            }
        }
        List<String> untested = new ArrayList<>();
        for (Rule alert : alerts) {
            if (!firing.contains(key(alert.file(), alert.name(), alert.label("severity")))) {
                untested.add(alert + ": no test in which it fires");
            }
            if (!quiet.contains(key(alert.file(), alert.name(), null))) {
                untested.add(alert + ": no test in which it does not fire");
            }
        }
        assertEquals(List.of(), untested);
    }

    @Test
    void everyRuleFileHasATestFileOfTheSameNameThatLoadsIt() {
        List<String> missing = new ArrayList<>();
        for (Path ruleFile : AlertFiles.ruleFiles()) {
            String name = ruleFile.getFileName().toString().replace(".rules.yml", ".test.yml");
            Path testFile = AlertFiles.alertsDir().resolve("tests").resolve(name);
            if (!Files.exists(testFile) || !AlertFiles.ruleFilesOf(testFile).contains(ruleFile)) {
                missing.add(ruleFile.getFileName() + ": tests/" + name + " with rule_files: [../" + ruleFile.getFileName() + "]");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyMetricTheRulesQueryIsOneSmokegateExports() {
        Set<String> exported = Set.copyOf(MetricNames.all(CheckRegistry.standard().measures()));
        Set<String> unknown = new TreeSet<>();
        for (Rule rule : AlertFiles.rules()) {
            Matcher m = METRIC.matcher(rule.expr());
            while (m.find()) {
                String name = m.group();
                String series = name.replaceFirst("_(bucket|count|sum)$", "");
                if (!exported.contains(name) && !exported.contains(series)) {
                    unknown.add(name + " in " + rule);
                }
            }
        }
        assertEquals(Set.of(), unknown);
    }

    @Test
    void everyRecordingRuleTheRulesUseIsDefinedInAlerts() {
        Set<String> recorded = AlertFiles.rules().stream().filter(r -> !r.isAlert()).map(Rule::name).collect(Collectors.toSet());
        Set<String> undefined = new TreeSet<>();
        for (Rule rule : AlertFiles.rules()) {
            Matcher m = RECORDING.matcher(rule.expr());
            while (m.find()) {
                if (!recorded.contains(m.group())) {
                    undefined.add(m.group() + " in " + rule);
                }
            }
        }
        assertEquals(Set.of(), undefined);
    }

    @Test
    void aTestOfRulesInSeveralGroupsFixesTheOrderPromtoolEvaluatesThemIn() {
        List<String> unordered = new ArrayList<>();
        for (Path testFile : AlertFiles.testFiles()) {
            Set<String> groups = new TreeSet<>();
            for (Path ruleFile : AlertFiles.ruleFilesOf(testFile)) {
                AlertFiles.read(ruleFile).path("groups").forEach(g -> groups.add(g.path("name").asText()));
            }
            Set<String> ordered = new TreeSet<>();
            AlertFiles.read(testFile).path("group_eval_order").forEach(g -> ordered.add(g.asText()));
            if (groups.size() > 1 && !ordered.equals(groups)) {
                unordered.add(testFile.getFileName() + ": group_eval_order must list " + groups);
            }
        }
        assertEquals(List.of(), unordered);
    }

    private static String key(Path ruleFile, String alert, String severity) {
        return ruleFile.normalize() + " " + alert + (severity == null ? "" : " " + severity);
    }

    /** GitHub's anchors of the second-level headings: lower case, spaces to hyphens, other punctuation dropped. */
    private static Set<String> runbookAnchors() {
        try {
            Matcher m = HEADING.matcher(Files.readString(AlertFiles.runbooks()));
            Set<String> anchors = new TreeSet<>();
            while (m.find()) {
                anchors.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
