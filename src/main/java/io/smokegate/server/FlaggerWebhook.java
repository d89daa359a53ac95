package io.smokegate.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Flagger POSTs to a canary webhook ({@code CanaryWebhookPayload} in Flagger's v1beta1 API): the canary's
 * {@code name} and {@code namespace}, the {@code phase} of its analysis, a {@code checksum} of the applied spec, and
 * the webhook's own {@code metadata} (strings). The payload does not say which type of webhook sent it; event webhooks
 * are told apart by the keys Flagger adds to their metadata. Fields Flagger may add later are ignored.
 *
 * @param phase    null when absent
 * @param checksum null when absent (Flagger before 1.22 sends none)
 */
record FlaggerWebhook(String name, String namespace, String phase, String checksum, Map<String, String> metadata) {

    /** What a smokegate webhook looks like, for messages. */
    static final String EXAMPLE = "{\"name\": \"podinfo\", \"namespace\": \"test\", \"phase\": \"Progressing\", "
            + "\"metadata\": {\"checklist\": \"goproxy-public\"}}";

    private static final Set<String> EVENT_KEYS = Set.of("eventMessage", "eventType", "timestamp");

    FlaggerWebhook {
        metadata = Map.copyOf(metadata);
    }

    /** @throws IllegalArgumentException saying what is wrong with the payload */
    static FlaggerWebhook parse(JsonNode body) {
        String name = required(body, "name", "the canary's name");
        String namespace = required(body, "namespace", "the canary's namespace");
        String phase = JsonBodies.text(body, "phase");
        String checksum = JsonBodies.text(body, "checksum");
        JsonNode meta = body.get("metadata");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw new IllegalArgumentException("metadata must be an object of strings, as the webhook's metadata in the"
                        + " Canary is");
            }
            for (Map.Entry<String, JsonNode> e : meta.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("metadata." + e.getKey() + " must be a string");
                }
                metadata.put(e.getKey(), e.getValue().textValue());
            }
        }
        return new FlaggerWebhook(name, namespace, phase, checksum, metadata);
    }

    private static String required(JsonNode body, String field, String what) {
        String value = JsonBodies.text(body, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " (" + what + ") is missing; Flagger sends " + EXAMPLE);
        }
        return value;
    }

    /**
     * An event webhook's notification: Flagger puts the event's message, type and time in the metadata. All three,
     * since a notification is answered without a gate and Flagger takes that answer from any other webhook as a pass.
     */
    boolean event() {
        return metadata.keySet().containsAll(EVENT_KEYS);
    }

    /** The checklist to gate on. */
    String checklist() {
        String checklist = metadata.get("checklist");
        if (checklist == null || checklist.isBlank()) {
            throw new IllegalArgumentException("the webhook's metadata names no checklist: add metadata: {checklist: NAME}"
                    + " to the smokegate webhook of Canary " + namespace + "/" + name);
        }
        return checklist;
    }

    /** The release window asked for, or null. */
    String window() {
        return metadata.get("window");
    }

    /** The canary as the audit trail records it. */
    Map<String, String> about() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("canary", namespace + "/" + name);
        if (phase != null) {
            out.put("phase", phase);
        }
        if (checksum != null) {
            out.put("checksum", checksum);
        }
        return out;
    }
}
