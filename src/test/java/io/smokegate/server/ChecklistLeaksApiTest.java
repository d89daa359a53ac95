package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.LeakyChecklist;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code GET /api/v1/checklists} shows of broken files, through the real API: neither the lines of a
 * file a symbolic link leads to outside the directory, nor values a checklist took from the environment.
 */
class ChecklistLeaksApiTest {

    private static final String FOREIGN = "root:*:20228:0:99999:7:::\nsvc:$6$saltsalt$c2VjcmV0:20228:0:99999:7:::\n";

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(5), null,
                Map.of(LeakyChecklist.VARIABLE, LeakyChecklist.SECRET));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** The problems of the invalid file {@code file}, from the listing. */
    private static List<String> problemsOf(HttpResponse<String> listing, String file) throws Exception {
        List<String> problems = new ArrayList<>();
        for (JsonNode invalid : json(listing).get("invalid")) {
            if (invalid.get("file").asText().equals(file)) {
                invalid.get("problems").forEach(p -> problems.add(p.asText()));
            }
        }
        return problems;
    }

    @Test
    void aChecklistLinkedToAFileOutsideTheDirectoryIsListedWithoutTheFilesLines() throws Exception {
        Path secret = Files.writeString(outside.resolve("shadow"), FOREIGN);
        Files.createSymbolicLink(api.checklists.resolve("shadow.yaml"), secret);

        HttpResponse<String> r = api.get("/api/v1/checklists");

        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("20228") || r.body().contains("root:") || r.body().contains("svc"), r.body());
        List<String> problems = problemsOf(r, "shadow.yaml");
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).endsWith("shadow.yaml: a symbolic link that leads out of the checklist directory;"
                + " it is not read (copy the file into the directory, or link to a file inside it)"), problems.get(0));
    }

    @Test
    void anSloFileLinkedOutOfTheDirectoryIsListedWithoutTheFilesLines() throws Exception {
        Path secret = Files.writeString(outside.resolve("shadow"), FOREIGN);
        Files.createSymbolicLink(api.checklists.resolve("link.slo.yaml"), secret);
        api.checklist("gated.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: gated}
                spec:
                  checks: [{id: probe, type: tcp, with: {address: "127.0.0.1:1"}}]
                  slo: link.slo.yaml
                """);

        HttpResponse<String> r = api.get("/api/v1/checklists");

        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("20228") || r.body().contains("root:") || r.body().contains("svc"), r.body());
        List<String> problems = problemsOf(r, "gated.yaml");
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("link.slo.yaml: a symbolic link that leads out of the"
                + " checklist directory; it is not read (copy the file into the directory, or link to a file inside it)")),
                problems::toString);
    }

    @Test
    void secretsInInvalidParametersAreNotListed() throws Exception {
        api.checklist("leaky.yaml", LeakyChecklist.yaml());

        HttpResponse<String> r = api.get("/api/v1/checklists");

        assertEquals(200, r.statusCode());
        assertFalse(r.body().toLowerCase(Locale.ROOT).contains(LeakyChecklist.SECRET.toLowerCase(Locale.ROOT)), r.body());
        List<String> problems = problemsOf(r, "leaky.yaml");
        assertEquals(LeakyChecklist.PARAMS.size(), problems.size(), problems::toString);
        for (String param : LeakyChecklist.PARAMS) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(".with." + param + ": ") && p.contains("«redacted»")),
                    param + " in " + problems);
        }
    }
}
