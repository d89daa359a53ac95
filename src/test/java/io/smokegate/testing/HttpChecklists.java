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
}
