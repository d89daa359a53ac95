package io.smokegate.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Request bodies that must be one JSON object with known fields; problems are IllegalArgumentExceptions. */
final class JsonBodies {

    /** Bodies with a field twice are refused: which of the two counts would be a guess. */
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** How Jackson's message for a duplicate starts; GateApiTest notices if that changes. */
    private static final String DUPLICATE = "Duplicate field";

    private JsonBodies() {
    }

    static JsonNode object(RoutingContext ctx, Set<String> fields, String example) {
        JsonNode body = object(ctx, example);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
        return body;
    }

    /** One JSON object with any fields: for payloads of other programs, which may add fields in later versions. */
    static JsonNode object(RoutingContext ctx, String example) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("request body is empty; send a JSON object such as " + example);
        }
        JsonNode body;
        try {
            body = STRICT.readTree(text);
        } catch (IOException e) {
            if (e instanceof StreamReadException s && s.getOriginalMessage().startsWith(DUPLICATE)) {
                // The rest of the message is the field's name in quotes.
                throw new IllegalArgumentException("request body has the field " + s.getOriginalMessage().substring(DUPLICATE.length()).strip()
                        + " more than once");
            }
            throw new IllegalArgumentException("request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object such as " + example);
        }
        return body;
    }

    /** A string field, or null when absent or null. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.textValue();
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
