package io.smokegate.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.input.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One deploy of a service: which commit reached which environment when (the shape of POST /api/v1/deployments). */
public record DeployMarker(String service, String environment, String repository, String commit, Instant time) {

    /** Parses a JSON array of markers; {@code environment} and {@code repository} may be left out. */
    public static List<DeployMarker> parseAll(String text, String file) throws InvalidInputException {
        JsonNode root = JsonInput.read(text, file);
        if (!root.isArray()) {
            throw JsonInput.problem(file, "$", "expected a list of deploy markers "
                    + "[{\"service\",\"environment\",\"repository\",\"commit\",\"time\"}]");
        }
        List<DeployMarker> markers = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode m = root.get(i);
            String field = "[" + i + "]";
            if (!m.isObject()) {
                throw JsonInput.problem(file, field, "expected a deploy marker object");
            }
            String commit = JsonInput.text(m, "commit", file, field);
            if (!commit.matches("[0-9a-fA-F]{4,64}")) {
                throw JsonInput.problem(file, field + ".commit", "'" + commit + "' is not a commit id (hex)");
            }
            markers.add(new DeployMarker(JsonInput.text(m, "service", file, field), m.path("environment").asText(""),
                    m.path("repository").asText(""), commit.toLowerCase(java.util.Locale.ROOT),
                    JsonInput.time(m, "time", file, field)));
        }
        return markers;
    }
}
