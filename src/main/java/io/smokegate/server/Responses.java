package io.smokegate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** JSON responses and the one error shape of the API: {@code {"error": code, "message": text}}. */
final class Responses {

    private static final Logger LOG = Logger.getLogger(Responses.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /** A JSON object with fields in the order given (Map.of would shuffle them). */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static void json(RoutingContext ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = render(body);
        } catch (IllegalStateException e) {
            LOG.log(Level.SEVERE, "cannot render response", e);
            ctx.response().setStatusCode(500).end();
            return;
        }
        send(ctx, status, bytes);
    }

    /** Bodies are maps, lists and report views of our own: failing to serialise one is a bug. */
    static byte[] render(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }

    /** Sends JSON rendered beforehand. */
    static void send(RoutingContext ctx, int status, byte[] bytes) {
        send(ctx.response(), status, bytes);
    }

    static void send(HttpServerResponse response, int status, byte[] bytes) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(bytes).appendByte((byte) '\n'));
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, fields("error", code, "message", message));
    }

    /** For answers outside the router, such as to requests Vert.x could not parse. */
    static void error(HttpServerResponse response, int status, String code, String message) {
        send(response, status, render(fields("error", code, "message", message)));
    }

    /** A failure that escaped a handler: a generic 500 to the client, the details only to the log. */
    static void internal(RoutingContext ctx, Throwable t) {
        LOG.log(Level.SEVERE, "request failed: " + ctx.request().method() + " " + ctx.request().path(), t);
        error(ctx, 500, "internal", "internal error; the server log has the details");
    }
}
