package io.smokegate.gomod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The JSON of {@code .info} and {@code @latest}: {@code {"Version": ..., "Time": ...}}, more fields allowed. */
public record VersionInfo(String version, Instant time) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException naming what is wrong, in words for a failure message */
    public static VersionInfo parse(String endpoint, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(endpoint + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(endpoint + " is not a JSON object");
        }
        JsonNode version = root.get("Version");
        if (version == null || !version.isTextual() || version.textValue().isEmpty()) {
            throw new IllegalArgumentException(endpoint + " has no Version");
        }
        if (!Semver.isValid(version.textValue()) || !Semver.canonical(version.textValue()).equals(version.textValue())) {
            throw new IllegalArgumentException(endpoint + " Version '" + version.textValue() + "' is not a canonical version");
        }
        JsonNode time = root.get("Time");
        if (time == null || time.isNull()) {
            return new VersionInfo(version.textValue(), null);
        }
        try {
            return new VersionInfo(version.textValue(), OffsetDateTime.parse(time.asText()).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(endpoint + " Time '" + time.asText() + "' is not an RFC 3339 time");
        }
    }
}
