package io.smokegate.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Alertmanager webhook notification (payload version 4). Read leniently where Alertmanager has grown
 * fields over the years (unknown keys are ignored), strictly where smokegate relies on a field, and within
 * limits, since the body comes from the network. Firing alerts carry Go's zero time as {@code endsAt}.
 */
public record AlertmanagerPayload(
        String status,
        String receiver,
        String groupKey,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        String externalUrl,
        int truncatedAlerts,
        List<ReceivedAlert> alerts) {

    public static final int MAX_ALERTS = 1000;
    public static final int MAX_LABELS = 128;
    public static final int MAX_VALUE_CHARS = 16 * 1024;
    private static final Set<String> STATUSES = Set.of("firing", "resolved");
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    public AlertmanagerPayload {
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        alerts = List.copyOf(alerts);
    }

    /** Parses a notification; the exception's message names the field at fault. */
    public static AlertmanagerPayload parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object (an Alertmanager webhook notification)");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.asText().equals("4")) {
            throw new IllegalArgumentException("version: '" + version.asText() + "' is not supported; Alertmanager sends \"4\"");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new IllegalArgumentException("alerts: missing or not a list");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw new IllegalArgumentException("alerts: " + alerts.size() + " alerts, more than " + MAX_ALERTS
                    + "; set max_alerts in Alertmanager's webhook_config");
        }
        List<ReceivedAlert> parsed = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            parsed.add(alert(alerts.get(i), "alerts[" + i + "]"));
        }
        return new AlertmanagerPayload(status(root, "status"), text(root, "receiver", ""), text(root, "groupKey", ""),
                labels(root.get("groupLabels"), "groupLabels"), labels(root.get("commonLabels"), "commonLabels"),
                text(root, "externalURL", ""), root.path("truncatedAlerts").asInt(0), parsed);
    }

    private static ReceivedAlert alert(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": expected an object");
        }
        Map<String, String> labels = labels(node.get("labels"), field + ".labels");
        String alertname = labels.get("alertname");
        if (alertname == null || alertname.isEmpty()) {
            throw new IllegalArgumentException(field + ".labels.alertname: missing");
        }
        String fingerprint = text(node, "fingerprint", "");
        if (!fingerprint.matches("[0-9a-f]{1,64}")) {
            throw new IllegalArgumentException(field + ".fingerprint: '" + clip(fingerprint) + "' is not a hex fingerprint");
        }
        Instant startsAt = time(node, "startsAt", field).orElseThrow(() ->
                new IllegalArgumentException(field + ".startsAt: missing"));
        return new ReceivedAlert(fingerprint, status(node, field + ".status"), alertname, startsAt,
                time(node, "endsAt", field), labels, labels(node.get("annotations"), field + ".annotations"));
    }

    private static String status(JsonNode node, String field) {
        String status = node.path("status").asText("");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException(field + ": '" + clip(status) + "' is not firing or resolved");
        }
        return status;
    }

    private static Optional<Instant> time(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asText().isEmpty() || v.asText().equals(ZERO_TIME)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + "." + key + ": '" + clip(v.asText()) + "' is not an RFC 3339 time");
        }
    }

    private static Map<String, String> labels(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": expected an object of strings");
        }
        if (node.size() > MAX_LABELS) {
            throw new IllegalArgumentException(field + ": more than " + MAX_LABELS + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(field + "." + clip(e.getKey()) + ": expected a string");
            }
            if (e.getKey().length() > MAX_VALUE_CHARS || e.getValue().textValue().length() > MAX_VALUE_CHARS) {
                throw new IllegalArgumentException(field + "." + clip(e.getKey()) + ": longer than " + MAX_VALUE_CHARS
                        + " characters");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        return v == null || !v.isTextual() ? fallback : v.textValue();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
