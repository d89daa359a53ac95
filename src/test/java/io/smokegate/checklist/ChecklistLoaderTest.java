package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.echoLoader;
import static io.smokegate.checklist.Loading.echoed;
import static io.smokegate.checklist.Loading.load;
import static io.smokegate.checklist.Loading.standardLoader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checklists that are valid load into exactly what they say. */
class ChecklistLoaderTest {

    static final String FULL = """
            apiVersion: smokegate.io/v1
            kind: Checklist
            metadata:
              name: goproxy-public
              description: the public Go proxy answers
              labels: {env: prod, team: platform}
            spec:
              vars:
                proxy: https://proxy.golang.org
                host: proxy.golang.org
              defaults: {timeout: 5s, retries: 2}
              concurrency: 4
              schedule: {every: 5m}
              checks:
                - id: proxy-tcp
                  type: tcp
                  with: {address: "${host}:443"}
                - id: uuid-module
                  type: http
                  description: a well-known module is listed
                  weight: 2.5
                  timeout: 1m30s
                  retries: 0
                  needs: [proxy-tcp]
                  with:
                    url: ${proxy}/github.com/google/uuid/@v/list
                    expectStatus: [200]
            """;

    @Test
    void aValidChecklistLoadsItsMetadata() throws InvalidInputException {
        Checklist c = load(FULL);
        assertEquals("goproxy-public", c.name());
        assertEquals("the public Go proxy answers", c.description());
        assertEquals(Map.of("env", "prod", "team", "platform"), c.labels());
        assertEquals("c.yaml", c.source());
    }

    @Test
    void aValidChecklistLoadsItsChecksInFileOrder() throws InvalidInputException {
        Checklist c = load(FULL);
        assertEquals(List.of("proxy-tcp", "uuid-module"), c.checks().stream().map(CheckSpec::id).toList());
        assertEquals(List.of("tcp", "http"), c.checks().stream().map(CheckSpec::type).toList());
        assertEquals("TcpCheck", c.check("proxy-tcp").orElseThrow().check().getClass().getSimpleName());
        assertEquals("HttpCheck", c.check("uuid-module").orElseThrow().check().getClass().getSimpleName());
    }

    @Test
    void eachCheckRemembersWhereItStands() throws InvalidInputException {
        Checklist c = load(FULL);
        assertEquals(new Position("c.yaml", 15, 7), c.check("proxy-tcp").orElseThrow().position());
        assertEquals(new Position("c.yaml", 18, 7), c.check("uuid-module").orElseThrow().position());
    }

    @Test
    void defaultsApplyToChecksThatSetNothing() throws InvalidInputException {
        CheckSpec tcp = load(FULL).check("proxy-tcp").orElseThrow();
        assertEquals(Duration.ofSeconds(5), tcp.timeout());
        assertEquals(2, tcp.retries());
        assertEquals(1.0, tcp.weight());
        assertEquals(List.of(), tcp.needs());
        assertEquals("", tcp.description());
    }

    @Test
    void aCheckOverridesTheDefaults() throws InvalidInputException {
        CheckSpec http = load(FULL).check("uuid-module").orElseThrow();
        assertEquals(Duration.ofSeconds(90), http.timeout());
        assertEquals(0, http.retries());
        assertEquals(2.5, http.weight());
        assertEquals(List.of("proxy-tcp"), http.needs());
        assertEquals("a well-known module is listed", http.description());
    }

    @Test
    void concurrencyAndScheduleAreRead() throws InvalidInputException {
        Checklist c = load(FULL);
        assertEquals(4, c.concurrency());
        assertEquals(new Schedule.Every(Duration.ofMinutes(5)), c.schedule());
        assertEquals(Map.of("every", "5m"), c.schedule().describe());
    }

    @Test
    void withoutDefaultsEveryCheckGetsTenSecondsAndNoRetries() throws InvalidInputException {
        Checklist c = load("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: minimal}
                spec:
                  checks:
                    - {id: only, type: tcp, with: {address: "localhost:22"}}
                """);
        CheckSpec only = c.checks().get(0);
        assertEquals(Duration.ofSeconds(10), only.timeout());
        assertEquals(ChecklistLoader.DEFAULT_TIMEOUT, only.timeout());
        assertEquals(0, only.retries());
        assertEquals(16, c.concurrency());
        assertNull(c.schedule());
        assertTrue(c.optionalSchedule().isEmpty());
        assertEquals(Map.of(), c.labels());
        assertEquals("", c.description());
        assertTrue(c.redactor().isEmpty());
    }

    @Test
    void aCronScheduleKeepsItsTimeZone() throws InvalidInputException {
        Checklist c = load("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: nightly}
                spec:
                  schedule: {cron: "30 2 * * MON-FRI", timezone: Europe/Berlin}
                  checks:
                    - {id: only, type: tcp, with: {address: "localhost:22"}}
                """);
        Schedule.OnCron cron = assertInstanceOf(Schedule.OnCron.class, c.schedule());
        assertEquals(ZoneId.of("Europe/Berlin"), cron.zone());
        assertEquals(Map.of("cron", "30 2 * * MON-FRI", "timezone", "Europe/Berlin"), cron.describe());
        // Friday 2025-06-06 12:00 UTC: the next run is Monday 02:30 in Berlin, 00:30 UTC
        assertEquals(Instant.parse("2025-06-09T00:30:00Z"), c.schedule().next(Instant.parse("2025-06-06T12:00:00Z")).orElseThrow());
    }

    @Test
    void aCronScheduleWithoutTimeZoneRunsInUtc() throws InvalidInputException {
        Checklist c = load("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: hourly}
                spec:
                  schedule: {cron: "@hourly"}
                  checks:
                    - {id: only, type: tcp, with: {address: "localhost:22"}}
                """);
        assertEquals(Map.of("cron", "@hourly", "timezone", "Z"), c.schedule().describe());
    }

    @Test
    void varsExpandIntoParameters() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {host: example.com, port: 8443}
                  checks:
                    - id: e
                      type: echo
                      with:
                        text: "https://${host}:${port}/health"
                        items: ["${host}", "www.${host}"]
                        headers: {Host: "${host}"}
                        values: {/host: "${host}"}
                """, Map.of());
        Map<String, Object> v = echoed(c, "e");
        assertEquals("https://example.com:8443/health", v.get("text"));
        assertEquals(List.of("example.com", "www.example.com"), v.get("items"));
        assertEquals(Map.of("Host", "example.com"), v.get("headers"));
        assertEquals(Map.of("/host", "example.com"), v.get("values"));
    }

    @Test
    void aSetOverrideReplacesAVar() throws InvalidInputException {
        String yaml = """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {host: example.com}
                  checks:
                    - {id: e, type: echo, with: {text: "https://${host}/"}}
                """;
        Checklist c = echoLoader().parse("c.yaml", yaml, Map.of("host", "staging.example.org"));
        assertEquals("https://staging.example.org/", echoed(c, "e").get("text"));
    }

    @Test
    void aSetOverrideIsUsedLiterallyNotExpandedAgain() throws InvalidInputException {
        String yaml = """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {host: example.com}
                  checks:
                    - {id: e, type: echo, with: {text: "${host}"}}
                """;
        Checklist c = echoLoader().parse("c.yaml", yaml, Map.of("host", "${env:TOKEN}"));
        assertEquals("${env:TOKEN}", echoed(c, "e").get("text"));
        assertTrue(c.redactor().isEmpty(), "nothing was read from the environment");
    }

    @Test
    void aSetOverrideMakesAnUnsetEnvironmentVariableUnnecessary() throws InvalidInputException {
        String yaml = """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {host: "${env:UNSET_HOST}"}
                  checks:
                    - {id: e, type: echo, with: {text: "${host}"}}
                """;
        Checklist c = echoLoader().parse("c.yaml", yaml, Map.of("host", "example.com"));
        assertEquals("example.com", echoed(c, "e").get("text"));
    }

    @Test
    void varsAreExpandedBeforeCheckTypesValidate() {
        // the standard http type sees the expanded text, so its message quotes it
        InvalidInputException e = Loading.invalid("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {host: example.com}
                  checks:
                    - {id: web, type: http, with: {url: "${host}/health"}}
                """);
        Loading.assertProblem(e, "c.yaml:7:41", "spec.checks[0].with.url: 'example.com/health' must start with http:// or https://");
    }

    @Test
    void dollarDollarBraceIsALiteralDollarBrace() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  checks:
                    - {id: e, type: echo, with: {text: "echo $${HOME} costs $5"}}
                """, Map.of());
        assertEquals("echo ${HOME} costs $5", echoed(c, "e").get("text"));
    }

    @Test
    void unsetOptionalParametersGetTheTypesDefaults() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", Loading.withChecks("    - {id: e, type: echo, with: {text: hi}}\n"),
                Map.of());
        Map<String, Object> v = echoed(c, "e");
        assertEquals(3L, v.get("count"));
        assertEquals(false, v.get("flag"));
        assertEquals(Duration.ofSeconds(1), v.get("wait"));
        assertEquals(1024L, v.get("limit"));
        assertNull(v.get("items"));
    }

    @Test
    void parametersAreConvertedToTheirDeclaredKinds() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", Loading.withChecks("""
                    - id: e
                      type: echo
                      with:
                        text: "  padded  "
                        count: 100
                        flag: true
                        wait: 1m30s
                        limit: 64KiB
                        items: single
                        headers: {Accept: application/json, X-Retry: 3}
                        values: {/ok: true, /enabled: yes, /count: 2, /ratio: 0.5, /name: x, /none: null}
                """), Map.of());
        Map<String, Object> v = echoed(c, "e");
        assertEquals("  padded  ", v.get("text"), "strings keep their spaces");
        assertEquals(100L, v.get("count"));
        assertEquals(true, v.get("flag"));
        assertEquals(Duration.ofSeconds(90), v.get("wait"));
        assertEquals(65536L, v.get("limit"));
        assertEquals(List.of("single"), v.get("items"), "a single scalar is a list of one");
        assertEquals(Map.of("Accept", "application/json", "X-Retry", "3"), v.get("headers"));
        Map<?, ?> values = (Map<?, ?>) v.get("values");
        assertEquals(true, values.get("/ok"));
        assertEquals(true, values.get("/enabled"), "YAML 1.1 'yes' is true");
        assertEquals(2L, values.get("/count"));
        assertEquals(0.5, values.get("/ratio"));
        assertEquals("x", values.get("/name"));
        assertTrue(values.containsKey("/none"));
        assertNull(values.get("/none"));
    }

    @Test
    void aListOfMappingsKeepsItsOrderAndExpandsVars() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {ns: payments}
                  checks:
                    - {id: e, type: echo, with: {text: hi, objects: [{namespace: "${ns}", name: api}, {name: worker, replicas: 2}]}}
                """, Map.of());
        assertEquals(List.of(Map.of("namespace", "payments", "name", "api"), Map.of("name", "worker", "replicas", "2")),
                echoed(c, "e").get("objects"));
    }

    @Test
    void aSingleMappingIsAListOfOneMapping() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", Loading.withChecks(
                "    - {id: e, type: echo, with: {text: hi, objects: {name: api}}}\n"), Map.of());
        assertEquals(List.of(Map.of("name", "api")), echoed(c, "e").get("objects"));
    }

    @Test
    void aListOfMappingsRefusesAnEntryThatIsNotAMapping() {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> echoLoader().parse("c.yaml", Loading.withChecks(
                        "    - {id: e, type: echo, with: {text: hi, objects: [{name: api}, worker]}}\n"), Map.of()));
        assertTrue(e.getMessage().contains("spec.checks[0].with.objects[1]: expected a mapping"), e.getMessage());
    }

    @Test
    void numbersWrittenAsTextAreAcceptedForWholeNumberParameters() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", Loading.withChecks(
                "    - {id: e, type: echo, with: {text: hi, count: \" 42 \"}}\n"), Map.of());
        assertEquals(42L, echoed(c, "e").get("count"));
    }

    @Test
    void aWholeNumberParameterCanComeFromAVar() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {n: 7, slow: 2s}
                  checks:
                    - {id: e, type: echo, with: {text: hi, count: "${n}", wait: "${slow}"}}
                """, Map.of());
        assertEquals(7L, echoed(c, "e").get("count"));
        assertEquals(Duration.ofSeconds(2), echoed(c, "e").get("wait"));
    }

    @Test
    void loadReadsAFileAndNamesItAsTheSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("proxy.yaml");
        Files.writeString(file, FULL);
        Checklist c = standardLoader().load(file, Map.of());
        assertEquals(file.toString(), c.source());
        assertEquals(new Position(file.toString(), 15, 7), c.checks().get(0).position());
    }

    @Test
    void loadNamesTheFileInEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, FULL.replace("type: tcp", "type: tpc"));
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> standardLoader().load(file, Map.of()));
        assertEquals(file + ":16:13: spec.checks[0].type: unknown check type 'tpc' (did you mean 'tcp'?)", e.getMessage());
    }

    @Test
    void theExampleChecklistShippedWithSmokegateLoads() throws InvalidInputException {
        Path example = Path.of("checklists/public-endpoints.yaml");
        Checklist c = new ChecklistLoader(CheckRegistry.standard(), name -> null).load(example, Map.of());
        assertEquals("public-endpoints", c.name());
        assertEquals(7, c.checks().size());
        assertEquals(8, c.concurrency());
        assertEquals(new Schedule.Every(Duration.ofMinutes(5)), c.schedule());
        assertEquals(List.of("maven-tcp"), c.check("maven-tls").orElseThrow().needs());
        assertEquals(1, c.check("npm-package").orElseThrow().retries());
    }

    @Test
    void aChecklistNeedsNoVarsWhenItUsesNone() throws InvalidInputException {
        Checklist c = load(Loading.withChecks("    - {id: a, type: dns, with: {name: example.com, recordType: aaaa}}\n"));
        assertEquals("dns", c.checks().get(0).type());
    }
}
