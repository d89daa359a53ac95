package io.smokegate.testing;

/** Checklist files for tests that only need a checklist of one http check. */
public final class HttpChecklists {

    private HttpChecklists() {
    }

    /** A checklist named {@code name} with one http check, {@code probe}, of {@code url}. */
    public static String of(String name, String url, String timeout) {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: %s}
                spec:
                  checks:
                    - id: probe
                      type: http
                      timeout: %s
                      with: {url: "%s"}
                """.formatted(name, timeout, url);
    }

    /**
     * A gated checklist: one http check, {@code home}, of {@code url} (no retry), and an SLO of one objective on it,
     * {@code home-up} passing at 1, with {@code more} fields (e.g. {@code , key: true}); total 90 % to pass, 50 % to warn.
     */
    public static String gated(String name, String url, String more) {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: %s}
                spec:
                  checks: [{id: home, type: http, retries: 0, with: {url: "%s"}}]
                  slo:
                    total: {pass: 90%%, warning: 50%%}
                    objectives:
                      - {name: home-up, sli: "check.success{id=home}", pass: "=1"%s}
                """.formatted(name, url, more);
    }
}
