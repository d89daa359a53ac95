package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblem;
import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.invalid;
import static io.smokegate.checklist.Loading.withChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import org.junit.jupiter.api.Test;

/** Structural mistakes in a checklist: each is reported at its file:line:col with a way to fix it. */
class ChecklistLoaderErrorsTest {

    @Test
    void aYamlSyntaxErrorIsReportedWhereTheParserStopped() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo
                spec:
                  checks: []
                """);
        assertEquals(1, e.problems().size());
        assertProblem(e, "c.yaml:4:5", "YAML syntax:", "flow mapping");
    }

    @Test
    void anUnclosedQuoteIsASyntaxError() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: "http
                """));
        assertProblem(e, "c.yaml:8:1", "YAML syntax:", "found unexpected end of stream", "quoted scalar");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        assertProblems(invalid("- apiVersion: smokegate.io/v1\n"),
                "c.yaml:1:1: expected a mapping (key: value), found a list");
    }

    @Test
    void theApiVersionMustBeV1() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("smokegate.io/v1", "smokegate.io/v2"));
        assertProblems(e, "c.yaml:1:13: apiVersion: 'smokegate.io/v2' is not supported (use apiVersion: smokegate.io/v1)");
    }

    @Test
    void theKindMustBeChecklist() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("kind: Checklist", "kind: ChaosScenario"));
        assertProblems(e, "c.yaml:2:7: kind: 'ChaosScenario' is not supported (use kind: Checklist)");
    }

    @Test
    void apiVersionAndKindAreRequired() {
        InvalidInputException e = invalid("""
                metadata: {name: demo}
                spec:
                  checks:
                    - {id: a, type: tcp, with: {address: "h:1"}}
                """);
        assertProblems(e,
                "c.yaml:1:1: apiVersion: missing required field",
                "c.yaml:1:1: kind: missing required field");
    }

    @Test
    void anUnknownTopLevelFieldSuggestsTheNearestName() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "specs: {}\nspec:\n"));
        assertProblems(e, "c.yaml:4:1: specs: unknown field (did you mean 'spec'?)");
    }

    @Test
    void anUnknownMetadataFieldSuggestsTheNearestName() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("metadata: {name: demo}", "metadata: {name: demo, lables: {env: prod}}"));
        assertProblems(e, "c.yaml:3:24: metadata.lables: unknown field (did you mean 'labels'?)");
    }

    @Test
    void anUnknownSpecFieldSuggestsTheNearestName() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  concurency: 4\n"));
        assertProblems(e, "c.yaml:5:3: spec.concurency: unknown field (did you mean 'concurrency'?)");
    }

    @Test
    void anUnknownCheckFieldSuggestsTheNearestName() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: tcp
                      timout: 3s
                      with: {address: "h:1"}
                """));
        assertProblems(e, "c.yaml:8:7: spec.checks[0].timout: unknown field (did you mean 'timeout'?)");
    }

    @Test
    void anUnknownCheckFieldFarFromAnyListsTheAllowedOnes() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: tcp
                      retry: 3
                      with: {address: "h:1"}
                """));
        assertProblems(e, "c.yaml:8:7: spec.checks[0].retry: unknown field"
                + " (expected one of: description, id, needs, retries, timeout, type, weight, with)");
    }

    @Test
    void anUnknownDefaultsFieldListsTheAllowedOnes() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  defaults: {concurrency: 2}\n"));
        assertProblems(e, "c.yaml:5:14: spec.defaults.concurrency: unknown field (expected one of: retries, timeout)");
    }

    @Test
    void anUnknownWithParameterSuggestsTheNearestParameterOfThatType() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: http
                      with:
                        url: https://example.com/
                        expectedStatus: [200]
                """));
        assertProblems(e, "c.yaml:10:9: spec.checks[0].with.expectedStatus: type 'http' has no parameter 'expectedStatus'"
                + " (did you mean 'expectStatus'?)");
    }

    @Test
    void metadataIsRequired() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                spec:
                  checks:
                    - {id: a, type: tcp, with: {address: "h:1"}}
                """);
        assertProblems(e, "c.yaml:1:1: metadata: missing required field (every checklist needs metadata.name)");
    }

    @Test
    void metadataNameIsRequired() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("metadata: {name: demo}", "metadata:\n  description: no name"));
        assertProblems(e, "c.yaml:4:3: metadata.name: missing required field");
    }

    @Test
    void specIsRequired() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                """);
        assertProblems(e, "c.yaml:1:1: spec: missing required field");
    }

    @Test
    void specChecksIsRequired() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  concurrency: 2
                """);
        assertProblems(e, "c.yaml:5:3: spec.checks: missing required field");
    }

    @Test
    void specChecksMustNotBeEmpty() {
        InvalidInputException e = invalid(Loading.HEADER.replace("checks:", "checks: []"));
        assertProblems(e, "c.yaml:5:11: spec.checks: a checklist needs at least one check");
    }

    @Test
    void specChecksMustBeAList() {
        InvalidInputException e = invalid(Loading.HEADER.replace("checks:", "checks: {a: 1}"));
        assertProblems(e, "c.yaml:5:11: spec.checks: expected a list, found a mapping");
    }

    @Test
    void aCheckMustBeAMapping() {
        InvalidInputException e = invalid(withChecks("    - tcp\n"));
        assertProblems(e, "c.yaml:6:7: spec.checks[0]: expected a mapping (key: value), found a string");
    }

    @Test
    void aChecksTypeIsRequired() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      with: {address: "h:1"}
                """));
        assertProblems(e, "c.yaml:6:7: spec.checks[0].type: missing required field");
    }

    @Test
    void aChecksIdIsRequired() {
        InvalidInputException e = invalid(withChecks("    - {type: tcp, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:7: spec.checks[0].id: missing required field");
    }

    @Test
    void aRequiredWithParameterIsReportedAtWith() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: http
                      with:
                        method: HEAD
                """));
        assertProblems(e, "c.yaml:9:9: spec.checks[0].with.url: missing required parameter of type 'http'"
                + " (http:// or https:// URL to request)");
    }

    @Test
    void aRequiredWithParameterIsReportedAtTheCheckWhenWithIsMissing() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: tcp
                """));
        assertProblems(e, "c.yaml:6:7: spec.checks[0].with.address: missing required parameter of type 'tcp' (host:port)");
    }

    @Test
    void anUnknownCheckTypeSuggestsTheNearestName() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: htp
                      with: {url: "https://example.com/"}
                """));
        assertProblems(e, "c.yaml:7:13: spec.checks[0].type: unknown check type 'htp' (did you mean 'http'?)");
    }

    @Test
    void anUnknownCheckTypeFarFromAnyListsTheKnownTypes() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: kubernetes.nodes}\n"));
        assertProblems(e, "c.yaml:6:21: spec.checks[0].type: unknown check type 'kubernetes.nodes'"
                + " (expected one of: dns, goproxy.chain, goproxy.latest, goproxy.list, goproxy.module, goproxy.notfound,"
                + " goproxy.private, gosum.verify, http, kube.apiserver, kube.certificates, kube.drift, kube.gitops,"
                + " kube.nodes, kube.techdebt, kube.workloads, sumdb.verify, tcp, tls)");
    }

    @Test
    void anInvalidChecklistNameSaysWhatNamesLookLike() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("{name: demo}", "{name: My_Checklist}"));
        assertProblems(e, "c.yaml:3:18: metadata.name: 'My_Checklist' is not a valid name"
                + " (use lower-case letters, digits and '-', at most 63 characters, e.g. proxy-health)");
    }

    @Test
    void anInvalidCheckIdIsReported() {
        InvalidInputException e = invalid(withChecks("    - {id: -a, type: tcp, with: {address: \"h:1\"}}\n"));
        assertProblem(e, "c.yaml:6:12", "spec.checks[0].id: '-a' is not a valid name");
    }

    @Test
    void namesMayBeAtMostSixtyThreeCharacters() {
        String longest = "a".repeat(63);
        String tooLong = "a".repeat(64);
        InvalidInputException e = invalid(withChecks(
                "    - {id: " + longest + ", type: tcp, with: {address: \"h:1\"}}\n"
                + "    - {id: " + tooLong + ", type: tcp, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:7:12: spec.checks[1].id: '" + tooLong + "' is not a valid name"
                + " (use lower-case letters, digits and '-', at most 63 characters, e.g. proxy-health)");
    }

    @Test
    void aNameMustBeAString() {
        InvalidInputException e = invalid(withChecks("    - {id: [a], type: tcp, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:12: spec.checks[0].id: expected a string, found a list");
    }

    @Test
    void aDuplicateCheckIdNamesTheLineOfTheFirst() {
        InvalidInputException e = invalid(withChecks("""
                    - id: proxy
                      type: tcp
                      with: {address: "h:1"}
                    - id: proxy
                      type: tcp
                      with: {address: "h:2"}
                """));
        assertProblems(e, "c.yaml:9:11: spec.checks[1].id: duplicate check id 'proxy' (first used at line 6)");
    }

    @Test
    void aDuplicateYamlKeyNamesTheLineOfTheFirst() {
        InvalidInputException e = invalid(withChecks("""
                    - id: a
                      type: tcp
                      with: {address: "h:1"}
                      type: dns
                """));
        assertProblem(e, "c.yaml:9:7", "spec.checks[0]: duplicate key 'type' (first defined at line 7)");
    }

    @Test
    void aDuplicateTopLevelKeyIsReportedWithTheOtherProblems() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                kind: Checklist
                metadata: {name: demo}
                spec:
                  checks:
                    - {id: a, type: htp}
                """);
        assertProblems(e,
                "c.yaml:3:1: duplicate key 'kind' (first defined at line 2)",
                "c.yaml:7:21: spec.checks[0].type: unknown check type 'htp' (did you mean 'http'?)");
    }

    @Test
    void retriesMustBeAWholeNumber() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, retries: many, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:35: spec.checks[0].retries: expected a whole number, found a string");
    }

    @Test
    void retriesAreAtMostTen() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, retries: 11, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:35: spec.checks[0].retries: 11 is out of range (allowed: 0 to 10)");
    }

    @Test
    void defaultRetriesAreCheckedToo() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  defaults: {retries: -1}\n"));
        assertProblems(e, "c.yaml:5:23: spec.defaults.retries: -1 is out of range (allowed: 0 to 10)");
    }

    @Test
    void concurrencyMustBeAWholeNumber() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  concurrency: \"x\"\n"));
        assertProblems(e, "c.yaml:5:16: spec.concurrency: expected a whole number, found a quoted string");
    }

    @Test
    void concurrencyIsBetweenOneAndTwoHundredFiftySix() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  concurrency: 0\n"));
        assertProblems(e, "c.yaml:5:16: spec.concurrency: 0 is out of range (allowed: 1 to 256)");
    }

    @Test
    void withMustBeAMapping() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: [1, 2]}\n"));
        assertProblems(e, "c.yaml:6:32: spec.checks[0].with: expected a mapping (key: value), found a list");
    }

    @Test
    void weightMustBeANumber() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, weight: heavy, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:34: spec.checks[0].weight: expected a number, found a string");
    }

    @Test
    void weightIsAtMostAThousand() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, weight: 1001, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:34: spec.checks[0].weight: 1001 is out of range (allowed: 0.0 to 1000.0)");
    }

    @Test
    void needsMustBeAListOfIds() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, needs: b, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:33: spec.checks[0].needs: expected a list, found a string");
    }

    @Test
    void aMalformedTimeoutGetsTheUseEgHint() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, timeout: 10 secs, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:35: spec.checks[0].timeout: '10 secs' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)");
    }

    @Test
    void aDefaultTimeoutIsCheckedLikeACheckTimeout() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  defaults: {timeout: 10}\n"));
        assertProblems(e, "c.yaml:5:23: spec.defaults.timeout: '10' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)");
    }

    @Test
    void aTimeoutIsAtMostTenMinutes() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, timeout: 11m, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:35: spec.checks[0].timeout: 11m is out of range (allowed: 1ms to 10m)");
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, timeout: 0s, with: {address: \"h:1\"}}\n"));
        assertProblems(e, "c.yaml:6:35: spec.checks[0].timeout: 0s is out of range (allowed: 1ms to 10m)");
    }

    @Test
    void labelsMustBeStrings() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("{name: demo}", "{name: demo, labels: {env: [prod]}}"));
        assertProblems(e, "c.yaml:3:38: metadata.labels.env: expected a string, found a list");
    }

    @Test
    void aScheduleNeedsEveryOrCron() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {timezone: UTC}\n"));
        assertProblems(e, "c.yaml:5:13: spec.schedule: give exactly one of 'every' and 'cron'");
    }

    @Test
    void aScheduleIntervalIsAtLeastTenSeconds() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {every: 5s}\n"));
        assertProblems(e, "c.yaml:5:21: spec.schedule.every: interval 5s is shorter than 10s");
    }

    @Test
    void aScheduleCronNamesTheWrongField() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {cron: \"61 * * * *\"}\n"));
        assertProblems(e, "c.yaml:5:20: spec.schedule.cron: minute: 61 is outside 0-59");
    }

    @Test
    void aScheduleWithBothEveryAndCronIsRefused() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {every: 5m, cron: \"@hourly\"}\n"));
        assertProblems(e, "c.yaml:5:13: spec.schedule: give exactly one of 'every' and 'cron'");
    }

    @Test
    void aScheduleTimeZoneMustExist() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {cron: \"@daily\", timezone: Europe/Berln}\n"));
        assertProblems(e, "c.yaml:5:40: spec.schedule.timezone: 'Europe/Berln' is not a time zone (e.g. UTC, Europe/Berlin)");
    }

    @Test
    void aScheduleCronThatNeverFiresIsRefused() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule:\n    cron: \"0 0 30 2 *\"\n"));
        assertProblems(e, "c.yaml:6:11: spec.schedule.cron: '0 0 30 2 *' never fires (no such date)");
    }

    @Test
    void aScheduleWithAnUnknownFieldSuggestsTheNearest() {
        InvalidInputException e = invalid(withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n")
                .replace("spec:\n", "spec:\n  schedule: {cron: \"@daily\", timzone: UTC}\n"));
        assertProblem(e, "c.yaml:5:30", "spec.schedule.timzone: unknown field (did you mean 'timezone'?)");
    }

    @Test
    void severalProblemsAreReportedTogether() {
        InvalidInputException e = invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata:
                  name: Demo
                spec:
                  concurrency: many
                  checks:
                    - id: a
                      type: htp
                    - id: a
                      type: tcp
                      timeout: 10 secs
                      with: {adress: "h:1"}
                """);
        assertProblems(e,
                "c.yaml:4:9: metadata.name: 'Demo' is not a valid name"
                        + " (use lower-case letters, digits and '-', at most 63 characters, e.g. proxy-health)",
                "c.yaml:6:16: spec.concurrency: expected a whole number, found a string",
                "c.yaml:9:13: spec.checks[0].type: unknown check type 'htp' (did you mean 'http'?)",
                "c.yaml:10:11: spec.checks[1].id: duplicate check id 'a' (first used at line 8)",
                "c.yaml:12:16: spec.checks[1].timeout: '10 secs' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)",
                "c.yaml:13:14: spec.checks[1].with.adress: type 'tcp' has no parameter 'adress' (did you mean 'address'?)",
                "c.yaml:13:13: spec.checks[1].with.address: missing required parameter of type 'tcp' (host:port)");
        Problem first = e.problems().get(0);
        assertEquals(4, first.position().line());
        assertEquals(7, e.getMessage().lines().count(), "one line per problem:\n" + e.getMessage());
    }
}
