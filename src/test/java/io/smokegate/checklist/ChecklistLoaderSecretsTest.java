package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.invalid;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smokegate.input.InvalidInputException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Problems never show a value taken from the environment: a parameter that is invalid with a secret in it
 * is reported with the secret masked, whichever check type or conversion produced the message.
 */
class ChecklistLoaderSecretsTest {

    private static final String SECRET = Loading.ENV.get("TOKEN");

    /** The problems of a checklist whose only check is {@code check}, asserting the secret is in none of them. */
    private static InvalidInputException invalidCheck(String check) {
        InvalidInputException e = invalid(Loading.withChecks("    - " + check + "\n"));
        assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains(SECRET), e.getMessage());
        return e;
    }

    @Test
    void anInvalidUrlDoesNotShowTheSecretInIt() {
        InvalidInputException e = invalidCheck("{id: a, type: http, with: {url: \"http://x/?t=${env:TOKEN} y\"}}");
        assertProblems(e, "c.yaml:6:39: spec.checks[0].with.url: 'http://x/?t=«redacted» y' is not a URL: Illegal character in query");
    }

    @Test
    void anInvalidTcpAddressDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck("{id: a, type: tcp, with: {address: \"${env:TOKEN}\"}}");
        assertProblems(e, "c.yaml:6:42: spec.checks[0].with.address: '«redacted»' is not host:port"
                + " (e.g. db.internal:5432 or [::1]:6379)");
    }

    @Test
    void anInvalidTlsAddressDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck("{id: a, type: tls, with: {address: \"${env:TOKEN}:https\"}}");
        assertProblems(e, "c.yaml:6:42: spec.checks[0].with.address: '«redacted»:https' is not host:port"
                + " (e.g. example.com:443 or [::1]:8443)");
    }

    @Test
    void anInvalidExpectStatusDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck(
                "{id: a, type: http, with: {url: \"https://h/\", expectStatus: \"${env:TOKEN}\"}}");
        assertProblems(e, "c.yaml:6:67: spec.checks[0].with.expectStatus: '«redacted»' is not a status code pattern"
                + " (use e.g. 200, 2xx or 200-299)");
    }

    @Test
    void anInvalidMaxLatencyDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck(
                "{id: a, type: http, with: {url: \"https://h/\", maxLatency: \"${env:TOKEN}\"}}");
        assertProblems(e, "c.yaml:6:65: spec.checks[0].with.maxLatency: '«redacted»' is not a duration"
                + " (use e.g. 500ms, 10s, 1m30s, 2h)");
    }

    @Test
    void anInvalidRecordTypeDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck(
                "{id: a, type: dns, with: {name: example.com, recordType: \"${env:TOKEN}\"}}");
        assertProblems(e, "c.yaml:6:64: spec.checks[0].with.recordType: '«redacted»' is not supported"
                + " (one of A, AAAA, CNAME)");
    }

    @Test
    void anInvalidBodyRegexDoesNotShowTheSecret() {
        InvalidInputException e = invalidCheck(
                "{id: a, type: http, with: {url: \"https://h/\", bodyRegex: \"(${env:TOKEN}\"}}");
        assertProblems(e, "c.yaml:6:64: spec.checks[0].with.bodyRegex: '(«redacted»' is not a regular expression: Unclosed group");
    }

    @Test
    void anUpperCasedSecretInAMessageIsMaskedToo() {
        // the method is upper-cased before it is checked, and the message shows it so
        InvalidInputException e = invalidCheck(
                "{id: a, type: http, with: {url: \"https://h/\", method: \"${env:TOKEN} x\"}}");
        assertProblems(e, "c.yaml:6:61: spec.checks[0].with.method: '«redacted» X' is not an HTTP method");
    }

    @Test
    void aSecretReachedThroughAVarIsMaskedInProblems() {
        InvalidInputException e = invalid(Loading.withChecks("    - {id: a, type: tcp, with: {address: \"${addr}\"}}\n")
                .replace("spec:\n", "spec:\n  vars: {addr: \"${env:TOKEN}\"}\n"));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertProblems(e, "c.yaml:7:42: spec.checks[0].with.address: '«redacted»' is not host:port"
                + " (e.g. db.internal:5432 or [::1]:6379)");
    }

    @Test
    void valuesNotFromTheEnvironmentAreStillShown() {
        InvalidInputException e = invalid(Loading.withChecks("    - {id: a, type: tcp, with: {address: \"no-port\"}}\n"));
        assertProblems(e, "c.yaml:6:42: spec.checks[0].with.address: 'no-port' is not host:port"
                + " (e.g. db.internal:5432 or [::1]:6379)");
    }
}
