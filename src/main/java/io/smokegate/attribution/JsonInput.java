package io.smokegate.attribution;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the attribution inputs (alert files, deploy markers): syntax errors at file:line:col, field errors by path. */
final class JsonInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private JsonInput() {
    }

    static JsonNode read(String text, String file) throws InvalidInputException {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException(Problem.at(Position.of(file), "empty file; expected JSON"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Position position = at == null ? Position.of(file) : new Position(file, at.getLineNr(), at.getColumnNr());
            throw new InvalidInputException(Problem.at(position, "not valid JSON: " + e.getOriginalMessage()));
        }
    }

    static InvalidInputException problem(String file, String field, String message) {
        return new InvalidInputException(Problem.at(Position.of(file), field + ": " + message));
    }

    static String text(JsonNode node, String key, String file, String field) throws InvalidInputException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            throw problem(file, field + "." + key, "missing");
        }
        if (!v.isTextual()) {
            throw problem(file, field + "." + key, "expected a string");
        }
        return v.textValue();
    }

    static Instant time(JsonNode node, String key, String file, String field) throws InvalidInputException {
        String v = text(node, key, file, field);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw problem(file, field + "." + key, "'" + v + "' is not an RFC 3339 time such as 2026-05-01T12:00:00Z");
        }
    }

    static Map<String, String> strings(JsonNode node, String key, String file, String field) throws InvalidInputException {
        JsonNode v = node.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw problem(file, field + "." + key, "expected an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw problem(file, field + "." + key + "." + e.getKey(), "expected a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }
}
