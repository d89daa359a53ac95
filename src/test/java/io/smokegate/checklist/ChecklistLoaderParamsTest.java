package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.invalid;
import static io.smokegate.checklist.Loading.invalidWithEcho;
import static io.smokegate.checklist.Loading.load;
import static io.smokegate.checklist.Loading.withChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code with:} parameters: converted to their declared kinds by the loader, then validated by the check
 * type; either way the problem stands at the parameter. Checks in these tests start on line 6.
 */
class ChecklistLoaderParamsTest {

    // --- validation by the standard check types ---

    @Test
    void anHttpUrlNeedsAScheme() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: example.com/health
                """));
        assertProblems(e, "c.yaml:9:14: spec.checks[0].with.url: 'example.com/health' must start with http:// or https://");
    }

    @Test
    void anHttpUrlMustBeHttpOrHttps() {
        InvalidInputException e = invalid(withChecks("    - {id: web, type: http, with: {url: \"ftp://example.com/\"}}\n"));
        assertProblems(e, "c.yaml:6:41: spec.checks[0].with.url: 'ftp://example.com/' must start with http:// or https://");
    }

    @Test
    void anHttpUrlMustParse() {
        InvalidInputException e = invalid(withChecks("    - {id: web, type: http, with: {url: \"https://exa mple.com/\"}}\n"));
        assertProblems(e, "c.yaml:6:41: spec.checks[0].with.url: 'https://exa mple.com/' is not a URL: Illegal character in authority");
    }

    @Test
    void anHttpUrlNeedsAHost() {
        InvalidInputException e = invalid(withChecks("    - {id: web, type: http, with: {url: \"https:///path\"}}\n"));
        assertProblems(e, "c.yaml:6:41: spec.checks[0].with.url: 'https:///path' has no host");
    }

    @Test
    void credentialsInAnHttpUrlAreRefusedBecauseTheyWouldReachReports() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://deploy:hunter2@repo.example.com/
                """));
        assertProblems(e, "c.yaml:9:14: spec.checks[0].with.url: credentials in the URL would end up in reports"
                + " (put them in headers: {Authorization: \"Basic ${env:TOKEN}\"})");
    }

    @Test
    void aBodyRegexMustCompile() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        bodyRegex: ["<version>(4\\\\.7"]
                """));
        assertProblems(e, "c.yaml:10:20: spec.checks[0].with.bodyRegex: '<version>(4\\.7' is not a regular expression: Unclosed group");
    }

    @Test
    void anExpectedHeaderPatternMustCompile() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        expectHeaders: {Content-Type: "*json"}
                """));
        assertProblems(e, "c.yaml:10:24: spec.checks[0].with.expectHeaders: '*json' is not a regular expression:"
                + " Dangling meta character '*'");
    }

    @Test
    void anExpectedStatusMustBeACodeAClassOrARange() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        expectStatus: [200, "2xxx"]
                """));
        assertProblems(e, "c.yaml:10:23: spec.checks[0].with.expectStatus: '2xxx' is not a status code pattern"
                + " (use e.g. 200, 2xx or 200-299)");
    }

    @Test
    void aStatusRangeMustNotRunBackwards() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", expectStatus: 299-200}}\n"));
        assertProblems(e, "c.yaml:6:79: spec.checks[0].with.expectStatus: '299-200' is not a status code pattern"
                + " (use e.g. 200, 2xx or 200-299)");
    }

    @Test
    void statusCodesClassesAndRangesAreAccepted() throws InvalidInputException {
        load(withChecks("    - {id: web, type: http, with: {url: \"https://example.com/\", expectStatus: [200, 3xx, 401-403]}}\n"));
    }

    @Test
    void aJsonExpectationNeedsAJsonPointer() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        json: {status: ok}
                """));
        assertProblems(e, "c.yaml:10:15: spec.checks[0].with.json: 'status' is not a JSON pointer"
                + " (pointers start with '/', e.g. /status or /items/0/name)");
    }

    @Test
    void aJsonExpectationIsAPlainValue() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        json: {/items: [a, b]}
                """));
        assertProblems(e, "c.yaml:10:24: spec.checks[0].with.json./items: expected a plain value, found a mapping or list");
    }

    @Test
    void aHeaderValueWithALineBreakIsRefused() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        headers: {X-Trace: "abc\\r\\nX-Injected: 1"}
                """));
        assertProblems(e, "c.yaml:10:18: spec.checks[0].with.headers: header X-Trace contains a line break");
    }

    @Test
    void aHeaderNameMustBeAToken() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        headers: {"X Trace": abc}
                """));
        assertProblems(e, "c.yaml:10:18: spec.checks[0].with.headers: 'X Trace' is not a valid header name");
    }

    @Test
    void aHeaderValueMustBeAScalar() {
        InvalidInputException e = invalid(withChecks("""
                    - id: web
                      type: http
                      with:
                        url: https://example.com/
                        headers: {Accept: [a, b]}
                """));
        assertProblems(e, "c.yaml:10:27: spec.checks[0].with.headers.Accept: expected a string, found a list");
    }

    @Test
    void anHttpMethodMustBeAToken() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", method: \"GET /\"}}\n"));
        assertProblems(e, "c.yaml:6:73: spec.checks[0].with.method: 'GET /' is not an HTTP method");
    }

    @Test
    void maxRedirectsHasARange() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", maxRedirects: 31}}\n"));
        assertProblems(e, "c.yaml:6:79: spec.checks[0].with.maxRedirects: 31 is out of range (allowed: 0 to 30)");
    }

    @Test
    void maxBodyBytesIsAtMostOneGibibyte() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", maxBodyBytes: 2GiB}}\n"));
        assertProblems(e, "c.yaml:6:79: spec.checks[0].with.maxBodyBytes: 2GiB is out of range (at most 1GiB)");
    }

    @Test
    void aBooleanParameterAcceptsOnlyTrueOrFalse() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", followRedirects: \"yes\"}}\n"));
        assertProblems(e, "c.yaml:6:82: spec.checks[0].with.followRedirects: expected true or false, found 'yes'");
    }

    @Test
    void aDurationParameterGetsTheUseEgHint() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", maxLatency: 10 secs}}\n"));
        assertProblems(e, "c.yaml:6:77: spec.checks[0].with.maxLatency: '10 secs' is not a duration"
                + " (use e.g. 500ms, 10s, 1m30s, 2h)");
    }

    @Test
    void anIpProtocolIsAutoIp4OrIp6() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", ipProtocol: ipv4}}\n"));
        assertProblems(e, "c.yaml:6:77: spec.checks[0].with.ipProtocol: 'ipv4' is not auto, ip4 or ip6");
    }

    @Test
    void aCaFileThatDoesNotExistIsRefusedWhenLoading(@TempDir Path dir) {
        Path missing = dir.resolve("ca.pem");
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", caFile: \"" + missing + "\"}}\n"));
        assertProblems(e, "c.yaml:6:73: spec.checks[0].with.caFile: cannot load CA certificates from " + missing
                + ": no such file");
    }

    @Test
    void aCaFileWithoutCertificatesIsRefused(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("ca.pem"), "");
        InvalidInputException e = invalid(withChecks(
                "    - {id: web, type: http, with: {url: \"https://example.com/\", caFile: \"" + empty + "\"}}\n"));
        assertProblems(e, "c.yaml:6:73: spec.checks[0].with.caFile: cannot load CA certificates from " + empty
                + ": no certificates in " + empty);
    }

    @Test
    void aTlsMinVersionMustBeATlsVersion() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: cert, type: tls, with: {address: \"example.com:443\", minVersion: SSLv3}}\n"));
        assertProblems(e, "c.yaml:6:76: spec.checks[0].with.minVersion: 'SSLv3' is not a TLS version"
                + " (one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
    }

    @Test
    void aTlsMinVersionMayBeWrittenWithoutThePrefix() throws InvalidInputException {
        load(withChecks("    - {id: cert, type: tls, with: {address: \"example.com\", minVersion: \"1.3\"}}\n"));
    }

    @Test
    void aTlsCaFileThatDoesNotExistIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("ca.pem");
        InvalidInputException e = invalid(withChecks(
                "    - {id: cert, type: tls, with: {address: \"example.com:443\", caFile: \"" + missing + "\"}}\n"));
        assertProblems(e, "c.yaml:6:72: spec.checks[0].with.caFile: cannot load CA certificates from " + missing
                + ": no such file");
    }

    @Test
    void anHstsPathStartsWithASlash() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: cert, type: tls, with: {address: \"example.com:443\", hsts: true, hstsPath: health}}\n"));
        assertProblems(e, "c.yaml:6:86: spec.checks[0].with.hstsPath: must start with /");
    }

    @Test
    void aTcpAddressNeedsAPort() {
        InvalidInputException e = invalid(withChecks("    - {id: db, type: tcp, with: {address: db.internal}}\n"));
        assertProblems(e, "c.yaml:6:43: spec.checks[0].with.address: 'db.internal' is not host:port"
                + " (e.g. db.internal:5432 or [::1]:6379)");
    }

    @Test
    void aTcpPortMustBeInRange() {
        InvalidInputException e = invalid(withChecks("    - {id: db, type: tcp, with: {address: \"db.internal:70000\"}}\n"));
        assertProblems(e, "c.yaml:6:43: spec.checks[0].with.address: 'db.internal:70000' is not host:port"
                + " (e.g. db.internal:5432 or [::1]:6379)");
    }

    @Test
    void aTcpExpectationMustBeARegularExpression() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: db, type: tcp, with: {address: \"db:6379\", send: \"PING\\r\\n\", expect: \"+PONG\"}}\n"));
        assertProblems(e, "c.yaml:6:80: spec.checks[0].with.expect: '+PONG' is not a regular expression:"
                + " Dangling meta character '+'");
    }

    @Test
    void aDnsRecordTypeIsAAaaaOrCname() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: mx, type: dns, with: {name: example.com, recordType: MX}}\n"));
        assertProblems(e, "c.yaml:6:65: spec.checks[0].with.recordType: 'MX' is not supported (one of A, AAAA, CNAME)");
    }

    @Test
    void aDnsNameMustBeADomainName() {
        InvalidInputException e = invalid(withChecks("    - {id: d, type: dns, with: {name: \"exa_mple..com\"}}\n"));
        assertProblems(e, "c.yaml:6:39: spec.checks[0].with.name: 'exa_mple..com' is not a domain name");
    }

    @Test
    void aDnsServerIsHostAndOptionalPort() {
        InvalidInputException e = invalid(withChecks(
                "    - {id: d, type: dns, with: {name: example.com, server: \"1.1.1.1:dns\"}}\n"));
        assertProblems(e, "c.yaml:6:60: spec.checks[0].with.server: '1.1.1.1:dns' is not host[:port]");
    }

    @Test
    void theFirstInvalidParameterOfACheckIsReportedAndOtherChecksStillAre() {
        InvalidInputException e = invalid(withChecks("""
                    - {id: a, type: tcp, with: {address: nope}}
                    - {id: b, type: dns, with: {name: example.com, recordType: MX}}
                """));
        assertProblems(e,
                "c.yaml:6:42: spec.checks[0].with.address: 'nope' is not host:port (e.g. db.internal:5432 or [::1]:6379)",
                "c.yaml:7:64: spec.checks[1].with.recordType: 'MX' is not supported (one of A, AAAA, CNAME)");
    }

    // --- conversion by the loader, seen through the echo type ---

    @Test
    void aWholeNumberParameterRefusesText() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, count: many}}\n"));
        assertProblems(e, "c.yaml:6:50: spec.checks[0].with.count: expected a whole number, found 'many'");
    }

    @Test
    void aWholeNumberParameterHasTheRangeItsTypeDeclares() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, count: 101}}\n"));
        assertProblems(e, "c.yaml:6:50: spec.checks[0].with.count: 101 is out of range (allowed: 0 to 100)");
    }

    @Test
    void aDurationParameterHasTheRangeItsTypeDeclares() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, wait: 5ms}}\n"));
        assertProblems(e, "c.yaml:6:49: spec.checks[0].with.wait: 5ms is out of range");
    }

    @Test
    void aSizeParameterMustBeASize() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, limit: lots}}\n"));
        assertProblems(e, "c.yaml:6:50: spec.checks[0].with.limit: 'lots' is not a size (use e.g. 4096, 64KiB, 10MiB, 1GB)");
    }

    @Test
    void aSizeParameterHasTheLimitItsTypeDeclares() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, limit: 2MiB}}\n"));
        assertProblems(e, "c.yaml:6:50: spec.checks[0].with.limit: 2MiB is out of range (at most 1MiB)");
    }

    @Test
    void aListParameterRefusesNestedLists() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: t, items: [a, [b]]}}\n"));
        assertProblems(e, "c.yaml:6:54: spec.checks[0].with.items[1]: expected a string, found a list");
    }

    @Test
    void aStringParameterRefusesAMapping() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: {a: 1}}}\n"));
        assertProblems(e, "c.yaml:6:40: spec.checks[0].with.text: expected a string, found a mapping");
    }

    @Test
    void aStringParameterRefusesNull() {
        InvalidInputException e = invalidWithEcho(withChecks("    - {id: e, type: echo, with: {text: ~}}\n"));
        assertProblems(e, "c.yaml:6:40: spec.checks[0].with.text: expected a string, found nothing (null)");
    }

    @Test
    void aCheckTypesOwnRefusalStandsAtTheParameterWithItsHint() {
        InvalidInputException e = invalidWithEcho(withChecks("""
                    - id: e
                      type: echo
                      with:
                        count: 2
                        text: reject
                """));
        assertProblems(e, "c.yaml:10:15: spec.checks[0].with.text: 'reject' is refused (write anything else)");
    }

    @Test
    void everyConversionProblemOfACheckIsReported() {
        InvalidInputException e = invalidWithEcho(withChecks("""
                    - id: e
                      type: echo
                      with: {text: t, count: x, flag: maybe, wait: soon}
                """));
        assertProblems(e,
                "c.yaml:8:30: spec.checks[0].with.count: expected a whole number, found 'x'",
                "c.yaml:8:39: spec.checks[0].with.flag: expected true or false, found 'maybe'",
                "c.yaml:8:52: spec.checks[0].with.wait: 'soon' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)");
        assertEquals(3, e.problems().size());
    }
}
