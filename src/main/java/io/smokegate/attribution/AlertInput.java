package io.smokegate.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.input.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert to attribute: from an Alertmanager webhook payload (version 4; its first firing alert) or from a
 * single alert object ({@code labels}, {@code annotations}, {@code startsAt}, optional {@code fingerprint}).
 */
public record AlertInput(
        String alertname,
        Optional<String> fingerprint,
        Instant startsAt,
        Map<String, String> labels,
        Map<String, String> annotations) {

    /** Alert labels that name the service, in the order they are tried. */
    public static final List<String> DEFAULT_SERVICE_LABELS = List.of("service", "app", "job");

    public AlertInput {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The service the alert is about: the first of {@code serviceLabels} the alert carries. */
    public Optional<String> service(List<String> serviceLabels) {
        return serviceLabels.stream().map(labels::get).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    /** Parses an alert file; problems name the file and the line:column (syntax) or the field (content). */
    public static AlertInput parse(String text, String file) throws InvalidInputException {
        JsonNode root = JsonInput.read(text, file);
        if (!root.isObject()) {
            throw JsonInput.problem(file, "$", "expected an object: an Alertmanager webhook payload or one alert");
        }
        if (!root.has("alerts")) {
            return alert(root, file, "$");
        }
        JsonNode alerts = root.get("alerts");
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw JsonInput.problem(file, "alerts", "expected a non-empty list of alerts");
        }
        int chosen = 0;
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).path("status").asText("firing").equals("firing")) {
                chosen = i;
                break;
            }
        }
        return alert(alerts.get(chosen), file, "alerts[" + chosen + "]");
    }

    private static AlertInput alert(JsonNode node, String file, String field) throws InvalidInputException {
        if (!node.isObject()) {
            throw JsonInput.problem(file, field, "expected an alert object");
        }
        if (!node.has("labels")) {
            throw JsonInput.problem(file, field + ".labels", "missing; an alert needs its labels");
        }
        Map<String, String> labels = JsonInput.strings(node, "labels", file, field);
        Instant startsAt = JsonInput.time(node, "startsAt", file, field);
        Optional<String> fingerprint = node.path("fingerprint").isTextual() && !node.get("fingerprint").textValue().isBlank()
                ? Optional.of(node.get("fingerprint").textValue()) : Optional.empty();
        return new AlertInput(labels.getOrDefault("alertname", ""), fingerprint, startsAt, labels,
                JsonInput.strings(node, "annotations", file, field));
    }
}
