package io.smokegate.testing;

import java.util.List;

/**
 * A checklist whose checks each get one parameter wrong with an environment value in it: every message about
 * them would show the value unless problems are redacted.
 */
public final class LeakyChecklist {

    /** The environment variable the checklist reads, and the value tests give it. */
    public static final String VARIABLE = "SMOKEGATE_TEST_SECRET";
    public static final String SECRET = "tok-Q7m2x9ZK4vB8pL3w";

    /** The parameter each check gets wrong, in order; the checks start on line 6. */
    public static final List<String> PARAMS =
            List.of("url", "address", "expectStatus", "maxLatency", "recordType", "bodyRegex", "method");

    private LeakyChecklist() {
    }

    /** The checklist, named {@code leaky}. */
    public static String yaml() {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: leaky}
                spec:
                  checks:
                    - {id: url, type: http, with: {url: "http://x/?t=${env:%1$s} y"}}
                    - {id: address, type: tcp, with: {address: "${env:%1$s}"}}
                    - {id: status, type: http, with: {url: "https://h/", expectStatus: "${env:%1$s}"}}
                    - {id: latency, type: http, with: {url: "https://h/", maxLatency: "${env:%1$s}"}}
                    - {id: record, type: dns, with: {name: example.com, recordType: "${env:%1$s}"}}
                    - {id: regex, type: http, with: {url: "https://h/", bodyRegex: "(${env:%1$s}"}}
                    - {id: method, type: http, with: {url: "https://h/", method: "${env:%1$s} x"}}
                """.formatted(VARIABLE);
    }
}
