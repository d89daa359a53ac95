package io.smokegate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A checklist of one check, {@code probe}, that names its SLO in {@code spec.slo}, and an SLO file about that check. */
public final class SloFiles {

    /** An SLO file's text: one key objective on the check {@code probe}. */
    public static final String SLO = """
            objectives:
              - {name: probe-up, sli: "check.success{id=probe}", pass: "=1", key: true}
            total: {pass: 90%}
            """;

    private SloFiles() {
    }

    /** Writes {@code dir/file}: checklist {@code name}, one http check {@code probe}, {@code spec.slo: sloReference}. */
    public static Path checklist(Path dir, String file, String name, String sloReference) throws IOException {
        return Files.writeString(dir.resolve(file), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: %s}
                spec:
                  checks:
                    - {id: probe, type: http, with: {url: "https://proxy.example/"}}
                  slo: %s
                """.formatted(name, sloReference));
    }
}
