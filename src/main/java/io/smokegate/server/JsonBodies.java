package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Request bodies that must be one JSON object with known fields; problems are IllegalArgumentExceptions. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode object(RoutingContext ctx, Set<String> fields, String example) {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(ctx.body().asString());
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object such as " + example);
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
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
