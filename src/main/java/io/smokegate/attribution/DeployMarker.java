package io.smokegate.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.input.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One deploy of a service: which commit reached which environment when (the shape of POST /api/v1/deployments).
 *
 * <p>{@code commit} is null when the deploy names no Git revision (a ReplicaSet rollout without a revision
 * annotation): such a marker still dates a deploy (DORA counts it) but cannot bound a commit range.
 * {@code version} is what was deployed when it is not a commit, or in addition to it: image references, a chart
 * version; null when unknown. {@code source} says where the marker came from ({@code argocd}, {@code flux},
 * {@code replicaset}, ...); null for markers posted by CI.
 */
public record DeployMarker(String service, String environment, String repository, String commit, Instant time,
                           String version, String source) {

    /** A marker as CI posts it: a commit, no version, no source. */
    public DeployMarker(String service, String environment, String repository, String commit, Instant time) {
        this(service, environment, repository, commit, time, null, null);
    }

    /**
     * Parses a JSON array of markers; {@code environment} and {@code repository} may be left out, {@code version}
     * is optional.
     */
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
            JsonNode version = m.path("version");
            markers.add(new DeployMarker(JsonInput.text(m, "service", file, field), m.path("environment").asText(""),
                    m.path("repository").asText(""), commit.toLowerCase(java.util.Locale.ROOT),
                    JsonInput.time(m, "time", file, field), version.isTextual() ? version.asText() : null, null));
        }
        return markers;
    }
}
