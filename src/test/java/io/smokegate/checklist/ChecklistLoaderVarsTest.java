package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.echoLoader;
import static io.smokegate.checklist.Loading.echoed;
import static io.smokegate.checklist.Loading.invalid;
import static io.smokegate.checklist.Loading.invalidWithEcho;
import static io.smokegate.checklist.Loading.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code spec.vars}, {@code ${var}}, {@code ${env:NAME}}, {@code --set} and the secrets they carry. */
class ChecklistLoaderVarsTest {

    /** A checklist with the given vars and one echo check whose text is {@code text}. */
    private static String echo(String vars, String text) {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: %s
                  checks:
                    - id: e
                      type: echo
                      with:
                        text: "%s"
                """.formatted(vars, text);
    }

    private static Checklist loadEcho(String yaml) throws InvalidInputException {
        return echoLoader().parse("c.yaml", yaml, Map.of());
    }

    @Test
    void aSetOfAVarTheChecklistDoesNotDeclareIsReportedAgainstTheFlag() {
        InvalidInputException e = invalidWithEcho(echo("{proxy: https://proxy.golang.org}", "${proxy}"), Map.of("prxy", "x"));
        assertProblems(e, "--set prxy: the checklist declares no var 'prxy' (did you mean 'proxy'?)");
        assertEquals(Position.of("--set prxy"), e.problems().get(0).position());
    }

    @Test
    void aSetWithoutAnyDeclaredVarsSaysWhereToDeclareThem() {
        InvalidInputException e = invalid(Loading.withChecks("    - {id: a, type: tcp, with: {address: \"h:1\"}}\n"),
                Map.of("proxy", "x"));
        assertProblems(e, "--set proxy: the checklist declares no var 'proxy' (declare it under spec.vars)");
    }

    @Test
    void anUndefinedVarSuggestsTheNearestDeclaredOne() {
        InvalidInputException e = invalid(Loading.withChecks(
                "    - {id: a, type: tcp, with: {address: \"${hots}:443\"}}\n").replace("spec:\n", "spec:\n  vars: {host: h}\n"));
        assertProblems(e, "c.yaml:7:42: spec.checks[0].with.address: undefined var 'hots', did you mean 'host'?");
    }

    @Test
    void anUndefinedVarListsTheDeclaredOnesWhenNoneIsNear() {
        InvalidInputException e = invalid(Loading.withChecks(
                "    - {id: a, type: tcp, with: {address: \"${region}\"}}\n").replace("spec:\n", "spec:\n  vars: {host: h, zone: z}\n"));
        assertProblems(e, "c.yaml:7:42: spec.checks[0].with.address: undefined var 'region' (declared: host, zone)");
    }

    @Test
    void anUndefinedVarWithoutAnyVarsSaysSpecVarsIsEmpty() {
        InvalidInputException e = invalid(Loading.withChecks("    - {id: a, type: tcp, with: {address: \"${host}:443\"}}\n"));
        assertProblems(e, "c.yaml:6:42: spec.checks[0].with.address: undefined var 'host' (spec.vars is empty)");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        InvalidInputException e = invalid(Loading.withChecks(
                "    - {id: a, type: http, with: {url: \"https://h/\", headers: {Authorization: \"${env:NO_SUCH_TOKEN}\"}}}\n"));
        // reported at the headers mapping; the field names the header
        assertProblems(e, "c.yaml:6:62: spec.checks[0].with.headers.Authorization: environment variable NO_SUCH_TOKEN is not set");
    }

    @Test
    void anUnsetEnvironmentVariableInAVarIsReportedAtTheVar() {
        InvalidInputException e = invalidWithEcho(echo("\n    token: \"${env:NO_SUCH_TOKEN}\"", "${token}"));
        assertProblems(e, "c.yaml:6:12: spec.vars.token: environment variable NO_SUCH_TOKEN is not set");
    }

    @Test
    void aVarWithAnInvalidValueIsReportedOnlyWhereItIsDeclared() {
        InvalidInputException e = invalidWithEcho("""
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: demo}
                spec:
                  vars: {token: "${env:NO_SUCH_TOKEN}"}
                  checks:
                    - {id: a, type: echo, with: {text: "${token}"}}
                    - {id: b, type: echo, with: {text: "Bearer ${token}"}}
                """);
        assertProblems(e, "c.yaml:5:17: spec.vars.token: environment variable NO_SUCH_TOKEN is not set");
    }

    @Test
    void anEnvironmentReferenceMustNameAVariable() {
        InvalidInputException e = invalidWithEcho(echo("{token: \"${env:MY-TOKEN}\"}", "${token}"));
        assertProblems(e, "c.yaml:5:17: spec.vars.token: 'MY-TOKEN' is not an environment variable name");
    }

    @Test
    void anUnterminatedReferenceSaysHowToWriteALiteral() {
        InvalidInputException e = invalid(Loading.withChecks(
                "    - {id: a, type: http, with: {url: \"https://h/${path\"}}\n").replace("spec:\n", "spec:\n  vars: {path: x}\n"));
        assertProblems(e, "c.yaml:7:39: spec.checks[0].with.url: unterminated '${' (write $${ for a literal ${)");
    }

    @Test
    void varsMayNotReferToOtherVars() {
        InvalidInputException e = invalidWithEcho(echo("\n    host: example.com\n    url: \"https://${host}/\"", "${url}"));
        assertProblems(e, "c.yaml:7:10: spec.vars.url: ${host}: vars may refer to ${env:NAME} only, not to other vars");
    }

    @Test
    void varsMayReferToTheEnvironment() throws InvalidInputException {
        Checklist c = loadEcho(echo("{proxy: \"https://${env:PROXY_HOST}:3000\"}", "${proxy}/healthz"));
        assertEquals("https://proxy.internal:3000/healthz", echoed(c, "e").get("text"));
    }

    @Test
    void aDollarDollarBraceInAVarStaysLiteralWhereTheVarIsUsed() throws InvalidInputException {
        Checklist c = loadEcho(echo("{template: \"$${name}\"}", "<${template}>"));
        assertEquals("<${name}>", echoed(c, "e").get("text"));
    }

    @Test
    void aVarNameMustBeAnIdentifier() {
        InvalidInputException e = invalidWithEcho(echo("{9lives: x}", "x"));
        assertProblems(e, "c.yaml:5:10: spec.vars.9lives: var names are letters, digits and _ (not starting with a digit)");
    }

    @Test
    void aVarValueMustBeAScalar() {
        InvalidInputException e = invalidWithEcho(echo("{hosts: [a, b]}", "x"));
        assertProblems(e, "c.yaml:5:17: spec.vars.hosts: expected a string, found a list");
    }

    @Test
    void varsMustBeAMapping() {
        InvalidInputException e = invalidWithEcho(echo("[a, b]", "x"));
        assertProblems(e, "c.yaml:5:9: spec.vars: expected a mapping (key: value), found a list");
    }

    @Test
    void everyProblemWithVarsIsReportedTogether() {
        InvalidInputException e = invalidWithEcho(echo("{a: \"${env:UNSET_A}\", b: \"${a}\"}", "${c}"), Map.of("d", "1"));
        assertProblems(e,
                "c.yaml:5:13: spec.vars.a: environment variable UNSET_A is not set",
                "c.yaml:5:34: spec.vars.b: ${a}: vars may refer to ${env:NAME} only, not to other vars",
                "c.yaml:10:15: spec.checks[0].with.text: undefined var 'c' (spec.vars is empty)",
                "--set d: the checklist declares no var 'd' (did you mean 'a'?)");
    }

    @Test
    void environmentValuesUsedDirectlyInParametersAreSecrets() throws InvalidInputException {
        Checklist c = load(Loading.withChecks(
                "    - {id: a, type: http, with: {url: \"https://h/\", headers: {Authorization: \"Bearer ${env:TOKEN}\"}}}\n"));
        assertFalse(c.redactor().isEmpty());
        assertEquals("sent Bearer «redacted»", c.redactor().redact("sent Bearer s3cr3t-token-value"));
    }

    @Test
    void environmentValuesReachedThroughAVarAreSecrets() throws InvalidInputException {
        Checklist c = loadEcho(echo("{auth: \"Bearer ${env:TOKEN}\"}", "${auth}"));
        assertEquals("Bearer s3cr3t-token-value", echoed(c, "e").get("text"));
        assertEquals("header Bearer «redacted»", c.redactor().redact("header Bearer s3cr3t-token-value"));
        assertEquals("Bearer", c.redactor().redact("Bearer"), "only the value from the environment is secret");
    }

    @Test
    void environmentValuesOfVarsNoCheckUsesAreStillSecrets() throws InvalidInputException {
        Checklist c = loadEcho(echo("{unused: \"${env:API_KEY}\"}", "plain"));
        assertEquals("«redacted»", c.redactor().redact("key-1234567"));
    }

    @Test
    void everyEnvironmentValueOfAChecklistIsCollected() throws InvalidInputException {
        Checklist c = loadEcho(echo("{auth: \"${env:TOKEN}\"}", "${auth} ${env:API_KEY} ${env:PROXY_HOST}"));
        assertEquals("«redacted» «redacted» «redacted»",
                c.redactor().redact("s3cr3t-token-value key-1234567 proxy.internal"));
    }

    @Test
    void environmentValuesShorterThanFourCharactersAreNotMasked() throws InvalidInputException {
        Checklist c = loadEcho(echo("{pin: \"${env:PIN}\"}", "${pin}"));
        assertEquals("123", echoed(c, "e").get("text"));
        assertTrue(c.redactor().isEmpty());
        assertEquals("order 123", c.redactor().redact("order 123"));
    }

    @Test
    void valuesFromVarsAndSetsAreNotSecrets() throws InvalidInputException {
        Checklist c = echoLoader().parse("c.yaml", echo("{host: example.com, zone: eu}", "${host} ${zone}"),
                Map.of("zone", "us-east-1"));
        assertEquals("example.com us-east-1", echoed(c, "e").get("text"));
        assertTrue(c.redactor().isEmpty());
    }

    @Test
    void secretsSurviveIntoDetailsAsRedactedValues() throws InvalidInputException {
        Checklist c = loadEcho(echo("{auth: \"${env:TOKEN}\"}", "${auth}"));
        Object redacted = c.redactor().redactValue(Map.of("request", Map.of("headers", List.of("Authorization: s3cr3t-token-value"))));
        assertEquals(Map.of("request", Map.of("headers", List.of("Authorization: «redacted»"))), redacted);
    }

    @Test
    void aSetProblemHasNoLineBecauseItCameFromTheCommandLine() {
        InvalidInputException e = invalidWithEcho(echo("{host: h}", "${host}"), Map.of("port", "1"));
        Problem p = e.problems().get(0);
        assertEquals(0, p.position().line());
        assertTrue(e.getMessage().startsWith("--set port: "), e.getMessage());
    }
}
